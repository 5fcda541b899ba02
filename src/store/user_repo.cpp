#include "store/user_repo.hpp"

#include "core/time.hpp"

namespace ipa::store {
namespace {

using core::User;

constexpr std::string_view kUserColumns =
    "id, login, display_name, role, org_id, office, status, version, created_at";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (login, display_name, role, org_id, office, password_hash, status, "
    "version, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) "
    "RETURNING id";
constexpr std::string_view kUpdateUser =
    "UPDATE users SET display_name = $1, role = $2, org_id = $3, office = $4, status = $5, "
    "version = version + 1 WHERE id = $6 AND version = $7";
constexpr std::string_view kTokenColumns =
    "id, user_id, name, created_at, last_used_at, revoked_at";

User UserFromRow(const Row& r) {
  User u;
  u.id = core::UserId{r.Int(0)};
  u.login = r.Text(1);
  u.display_name = r.Text(2);
  u.role = core::ParseRole(r.Text(3)).value_or(core::Role::kMember);
  if (!r.IsNull(4)) u.org_id = core::OrgId{r.Int(4)};
  if (!r.IsNull(5)) u.office = core::ParseOffice(r.Text(5));
  u.status = core::ParseUserStatus(r.Text(6)).value_or(core::UserStatus::kDisabled);
  u.version = r.Int(7);
  u.created_at = r.Int(8);
  return u;
}

TokenRow TokenFromRow(const Row& r) {
  return TokenRow{core::TokenId{r.Int(0)}, core::UserId{r.Int(1)}, r.Text(2), r.Int(3),
                  r.OptInt(4), r.OptInt(5)};
}

Value OrgValue(const User& u) { return u.org_id ? Value(u.org_id->value) : Value(nullptr); }
Value OfficeValue(const User& u) {
  return u.office ? Value(std::string(core::OfficeCode(*u.office))) : Value(nullptr);
}

template <class T>
Result<T> NotFoundAs(Result<Row> row, std::string what, T (*map)(const Row&)) {
  if (!row) {
    if (row.error().code == core::ErrorCode::kNotFound) {
      return core::Fail(core::ErrorCode::kNotFound, what + " not found");
    }
    return std::unexpected(row.error());
  }
  return map(*row);
}

}  // namespace

Result<core::UserId> InsertUser(Tx& tx, const User& u, const std::string& hash) {
  IPA_TRY(row, tx.QueryOne(kInsertUser, {u.login, u.display_name, std::string(core::RoleName(u.role)),
                                         OrgValue(u), OfficeValue(u), hash,
                                         std::string(core::UserStatusName(u.status)),
                                         core::NowMs()}));
  return core::UserId{row.Int(0)};
}

Result<User> GetUser(Tx& tx, core::UserId id) {
  return NotFoundAs<User>(
      tx.QueryOne("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = $1", {id.value}),
      "user " + std::to_string(id.value), &UserFromRow);
}

Result<std::pair<User, std::string>> GetUserByLogin(Tx& tx, const std::string& login) {
  auto row = tx.QueryOne(
      "SELECT " + std::string(kUserColumns) + ", password_hash FROM users WHERE login = $1",
      {login});
  if (!row) return std::unexpected(row.error());
  return std::make_pair(UserFromRow(*row), row->Text(9));
}

Result<int64_t> UpdateUser(Tx& tx, const User& u) {
  IPA_TRY(n, tx.Exec(kUpdateUser, {u.display_name, std::string(core::RoleName(u.role)),
                                   OrgValue(u), OfficeValue(u),
                                   std::string(core::UserStatusName(u.status)), u.id.value,
                                   u.version}));
  if (n == 0) {
    IPA_TRY(current, GetUser(tx, u.id));
    return core::Fail(core::ErrorCode::kPreconditionFailed,
                      "user " + std::to_string(u.id.value) + " is at version " +
                          std::to_string(current.version) + ", not " + std::to_string(u.version));
  }
  return u.version + 1;
}

Status SetPasswordHash(Tx& tx, core::UserId id, const std::string& hash) {
  IPA_CHECK(tx.Exec("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3",
                    {hash, core::NowMs(), id.value}));
  return {};
}

Result<std::vector<User>> ListUsers(Tx& tx, int64_t after_id, int limit) {
  IPA_TRY(rows, tx.Query("SELECT " + std::string(kUserColumns) +
                             " FROM users WHERE id > $1 ORDER BY id LIMIT $2",
                         {after_id, int64_t{limit}}));
  std::vector<User> out;
  for (const Row& r : rows) out.push_back(UserFromRow(r));
  return out;
}

Result<int64_t> CountUsers(Tx& tx) {
  IPA_TRY(row, tx.QueryOne("SELECT COUNT(*) FROM users"));
  return row.Int(0);
}

Status InsertSession(Tx& tx, const SessionRow& s, const std::string& ip) {
  IPA_CHECK(tx.Exec("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                    "last_seen_at, ip) VALUES ($1, $2, $3, $4, $5, $6)",
                    {s.token_hash, s.user_id.value, s.csrf_token, s.created_at, s.last_seen_at, ip}));
  return {};
}

Result<SessionRow> GetSession(Tx& tx, const std::string& token_hash) {
  IPA_TRY(row, tx.QueryOne("SELECT token_hash, user_id, csrf_token, created_at, last_seen_at "
                           "FROM sessions WHERE token_hash = $1",
                           {token_hash}));
  return SessionRow{row.Text(0), core::UserId{row.Int(1)}, row.Text(2), row.Int(3), row.Int(4)};
}

Status TouchSession(Tx& tx, const std::string& token_hash, int64_t now) {
  IPA_CHECK(tx.Exec("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
                    {now, token_hash}));
  return {};
}

Status DeleteSession(Tx& tx, const std::string& token_hash) {
  IPA_CHECK(tx.Exec("DELETE FROM sessions WHERE token_hash = $1", {token_hash}));
  return {};
}

Status DeleteUserSessions(Tx& tx, core::UserId user) {
  IPA_CHECK(tx.Exec("DELETE FROM sessions WHERE user_id = $1", {user.value}));
  return {};
}

Result<core::TokenId> InsertToken(Tx& tx, core::UserId user, const std::string& name,
                                  const std::string& token_hash) {
  IPA_TRY(row, tx.QueryOne("INSERT INTO api_tokens (user_id, name, token_hash, created_at) "
                           "VALUES ($1, $2, $3, $4) RETURNING id",
                           {user.value, name, token_hash, core::NowMs()}));
  return core::TokenId{row.Int(0)};
}

Result<TokenRow> GetActiveTokenByHash(Tx& tx, const std::string& token_hash) {
  return NotFoundAs<TokenRow>(
      tx.QueryOne("SELECT " + std::string(kTokenColumns) +
                      " FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
                  {token_hash}),
      "token", &TokenFromRow);
}

Result<TokenRow> GetToken(Tx& tx, core::TokenId id) {
  return NotFoundAs<TokenRow>(
      tx.QueryOne("SELECT " + std::string(kTokenColumns) + " FROM api_tokens WHERE id = $1",
                  {id.value}),
      "token " + std::to_string(id.value), &TokenFromRow);
}

Result<std::vector<TokenRow>> ListTokens(Tx& tx, core::UserId user) {
  IPA_TRY(rows, tx.Query("SELECT " + std::string(kTokenColumns) +
                             " FROM api_tokens WHERE user_id = $1 ORDER BY id",
                         {user.value}));
  std::vector<TokenRow> out;
  for (const Row& r : rows) out.push_back(TokenFromRow(r));
  return out;
}

Status RevokeToken(Tx& tx, core::TokenId id, int64_t now) {
  IPA_CHECK(tx.Exec("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                    {now, id.value}));
  return {};
}

Status TouchToken(Tx& tx, core::TokenId id, int64_t now) {
  IPA_CHECK(tx.Exec("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", {now, id.value}));
  return {};
}

Status RecordLoginFailure(Tx& tx, const std::string& login, const std::string& ip, int64_t now) {
  IPA_CHECK(tx.Exec("INSERT INTO login_failures (login, ip, at) VALUES ($1, $2, $3)",
                    {login, ip, now}));
  return {};
}

Result<FailureWindow> LoginFailuresSince(Tx& tx, const std::string& login, int64_t since) {
  IPA_TRY(row, tx.QueryOne("SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_failures "
                           "WHERE login = $1 AND at > $2",
                           {login, since}));
  return FailureWindow{row.Int(0), row.Int(1)};
}

Result<FailureWindow> IpFailuresSince(Tx& tx, const std::string& ip, int64_t since) {
  IPA_TRY(row, tx.QueryOne("SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_failures "
                           "WHERE ip = $1 AND at > $2",
                           {ip, since}));
  return FailureWindow{row.Int(0), row.Int(1)};
}

Status PruneLoginFailures(Tx& tx, int64_t before) {
  IPA_CHECK(tx.Exec("DELETE FROM login_failures WHERE at < $1", {before}));
  return {};
}

}  // namespace ipa::store
