// The project's JSON Lines format, writing side: one patent as one line of JSON
// (docs/jsonl-format.md).
#pragma once

#include <string>
#include <string_view>

#include "core/patent.hpp"

namespace ipa::importer {

// The patent as one JSON object, without the trailing newline. Empty strings, empty lists and
// absent dates are left out; application_number and type are always written. Text that is not
// valid UTF-8 is written with U+FFFD in place of the bad bytes. Thread-safe.
std::string ToJsonLine(const core::Patent& patent);

// Appends `text` as a JSON string literal (quotes included) to `out`.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace ipa::importer
