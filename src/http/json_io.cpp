#include "http/json_io.hpp"

#include <charconv>

#include "core/text.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;

// Nesting depth outside strings; stops early past the limit.
int MaxDepth(const std::string& s) {
  int depth = 0, max = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > max) max = depth;
      if (max > kMaxJsonDepth) return max;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return max;
}

std::string TypeName(const Json& j) { return j.type_name(); }

}  // namespace

core::Result<Json> ParseJsonObject(const std::string& body) {
  if (body.empty()) return Fail(ErrorCode::kInvalidArgument, "the request needs a JSON body");
  if (!core::IsValidUtf8(body)) return Fail(ErrorCode::kInvalidArgument, "the body is not valid UTF-8");
  if (MaxDepth(body) > kMaxJsonDepth) {
    return Fail(ErrorCode::kInvalidArgument,
                "the JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  Json j;
  try {
    j = Json::parse(body, nullptr, false);
  } catch (const Json::exception& e) {
    // Even without exceptions the parser throws on numbers out of range (1e400).
    return Fail(ErrorCode::kInvalidArgument, "malformed JSON: " + std::string(e.what()).substr(0, 160));
  }
  if (j.is_discarded()) {
    // Parse again with exceptions only to learn where it failed.
    try {
      Json ignored = Json::parse(body);
      (void)ignored;
    } catch (const Json::parse_error& e) {
      return Fail(ErrorCode::kInvalidArgument,
                  "malformed JSON at byte " + std::to_string(e.byte) + ": " +
                      std::string(e.what()).substr(0, 160));
    } catch (const Json::exception& e) {
      return Fail(ErrorCode::kInvalidArgument, "malformed JSON: " + std::string(e.what()).substr(0, 160));
    }
    return Fail(ErrorCode::kInvalidArgument, "malformed JSON");
  }
  if (!j.is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "the body must be a JSON object, got " + TypeName(j));
  }
  return j;
}

FieldReader::FieldReader(const Json& object, std::string prefix)
    : object_(&object), prefix_(std::move(prefix)) {}

core::Result<const Json*> FieldReader::Get(const std::string& name) {
  read_.insert(name);
  auto it = object_->find(name);
  if (it == object_->end()) return nullptr;
  return &*it;
}

core::Result<std::optional<std::string>> FieldReader::String(const std::string& name) {
  IPA_TRY(v, Get(name));
  if (!v) return std::optional<std::string>();
  if (v->is_null()) return std::optional<std::string>("");
  if (!v->is_string()) {
    return Fail(ErrorCode::kInvalidArgument,
                Qualified(name) + ": expected a string, got " + TypeName(*v), Qualified(name));
  }
  return std::optional<std::string>(v->get<std::string>());
}

core::Result<std::string> FieldReader::RequiredString(const std::string& name) {
  IPA_TRY(v, String(name));
  if (!v || v->empty()) {
    return Fail(ErrorCode::kInvalidArgument, Qualified(name) + ": is required", Qualified(name));
  }
  return *v;
}

core::Result<std::optional<bool>> FieldReader::Bool(const std::string& name) {
  IPA_TRY(v, Get(name));
  if (!v) return std::optional<bool>();
  if (!v->is_boolean()) {
    return Fail(ErrorCode::kInvalidArgument,
                Qualified(name) + ": expected true or false, got " + TypeName(*v), Qualified(name));
  }
  return std::optional<bool>(v->get<bool>());
}

core::Result<std::optional<std::optional<int64_t>>> FieldReader::NullableInt(const std::string& name) {
  using R = std::optional<std::optional<int64_t>>;
  IPA_TRY(v, Get(name));
  if (!v) return R();
  if (v->is_null()) return R(std::optional<int64_t>());
  if (!v->is_number_integer()) {
    return Fail(ErrorCode::kInvalidArgument,
                Qualified(name) + ": expected an integer, got " + TypeName(*v), Qualified(name));
  }
  return R(std::optional<int64_t>(v->get<int64_t>()));
}

core::Result<std::optional<int64_t>> FieldReader::Int(const std::string& name) {
  IPA_TRY(v, NullableInt(name));
  if (v && !*v) {
    return Fail(ErrorCode::kInvalidArgument, Qualified(name) + ": must not be null", Qualified(name));
  }
  return v ? std::optional<int64_t>(**v) : std::nullopt;
}

core::Result<std::optional<std::vector<std::string>>> FieldReader::StringList(
    const std::string& name, size_t max_items) {
  IPA_TRY(v, Get(name));
  if (!v) return std::optional<std::vector<std::string>>();
  if (v->is_null()) return std::optional<std::vector<std::string>>(std::vector<std::string>());
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument, Qualified(name) + ": expected a list of strings",
                Qualified(name));
  };
  if (!v->is_array()) return bad();
  if (v->size() > max_items) {
    return Fail(ErrorCode::kInvalidArgument,
                Qualified(name) + ": at most " + std::to_string(max_items) + " items", Qualified(name));
  }
  std::vector<std::string> out;
  for (const Json& item : *v) {
    if (!item.is_string()) return bad();
    out.push_back(item.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

core::Result<std::optional<FieldReader>> FieldReader::Object(const std::string& name) {
  IPA_TRY(v, Get(name));
  if (!v || v->is_null()) return std::optional<FieldReader>();
  if (!v->is_object()) {
    return Fail(ErrorCode::kInvalidArgument,
                Qualified(name) + ": expected an object, got " + TypeName(*v), Qualified(name));
  }
  return std::optional<FieldReader>(FieldReader(*v, Qualified(name) + "."));
}

core::Status FieldReader::Finish() const {
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    if (!read_.contains(it.key())) {
      const std::string field = Qualified(it.key()).substr(0, 100);
      return Fail(ErrorCode::kInvalidArgument, field + ": unknown field", field);
    }
  }
  return {};
}

Response JsonResponse(const Json& body, int status) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

core::Result<int> ParseLimit(const Request& req) {
  auto it = req.query.find("limit");
  if (it == req.query.end() || it->second.empty()) return 50;
  int n = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), n);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || n < 1 || n > 200) {
    return Fail(ErrorCode::kInvalidArgument, "limit: a whole number from 1 to 200", "limit");
  }
  return n;
}

core::Result<int64_t> ParseIfMatch(const Request& req) {
  std::string v(core::Trim(req.Header("if-match")));
  if (v.empty()) {
    return Fail(ErrorCode::kPreconditionRequired,
                "send If-Match with the ETag from GET, so no one's change is lost", "If-Match");
  }
  if (v.starts_with("W/")) v = v.substr(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  int64_t version = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc() || p != v.data() + v.size() || version < 1) {
    return Fail(ErrorCode::kInvalidArgument, "If-Match: not an ETag this server produced", "If-Match");
  }
  return version;
}

core::Result<int64_t> ParseId(const std::string& text, const std::string& what) {
  int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id < 1) {
    return Fail(ErrorCode::kNotFound, what + " '" + text.substr(0, 40) + "' not found");
  }
  return id;
}

}  // namespace ipa::http
