#include "core/user.hpp"

#include "core/text.hpp"

namespace ipa::core {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kOffice: return "office";
    case Role::kMember: return "member";
    case Role::kAgency: return "agency";
    case Role::kExpert: return "expert";
  }
  return "member";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view UserStatusName(UserStatus status) {
  return status == UserStatus::kActive ? "active" : "disabled";
}

std::optional<UserStatus> ParseUserStatus(std::string_view name) {
  if (name == "active") return UserStatus::kActive;
  if (name == "disabled") return UserStatus::kDisabled;
  return std::nullopt;
}

Status ValidateUserShape(const User& user) {
  const std::string& login = user.login;
  if (login.size() < 3 || login.size() > 64) {
    return Fail(ErrorCode::kInvalidArgument, "login: must be 3 to 64 characters", "login");
  }
  for (size_t i = 0; i < login.size(); ++i) {
    const char c = login[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
      return Fail(ErrorCode::kInvalidArgument,
                  "login: use lower-case letters, digits, '.', '_' and '-', starting with a "
                  "letter or digit",
                  "login");
    }
  }
  const size_t name_len = Utf8Length(user.display_name);
  if (name_len == 0 || name_len > 100) {
    return Fail(ErrorCode::kInvalidArgument, "display_name: must be 1 to 100 characters",
                "display_name");
  }
  switch (user.role) {
    case Role::kAdmin:
      if (user.office || user.org_id) {
        return Fail(ErrorCode::kInvalidArgument, "role: an admin is bound to no office or organisation", "role");
      }
      break;
    case Role::kOffice:
      if (!user.office) {
        return Fail(ErrorCode::kInvalidArgument, "office: an office user needs an office (BJ, TJ or HE)", "office");
      }
      break;
    case Role::kMember:
    case Role::kAgency:
      if (!user.org_id) {
        return Fail(ErrorCode::kInvalidArgument, "org_id: this role needs an organisation", "org_id");
      }
      if (user.office) {
        return Fail(ErrorCode::kInvalidArgument, "office: only office users have an office", "office");
      }
      break;
    case Role::kExpert:
      if (user.office) {
        return Fail(ErrorCode::kInvalidArgument, "office: only office users have an office", "office");
      }
      break;
  }
  return {};
}

}  // namespace ipa::core
