// Plain request and response structs: what handlers take and return, so most API tests run
// in process without sockets. server.cpp converts them from and to Beast messages.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

namespace ipa::http {

// An upload body the server spooled to a file (under ServerOptions::spool_dir) instead of
// holding it in memory. The file is mapped read-only on demand; the mapping is released and the
// file removed when the last Request holding it goes away (a handler may first rename the file
// elsewhere to keep it: see TakeFile).
class SpooledBody {
 public:
  // Takes over `path` (a complete file of `size` bytes); nothing is mapped yet.
  SpooledBody(std::string path, size_t size) : path_(std::move(path)), size_(size) {}
  ~SpooledBody();
  SpooledBody(const SpooledBody&) = delete;
  SpooledBody& operator=(const SpooledBody&) = delete;

  const std::string& path() const { return path_; }
  size_t size() const { return size_; }
  // The whole file, mapped read-only (empty for an empty file or when mapping fails: check
  // Mapped()). Thread-safe; maps on the first call.
  std::string_view View() const;
  bool Mapped() const;
  // Moves the file to `dest` (rename, or copy and remove across file systems); afterwards the
  // destructor leaves it alone. False (errno-style message in `error`) on failure.
  bool TakeFile(const std::string& dest, std::string& error);

 private:
  std::string path_;
  size_t size_;
  mutable std::mutex mu_;
  mutable void* map_ = nullptr;
  mutable bool map_tried_ = false;
  bool taken_ = false;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query as received
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;                     // the body when held in memory
  std::shared_ptr<SpooledBody> spooled;  // the body when spooled to a file (uploads); `body` is then ""
  std::string remote_ip;

  // The header's value or "" (name in lower case).
  const std::string& Header(const std::string& name) const;
  // The body wherever it lives (memory or the mapped spool file).
  std::string_view BodyView() const { return spooled ? spooled->View() : std::string_view(body); }
  size_t BodySize() const { return spooled ? spooled->size() : body.size(); }
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
