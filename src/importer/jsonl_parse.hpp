// The project's JSON Lines format, reading side: one line of JSON into a Patent, strictly
// (unknown fields and wrong types are errors naming the field).
#pragma once

#include <expected>
#include <memory>
#include <string_view>

#include "core/patent.hpp"
#include "importer/field_parse.hpp"

namespace ipa::importer {

// Reuses its buffers across lines; not thread-safe.
class PatentJsonParser {
 public:
  PatentJsonParser();
  ~PatentJsonParser();
  PatentJsonParser(PatentJsonParser&&) noexcept;
  PatentJsonParser& operator=(PatentJsonParser&&) noexcept;

  // The patent in `line` (one JSON object), or the first field at fault: "" for malformed JSON
  // or a value that is not an object, the field path ("events[2].date") for an unknown field,
  // a wrong type or a bad value, "application_number" when there is neither a number nor a
  // title (kNoIdentity).
  std::expected<core::Patent, FieldError> Parse(std::string_view line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipa::importer
