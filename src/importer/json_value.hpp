// Internal to the importer: strict reading of simdjson on-demand values into plain fields, with
// errors naming the field path ("events[2].date"). Wrong types and bad values are FieldErrors.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "importer/field_parse.hpp"

namespace ipa::importer::json {

namespace od = simdjson::ondemand;
using Step = std::expected<void, FieldError>;

// "must be <expected>" for a type mismatch, "malformed JSON: ..." for a syntax error.
std::unexpected<FieldError> Fail(simdjson::error_code e, std::string_view path,
                                 std::string_view expected);
std::unexpected<FieldError> Invalid(std::string_view path, std::string reason);
inline Step Unknown(std::string_view path) { return Invalid(path, "unknown field"); }

// Each reader leaves `out` unchanged for JSON null.
bool IsNull(od::value& v);
Step ReadString(od::value& v, std::string_view path, std::string& out);
Step ReadInt(od::value& v, std::string_view path, int64_t lo, int64_t hi, int64_t& out);
Step ReadDate(od::value& v, std::string_view path, std::optional<core::Date>& out);  // "YYYY-MM-DD"
Step ReadStrings(od::value& v, std::string_view path, std::vector<std::string>& out);

// Calls item(value, path) for each element of an array (null counts as empty).
template <class Fn>
Step ForEach(od::value& v, std::string_view path, Fn&& item) {
  if (IsNull(v)) return {};
  od::array array;
  if (auto e = v.get_array().get(array)) return Fail(e, path, "an array");
  size_t i = 0;
  for (auto element : array) {
    const std::string element_path = std::string(path) + "[" + std::to_string(i++) + "]";
    od::value ev;
    if (auto e = std::move(element).get(ev)) return Fail(e, element_path, "a value");
    if (auto s = item(ev, element_path); !s) return s;
  }
  return {};
}

// Calls field(key, value, path) for each member of an object; `v` is a value or a document.
template <class V, class Fn>
Step ForFields(V& v, std::string_view path, Fn&& field) {
  od::object object;
  if (auto e = v.get_object().get(object)) return Fail(e, path, "an object");
  for (auto member : object) {
    od::field f;
    std::string_view key;
    if (auto e = std::move(member).get(f)) return Fail(e, path, "an object");
    if (auto e = f.unescaped_key().get(key)) return Fail(e, path, "an object");
    std::string field_path(path);
    if (!field_path.empty()) field_path += '.';
    field_path += key;
    od::value fv = f.value();
    if (auto s = field(key, fv, field_path); !s) return s;
  }
  return {};
}

// A name from one of the format's enums, via `parse(text) -> optional<E>`.
template <class E, class ParseFn>
Step ReadName(od::value& v, std::string_view path, ParseFn&& parse, E& out) {
  std::string text;
  if (auto s = ReadString(v, path, text); !s) return s;
  const std::optional<E> e = parse(text);
  if (!e) return Invalid(path, "unknown value '" + text.substr(0, 40) + "'");
  out = *e;
  return {};
}

}  // namespace ipa::importer::json
