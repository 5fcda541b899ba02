// Parsing helpers shared by the readers: optional dates, lists, integers, and the field error
// a record mapping returns.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace ipa::importer {

// A record needs an application number, a publication number or at least a title: records
// known only by title (and filing date, applicant) get a content key in core::NormalizePatent.
inline constexpr std::string_view kNoIdentity =
    "no application number, publication number or title to identify the record";

// Why one field of a record could not be used.
struct FieldError {
  std::string field;
  std::string reason;
};

// Returns the FieldError from an expression yielding std::expected<T, FieldError>.
#define IPA_FIELD_CHECK(...)                                      \
  do {                                                            \
    if (auto ipa_field_step_ = (__VA_ARGS__); !ipa_field_step_) { \
      return std::unexpected(std::move(ipa_field_step_.error())); \
    }                                                             \
  } while (0)

// "" / "0" / "00000000" → nullopt (no date); YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD, YYYY/M/D, with an
// optional time after a space or 'T' that is ignored. Otherwise the reason the text is no date.
std::expected<std::optional<core::Date>, std::string> ParseOptionalDate(std::string_view text);

// Splits on ';', '；' (full width) and '|'; items trimmed, empty items dropped.
std::vector<std::string> SplitList(std::string_view text);

// A whole decimal integer (optional sign), or nullopt.
std::optional<int64_t> ParseInteger(std::string_view text);

}  // namespace ipa::importer
