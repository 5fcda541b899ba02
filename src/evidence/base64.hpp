// Standard base64 (RFC 4648 §4, with '=' padding), strict: the encoding signed notes and
// checkpoints use. Decoding accepts only the one canonical encoding of each byte string.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::evidence {

// Encodes `bytes` with the standard alphabet and '=' padding ("" → "").
std::string Base64Encode(std::string_view bytes);

// Decodes canonical standard base64. kInvalidArgument for a length that is not a multiple of 4,
// a character outside the alphabet, misplaced or excess padding, or non-zero unused bits (so
// exactly one text decodes to each byte string). Line breaks and spaces are not accepted.
core::Result<std::string> Base64Decode(std::string_view text);

}  // namespace ipa::evidence
