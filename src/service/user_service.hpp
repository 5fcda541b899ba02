// Managing accounts: invitations, role changes, password resets. Admin-only except a user
// changing its own password.
#pragma once

#include <optional>
#include <string>

#include "core/user.hpp"
#include "service/actor.hpp"
#include "service/page.hpp"
#include "store/database.hpp"

namespace ipa::service {

struct NewUser {
  std::string login;
  std::string display_name;
  core::Role role = core::Role::kMember;
  std::optional<core::OrgId> org_id;
  std::optional<core::Office> office;
  std::string password;  // empty: a strong one is generated and returned once
};

struct CreatedUser {
  core::User user;
  std::string initial_password;  // set only when generated
};

struct UserPatch {
  int64_t version = 0;
  std::optional<std::string> display_name;
  std::optional<core::Role> role;
  std::optional<std::optional<core::OrgId>> org_id;
  std::optional<std::optional<core::Office>> office;
  std::optional<core::UserStatus> status;
};

// Creates a user; `actor` must be an admin, or nullptr-user with `system` true (the CLI).
// kInvalidArgument for a bad login, role binding or password; kAlreadyExists for a taken login.
core::Result<CreatedUser> CreateUser(store::Database& db, const Actor& actor, NewUser user,
                                     bool system = false);
core::Result<core::User> GetUserById(store::Database& db, const Actor& actor, core::UserId id);
core::Result<core::User> UpdateUserFields(store::Database& db, const Actor& actor,
                                          core::UserId id, const UserPatch& patch);
core::Result<Page<core::User>> ListUserPage(store::Database& db, const Actor& actor,
                                            const std::string& cursor, int limit);
// Admins set any password (or `system` for the CLI); a user sets its own after proving
// `current_password`. Ends the user's sessions.
core::Status SetPassword(store::Database& db, const Actor& actor, core::UserId id,
                         const std::string& password, const std::string& current_password,
                         bool system = false);

// A random password that passes the policy (for invitations and resets).
std::string GeneratePassword();

}  // namespace ipa::service
