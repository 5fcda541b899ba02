// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters that
// identify every Chinese organisation, the last being a check character.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::core {

// The 31 characters a code may use (no I, O, S, V, Z).
inline constexpr std::string_view kCreditCodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Check character for the first 17 characters of a code. Precondition: all 17 are in the
// charset (ValidateCreditCode checks this first).
char CreditCodeCheckChar(std::string_view first17);

// Normalises (trims, upper-cases ASCII, folds full-width forms) and validates a code.
// Returns the normalised code, or kInvalidArgument naming `field` and the reason: wrong length,
// a character outside the charset (with its position), or a wrong check character (with the
// expected one).
Result<std::string> ValidateCreditCode(std::string_view text, std::string_view field);

}  // namespace ipa::core
