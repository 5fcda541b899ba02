// Plain request and response structs: what handlers take and return, so most API tests run
// in process without sockets. server.cpp converts them from and to Beast messages.
#pragma once

#include <map>
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

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
  const std::string* FindHeader(std::string_view name) const;
};

// Splits a request target into its decoded path and query parameters. Returns false when the
// target is malformed (bad percent-encoding, not starting with '/').
bool ParseTarget(const std::string& target, std::string& path,
                 std::map<std::string, std::string>& query);

}  // namespace ipa::http
