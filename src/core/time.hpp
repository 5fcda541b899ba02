// Wall-clock time as Unix milliseconds, ISO 8601 formatting and calendar-date validation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::core {

// Milliseconds since the Unix epoch (UTC).
int64_t NowMs();

// "2026-11-25T10:00:00.123Z" for a Unix-millisecond time.
std::string FormatIsoTime(int64_t unix_ms);

// Validates "YYYY-MM-DD" as a real Gregorian date between 1900 and 2199; returns it unchanged.
Result<std::string> ParseDate(std::string_view text, std::string_view field);

// Days since 1970-01-01 for a civil date (proleptic Gregorian).
int64_t DaysFromCivil(int year, unsigned month, unsigned day);

}  // namespace ipa::core
