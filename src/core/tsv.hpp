// Splitting tab-separated reference tables.
#pragma once

#include <string_view>
#include <vector>

namespace ipa::core {

// Lines of `text` split on tabs; skips the header line and empty lines.
std::vector<std::vector<std::string_view>> ParseTsv(std::string_view text);

// Splits on `sep`, keeping empty fields.
std::vector<std::string_view> Split(std::string_view s, char sep);

}  // namespace ipa::core
