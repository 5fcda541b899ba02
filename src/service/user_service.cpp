#include "service/user_service.hpp"

#include "core/cursor.hpp"
#include "core/password_policy.hpp"
#include "core/text.hpp"
#include "service/audit_service.hpp"
#include "service/crypto.hpp"
#include "store/org_repo.hpp"
#include "store/user_repo.hpp"

namespace ipa::service {
namespace {

using core::ErrorCode;
using core::Fail;

core::Status RequireAdmin(const Actor& actor, bool system) {
  if (system || actor.IsAdmin()) return {};
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  return Fail(ErrorCode::kPermissionDenied, "only admins manage users");
}

std::string OfficeOf(const core::User& u) {
  return u.office ? std::string(core::OfficeCode(*u.office)) : std::string();
}

// The organisation must exist; an agency user must belong to an agency.
core::Status CheckBinding(store::Tx& tx, const core::User& u) {
  if (!u.org_id) return {};
  auto org = store::GetOrg(tx, *u.org_id);
  if (!org) {
    return Fail(ErrorCode::kInvalidArgument,
                "org_id: organization " + std::to_string(u.org_id->value) + " does not exist",
                "org_id");
  }
  if (u.role == core::Role::kAgency && org->type != core::OrgType::kAgency) {
    return Fail(ErrorCode::kInvalidArgument, "org_id: an agency user must belong to an agency",
                "org_id");
  }
  return {};
}

}  // namespace

std::string GeneratePassword() { return RandomToken(15) + "-Ip"; }

core::Result<CreatedUser> CreateUser(store::Database& db, const Actor& actor, NewUser in,
                                     bool system) {
  IPA_CHECK(RequireAdmin(actor, system));
  core::User u;
  u.login = core::AsciiLower(core::Trim(in.login));
  u.display_name = std::string(core::Trim(in.display_name));
  u.role = in.role;
  u.org_id = in.org_id;
  u.office = in.office;
  IPA_CHECK(core::ValidateUserShape(u));
  CreatedUser out;
  if (in.password.empty()) {
    in.password = GeneratePassword();
    out.initial_password = in.password;
  }
  IPA_CHECK(core::CheckPasswordPolicy(in.password, u.login));
  IPA_TRY(hash, HashPassword(in.password));
  IPA_TRY(created, store::WriteValue<core::User>(db, [&](store::Tx& tx) -> core::Result<core::User> {
            IPA_CHECK(CheckBinding(tx, u));
            auto id = store::InsertUser(tx, u, hash);
            if (!id && id.error().code == ErrorCode::kAlreadyExists) {
              return Fail(ErrorCode::kAlreadyExists, "login: '" + u.login + "' is taken", "login");
            }
            if (!id) return std::unexpected(id.error());
            IPA_CHECK(RecordAudit(tx, actor, {"user.create", "user", std::to_string(id->value), "ok",
                                              OfficeOf(u), std::string(core::RoleName(u.role))}));
            return store::GetUser(tx, *id);
          }));
  out.user = std::move(created);
  return out;
}

core::Result<core::User> GetUserById(store::Database& db, const Actor& actor, core::UserId id) {
  if (!(actor.user && actor.user->id == id)) IPA_CHECK(RequireAdmin(actor, false));
  return store::ReadValue<core::User>(db, [&](store::Tx& tx) { return store::GetUser(tx, id); });
}

core::Result<core::User> UpdateUserFields(store::Database& db, const Actor& actor,
                                          core::UserId id, const UserPatch& patch) {
  IPA_CHECK(RequireAdmin(actor, false));
  return store::WriteValue<core::User>(db, [&](store::Tx& tx) -> core::Result<core::User> {
    IPA_TRY(u, store::GetUser(tx, id));
    if (u.version != patch.version) {
      return Fail(ErrorCode::kPreconditionFailed,
                  "user " + std::to_string(id.value) + " is at version " +
                      std::to_string(u.version) + ", not " + std::to_string(patch.version));
    }
    if (patch.display_name) u.display_name = std::string(core::Trim(*patch.display_name));
    if (patch.role) u.role = *patch.role;
    if (patch.org_id) u.org_id = *patch.org_id;
    if (patch.office) u.office = *patch.office;
    if (patch.status) u.status = *patch.status;
    if (actor.user->id == id && (u.role != core::Role::kAdmin || u.status != core::UserStatus::kActive)) {
      return Fail(ErrorCode::kInvalidArgument, "role: admins cannot demote or disable themselves",
                  "role");
    }
    IPA_CHECK(core::ValidateUserShape(u));
    IPA_CHECK(CheckBinding(tx, u));
    IPA_CHECK(store::UpdateUser(tx, u));
    if (u.status != core::UserStatus::kActive) IPA_CHECK(store::DeleteUserSessions(tx, id));
    IPA_CHECK(RecordAudit(tx, actor, {"user.update", "user", std::to_string(id.value), "ok",
                                      OfficeOf(u), ""}));
    return store::GetUser(tx, id);
  });
}

core::Result<Page<core::User>> ListUserPage(store::Database& db, const Actor& actor,
                                            const std::string& cursor, int limit) {
  IPA_CHECK(RequireAdmin(actor, false));
  int64_t after = 0;
  if (!cursor.empty()) {
    IPA_TRY(id, core::DecodeCursor(cursor));
    after = id;
  }
  IPA_TRY(users, store::ReadValue<std::vector<core::User>>(db, [&](store::Tx& tx) {
            return store::ListUsers(tx, after, limit + 1);
          }));
  Page<core::User> page;
  if (static_cast<int>(users.size()) > limit) {
    users.resize(static_cast<size_t>(limit));
    page.next_cursor = core::EncodeCursor(users.back().id.value);
  }
  page.items = std::move(users);
  return page;
}

core::Status SetPassword(store::Database& db, const Actor& actor, core::UserId id,
                         const std::string& password, const std::string& current_password,
                         bool system) {
  const bool self = actor.user && actor.user->id == id;
  if (!self) IPA_CHECK(RequireAdmin(actor, system));
  IPA_TRY(user, store::ReadValue<std::pair<core::User, std::string>>(
                    db, [&](store::Tx& tx) -> core::Result<std::pair<core::User, std::string>> {
                      IPA_TRY(u, store::GetUser(tx, id));
                      return store::GetUserByLogin(tx, u.login);
                    }));
  if (self && !actor.IsAdmin() && !VerifyPassword(current_password, user.second)) {
    return Fail(ErrorCode::kInvalidArgument, "current_password: is wrong", "current_password");
  }
  IPA_CHECK(core::CheckPasswordPolicy(password, user.first.login));
  IPA_TRY(hash, HashPassword(password));
  return db.Write([&](store::Tx& tx) -> core::Status {
    IPA_CHECK(store::SetPasswordHash(tx, id, hash));
    IPA_CHECK(store::DeleteUserSessions(tx, id));
    return RecordAudit(tx, actor, {"user.password", "user", std::to_string(id.value), "ok",
                                   OfficeOf(user.first), self ? "own password" : "reset"});
  });
}

}  // namespace ipa::service
