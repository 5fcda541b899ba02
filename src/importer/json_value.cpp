#include "importer/json_value.hpp"

namespace ipa::importer::json {

std::unexpected<FieldError> Fail(simdjson::error_code e, std::string_view path,
                                 std::string_view expected) {
  if (e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_OUT_OF_RANGE) {
    return std::unexpected(FieldError{std::string(path), "must be " + std::string(expected)});
  }
  return std::unexpected(
      FieldError{std::string(path), std::string("malformed JSON: ") + simdjson::error_message(e)});
}

std::unexpected<FieldError> Invalid(std::string_view path, std::string reason) {
  return std::unexpected(FieldError{std::string(path), std::move(reason)});
}

bool IsNull(od::value& v) {
  bool null = false;
  return !v.is_null().get(null) && null;
}

Step ReadString(od::value& v, std::string_view path, std::string& out) {
  if (IsNull(v)) return {};
  std::string_view s;
  if (auto e = v.get_string().get(s)) return Fail(e, path, "a string");
  out.assign(s);
  return {};
}

Step ReadInt(od::value& v, std::string_view path, int64_t lo, int64_t hi, int64_t& out) {
  if (IsNull(v)) return {};
  int64_t n = 0;
  if (auto e = v.get_int64().get(n)) return Fail(e, path, "a whole number");
  if (n < lo || n > hi) {
    return Invalid(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  out = n;
  return {};
}

Step ReadDate(od::value& v, std::string_view path, std::optional<core::Date>& out) {
  std::string text;
  if (auto s = ReadString(v, path, text); !s) return s;
  if (text.empty()) return {};
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const auto d = shaped ? core::ParseDateText(text) : std::nullopt;
  if (!d) return Invalid(path, "'" + text.substr(0, 40) + "' is not a real date YYYY-MM-DD");
  out = d;
  return {};
}

Step ReadStrings(od::value& v, std::string_view path, std::vector<std::string>& out) {
  return ForEach(v, path, [&](od::value& item, const std::string& p) -> Step {
    std::string s;
    if (auto r = ReadString(item, p, s); !r) return r;
    out.push_back(std::move(s));
    return {};
  });
}

}  // namespace ipa::importer::json
