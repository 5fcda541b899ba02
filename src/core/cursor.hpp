// Opaque pagination cursors and base64url, so clients cannot forge positions by accident.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::core {

std::string Base64UrlEncode(std::string_view bytes);
// Returns nullopt-like failure for characters outside the base64url alphabet.
Result<std::string> Base64UrlDecode(std::string_view text);

// A cursor that resumes a list after the row with `last_id`.
std::string EncodeCursor(int64_t last_id);
// kInvalidArgument (field "cursor") for anything EncodeCursor did not produce.
Result<int64_t> DecodeCursor(std::string_view cursor);

}  // namespace ipa::core
