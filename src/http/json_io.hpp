// Strict JSON request bodies and JSON responses (nlohmann::json; kept to the http/ layer).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"

namespace ipa::http {

using Json = nlohmann::json;

inline constexpr int kMaxJsonDepth = 32;

// Parses `body` as one JSON object. kInvalidArgument naming the byte offset for a syntax
// error, too deep nesting, invalid UTF-8 or a non-object.
core::Result<Json> ParseJsonObject(const std::string& body);

// Reads the fields of a JSON object strictly: wrong types are errors naming the field, and
// Finish() rejects any field that was not read (no mass assignment).
class FieldReader {
 public:
  explicit FieldReader(const Json& object, std::string prefix = "");

  // Absent → nullopt; null → "" (clears the field); a non-string → error.
  core::Result<std::optional<std::string>> String(const std::string& name);
  core::Result<std::string> RequiredString(const std::string& name);
  core::Result<std::optional<bool>> Bool(const std::string& name);
  // Absent → nullopt; null → optional holding nullopt.
  core::Result<std::optional<std::optional<int64_t>>> NullableInt(const std::string& name);
  core::Result<std::optional<int64_t>> Int(const std::string& name);
  core::Result<std::optional<std::vector<std::string>>> StringList(const std::string& name,
                                                                   size_t max_items);
  // A nested object, read with its own FieldReader (prefix "name."). Absent → nullopt.
  core::Result<std::optional<FieldReader>> Object(const std::string& name);
  core::Status Finish() const;

 private:
  core::Result<const Json*> Get(const std::string& name);
  std::string Qualified(const std::string& name) const { return prefix_ + name; }

  const Json* object_;
  std::string prefix_;
  std::set<std::string> read_;
};

Response JsonResponse(const Json& body, int status = 200);

// `limit` from the query string: 1..200, default 50. kInvalidArgument otherwise.
core::Result<int> ParseLimit(const Request& req);

// The version in an If-Match header ("3" or W/"3"). kPreconditionRequired when absent,
// kInvalidArgument when it is not a version this server produced.
core::Result<int64_t> ParseIfMatch(const Request& req);

// A positive decimal id from a path parameter; kNotFound otherwise.
core::Result<int64_t> ParseId(const std::string& text, const std::string& what);

}  // namespace ipa::http
