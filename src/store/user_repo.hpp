// Users, sessions, API tokens and login failures in the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/user.hpp"
#include "store/database.hpp"

namespace ipa::store {

// --- users ---
// kAlreadyExists (field login) when the login is taken.
Result<core::UserId> InsertUser(Tx& tx, const core::User& user, const std::string& password_hash);
Result<core::User> GetUser(Tx& tx, core::UserId id);
// The user and its password hash; kNotFound when no such login.
Result<std::pair<core::User, std::string>> GetUserByLogin(Tx& tx, const std::string& login);
// Writes display_name, role, org_id, office and status if the version still matches.
// kPreconditionFailed when stale. Returns the new version.
Result<int64_t> UpdateUser(Tx& tx, const core::User& user);
Status SetPasswordHash(Tx& tx, core::UserId id, const std::string& hash);
Result<std::vector<core::User>> ListUsers(Tx& tx, int64_t after_id, int limit);
Result<int64_t> CountUsers(Tx& tx);

// --- sessions (token stored as its hash) ---
struct SessionRow {
  std::string token_hash;
  core::UserId user_id;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
};
Status InsertSession(Tx& tx, const SessionRow& s, const std::string& ip);
Result<SessionRow> GetSession(Tx& tx, const std::string& token_hash);
Status TouchSession(Tx& tx, const std::string& token_hash, int64_t now);
Status DeleteSession(Tx& tx, const std::string& token_hash);
Status DeleteUserSessions(Tx& tx, core::UserId user);

// --- API tokens ---
struct TokenRow {
  core::TokenId id;
  core::UserId user_id;
  std::string name;
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at;
  std::optional<int64_t> revoked_at;
};
Result<core::TokenId> InsertToken(Tx& tx, core::UserId user, const std::string& name,
                                  const std::string& token_hash);
// Only tokens that are not revoked; kNotFound otherwise.
Result<TokenRow> GetActiveTokenByHash(Tx& tx, const std::string& token_hash);
Result<TokenRow> GetToken(Tx& tx, core::TokenId id);
Result<std::vector<TokenRow>> ListTokens(Tx& tx, core::UserId user);
Status RevokeToken(Tx& tx, core::TokenId id, int64_t now);
Status TouchToken(Tx& tx, core::TokenId id, int64_t now);

// --- login failures (for throttling) ---
Status RecordLoginFailure(Tx& tx, const std::string& login, const std::string& ip, int64_t now);
struct FailureWindow {
  int64_t count = 0;
  int64_t oldest = 0;  // time of the oldest failure in the window
};
Result<FailureWindow> LoginFailuresSince(Tx& tx, const std::string& login, int64_t since);
Result<FailureWindow> IpFailuresSince(Tx& tx, const std::string& ip, int64_t since);
Status PruneLoginFailures(Tx& tx, int64_t before);

}  // namespace ipa::store
