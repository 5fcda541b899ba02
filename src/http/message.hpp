// Plain request and response structs: what handlers take and return, so most API tests run
// in process without sockets. server.cpp converts them from and to Beast messages.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ipa::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query as received
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;

  // The header's value or "" (name in lower case).
  const std::string& Header(const std::string& name) const;
};

// A response body produced piece by piece and sent with chunked transfer encoding, for bodies
// too large to hold (exports without a cap). The server calls Next from a worker thread, one
// call at a time, until it returns false; a client that goes away ends the stream early (the
// stream is destroyed without being drained).
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // Fills `chunk` (replacing its content) with the next piece; false when nothing follows
  // (`chunk` may still hold a last piece).
  virtual bool Next(std::string& chunk) = 0;
};

// A BodyStream fed by `producer` on its own thread through a small bounded queue. The producer
// calls `emit(piece)` for each piece; emit returns false once the consumer is gone, and the
// producer should then return. Memory stays bounded by the queue whatever the body's size.
using BodyProducer = std::function<void(const std::function<bool(std::string)>& emit)>;
std::shared_ptr<BodyStream> ProduceBody(BodyProducer producer);

// Drains a stream into one string (in-process tests and small bodies).
std::string DrainBody(BodyStream& stream);

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::shared_ptr<BodyStream> stream;  // when set, the body is this (chunked) and `body` is ignored

  void SetHeader(std::string name, std::string value);
  const std::string* FindHeader(std::string_view name) const;
};

// Splits a request target into its decoded path and query parameters. Returns false when the
// target is malformed (bad percent-encoding, not starting with '/').
bool ParseTarget(const std::string& target, std::string& path,
                 std::map<std::string, std::string>& query);

}  // namespace ipa::http
