// Small text utilities for UTF-8 input: validation, trimming, case and width folding.
#pragma once

#include <string>
#include <string_view>

namespace ipa::core {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Number of code points in well-formed UTF-8.
size_t Utf8Length(std::string_view s);

// Removes ASCII white space and U+3000 (ideographic space) at both ends.
std::string_view Trim(std::string_view s);

std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);

// Folds full-width forms U+FF01..U+FF5E to ASCII and U+3000 to a space.
std::string FoldFullWidth(std::string_view s);

// The key used to search names: full-width folded, ASCII lower-cased, trimmed.
std::string SearchKey(std::string_view s);

}  // namespace ipa::core
