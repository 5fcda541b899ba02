// Password rules: 12-128 characters, not a commonly leaked password, not built on the login.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace ipa::core {

inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordChars = 128;

// kInvalidArgument (field "password") with the rule broken, or success.
Status CheckPasswordPolicy(std::string_view password, std::string_view login);

}  // namespace ipa::core
