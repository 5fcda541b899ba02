#include "core/password_policy.hpp"

#include <string>
#include <unordered_set>

#include "core/embedded_data.hpp"
#include "core/text.hpp"
#include "core/tsv.hpp"

namespace ipa::core {
namespace {

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    for (std::string_view line : Split(embedded::kCommonPasswords, '\n')) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) s.insert(AsciiLower(line));
    }
    return s;
  }();
  return set;
}

Status Reject(std::string why) {
  return Fail(ErrorCode::kInvalidArgument, "password: " + why, "password");
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, std::string_view login) {
  if (!IsValidUtf8(password)) return Reject("is not valid UTF-8");
  const size_t n = Utf8Length(password);
  if (n < kMinPasswordChars) return Reject("must have at least 12 characters");
  if (n > kMaxPasswordChars) return Reject("must have at most 128 characters");
  const std::string lower = AsciiLower(password);
  if (CommonPasswords().contains(lower)) return Reject("is on the list of common passwords");
  if (password.find_first_not_of(password[0]) == std::string_view::npos) {
    return Reject("repeats one character");
  }
  if (!login.empty() && lower.find(AsciiLower(login)) != std::string::npos) {
    return Reject("must not contain the login");
  }
  return {};
}

}  // namespace ipa::core
