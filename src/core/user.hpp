// Platform users and their roles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/region.hpp"

namespace ipa::core {

enum class Role { kAdmin, kOffice, kMember, kAgency, kExpert };
inline constexpr Role kAllRoles[] = {Role::kAdmin, Role::kOffice, Role::kMember, Role::kAgency,
                                     Role::kExpert};

std::string_view RoleName(Role role);  // "admin", "office", ...
std::optional<Role> ParseRole(std::string_view name);

enum class UserStatus { kActive, kDisabled };
std::string_view UserStatusName(UserStatus status);
std::optional<UserStatus> ParseUserStatus(std::string_view name);

struct User {
  UserId id;
  std::string login;
  std::string display_name;
  Role role = Role::kMember;
  std::optional<OrgId> org_id;
  std::optional<Office> office;
  UserStatus status = UserStatus::kActive;
  int64_t version = 1;
  int64_t created_at = 0;
};

// Checks login syntax (3-64 of [a-z0-9._-], starting with a letter or digit) and that the
// binding fits the role: office users need an office; member and agency users need an
// organisation; admins have neither. Returns kInvalidArgument naming the field.
Status ValidateUserShape(const User& user);

}  // namespace ipa::core
