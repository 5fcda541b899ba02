#include "service/auth_service.hpp"

#include "core/text.hpp"
#include "core/time.hpp"
#include "service/audit_service.hpp"
#include "service/crypto.hpp"

namespace ipa::service {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr int64_t kHourMs = 3600LL * 1000;
constexpr int64_t kTouchEveryMs = 60LL * 1000;
constexpr std::string_view kTokenPrefix = "ipa_";

std::string OfficeOf(const core::User& u) {
  return u.office ? std::string(core::OfficeCode(*u.office)) : std::string();
}

core::Error Throttled(int64_t oldest, int64_t now) {
  core::Error e{ErrorCode::kTooManyRequests, "too many failed logins; try again later", "login", {}, 0};
  e.retry_after_s = static_cast<int>(std::max<int64_t>(1, (oldest + kHourMs - now) / 1000 + 1));
  return e;
}

}  // namespace

core::Status AuthService::CheckThrottle(const std::string& login, const std::string& ip) {
  const int64_t now = core::NowMs();
  IPA_TRY(windows, store::ReadValue<std::pair<store::FailureWindow, store::FailureWindow>>(
                       db_, [&](store::Tx& tx) -> core::Result<std::pair<store::FailureWindow, store::FailureWindow>> {
                         IPA_TRY(by_login, store::LoginFailuresSince(tx, login, now - kHourMs));
                         IPA_TRY(by_ip, store::IpFailuresSince(tx, ip, now - kHourMs));
                         return std::make_pair(by_login, by_ip);
                       }));
  if (windows.first.count >= config_.max_failures_per_login) {
    return std::unexpected(Throttled(windows.first.oldest, now));
  }
  if (windows.second.count >= config_.max_failures_per_ip) {
    return std::unexpected(Throttled(windows.second.oldest, now));
  }
  return {};
}

core::Result<LoginResult> AuthService::Login(const std::string& raw_login,
                                             const std::string& password,
                                             const std::string& previous_session,
                                             const Actor& actor) {
  const std::string login = core::AsciiLower(core::Trim(raw_login));
  if (login.empty() || login.size() > 64 || password.size() > 1024) {
    return Fail(ErrorCode::kUnauthenticated, "login or password is wrong");
  }
  if (auto st = CheckThrottle(login, actor.ip); !st) {
    RecordAuditNow(db_, actor, {"auth.login", "user", login, "denied", "", "throttled"});
    return std::unexpected(st.error());
  }
  auto found = store::ReadValue<std::pair<core::User, std::string>>(
      db_, [&](store::Tx& tx) { return store::GetUserByLogin(tx, login); });
  if (!found && found.error().code != ErrorCode::kNotFound) return std::unexpected(found.error());
  const bool ok = VerifyPassword(password, found ? found->second : std::string()) && found &&
                  found->first.status == core::UserStatus::kActive;
  const int64_t now = core::NowMs();
  if (!ok) {
    IPA_CHECK(db_.Write([&](store::Tx& tx) -> core::Status {
      IPA_CHECK(store::RecordLoginFailure(tx, login, actor.ip, now));
      if (now % 97 == 0) IPA_CHECK(store::PruneLoginFailures(tx, now - 2 * kHourMs));
      return RecordAudit(tx, actor, {"auth.login", "user", login, "failed",
                                     found ? OfficeOf(found->first) : "", "wrong credentials"});
    }));
    return Fail(ErrorCode::kUnauthenticated, "login or password is wrong");
  }
  LoginResult result{RandomToken(), RandomToken(), found->first};
  IPA_CHECK(db_.Write([&](store::Tx& tx) -> core::Status {
    if (!previous_session.empty()) IPA_CHECK(store::DeleteSession(tx, Sha256Hex(previous_session)));
    IPA_CHECK(store::InsertSession(
        tx, {Sha256Hex(result.session_token), result.user.id, result.csrf_token, now, now},
        actor.ip));
    Actor who = actor;
    who.user = result.user;
    return RecordAudit(tx, who, {"auth.login", "user", std::to_string(result.user.id.value), "ok",
                                 OfficeOf(result.user), ""});
  }));
  return result;
}

core::Status AuthService::Logout(const std::string& session_token, const Actor& actor) {
  return db_.Write([&](store::Tx& tx) -> core::Status {
    IPA_CHECK(store::DeleteSession(tx, Sha256Hex(session_token)));
    return RecordAudit(tx, actor, {"auth.logout", "user",
                                   actor.user ? std::to_string(actor.user->id.value) : "", "ok",
                                   actor.user ? OfficeOf(*actor.user) : "", ""});
  });
}

core::Result<Principal> AuthService::AuthenticateSession(const std::string& session_token) {
  const std::string hash = Sha256Hex(session_token);
  const int64_t now = core::NowMs();
  auto loaded = store::ReadValue<std::pair<store::SessionRow, core::User>>(
      db_, [&](store::Tx& tx) -> core::Result<std::pair<store::SessionRow, core::User>> {
        IPA_TRY(s, store::GetSession(tx, hash));
        IPA_TRY(u, store::GetUser(tx, s.user_id));
        return std::make_pair(s, u);
      });
  if (!loaded) {
    if (loaded.error().code == ErrorCode::kNotFound) {
      return Fail(ErrorCode::kUnauthenticated, "no session; log in");
    }
    return std::unexpected(loaded.error());
  }
  const auto& [session, user] = *loaded;
  const bool expired = now - session.last_seen_at > config_.session_idle_ms ||
                       now - session.created_at > config_.session_absolute_ms;
  if (expired || user.status != core::UserStatus::kActive) {
    IPA_CHECK(db_.Write([&](store::Tx& tx) { return store::DeleteSession(tx, hash); }));
    return Fail(ErrorCode::kUnauthenticated, "session expired; log in again");
  }
  if (now - session.last_seen_at > kTouchEveryMs) {
    IPA_CHECK(db_.Write([&](store::Tx& tx) { return store::TouchSession(tx, hash, now); }));
  }
  return Principal{user, true, session.csrf_token};
}

core::Result<Principal> AuthService::AuthenticateBearer(const std::string& token) {
  if (!token.starts_with(kTokenPrefix) || token.size() > 200) {
    return Fail(ErrorCode::kUnauthenticated, "bearer token is not an ipalliance API token");
  }
  auto loaded = store::ReadValue<std::pair<store::TokenRow, core::User>>(
      db_, [&](store::Tx& tx) -> core::Result<std::pair<store::TokenRow, core::User>> {
        IPA_TRY(t, store::GetActiveTokenByHash(tx, Sha256Hex(token)));
        IPA_TRY(u, store::GetUser(tx, t.user_id));
        return std::make_pair(t, u);
      });
  if (!loaded) {
    if (loaded.error().code == ErrorCode::kNotFound) {
      return Fail(ErrorCode::kUnauthenticated, "API token unknown or revoked");
    }
    return std::unexpected(loaded.error());
  }
  const auto& [row, user] = *loaded;
  if (user.status != core::UserStatus::kActive) {
    return Fail(ErrorCode::kUnauthenticated, "the token's user is disabled");
  }
  const int64_t now = core::NowMs();
  if (now - row.last_used_at.value_or(0) > kTouchEveryMs) {
    IPA_CHECK(db_.Write([&](store::Tx& tx) { return store::TouchToken(tx, row.id, now); }));
  }
  return Principal{user, false, ""};
}

core::Result<NewToken> AuthService::CreateToken(const Actor& actor, const std::string& raw_name) {
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  const std::string name(core::Trim(raw_name));
  if (name.empty() || core::Utf8Length(name) > 100 || !core::IsValidUtf8(name)) {
    return Fail(ErrorCode::kInvalidArgument, "name: 1 to 100 characters", "name");
  }
  const std::string token = std::string(kTokenPrefix) + RandomToken();
  return store::WriteValue<NewToken>(db_, [&](store::Tx& tx) -> core::Result<NewToken> {
    IPA_TRY(id, store::InsertToken(tx, actor.user->id, name, Sha256Hex(token)));
    IPA_CHECK(RecordAudit(tx, actor, {"token.create", "token", std::to_string(id.value), "ok",
                                      OfficeOf(*actor.user), name}));
    IPA_TRY(row, store::GetToken(tx, id));
    return NewToken{row, token};
  });
}

core::Result<std::vector<store::TokenRow>> AuthService::ListTokens(const Actor& actor) {
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  return store::ReadValue<std::vector<store::TokenRow>>(
      db_, [&](store::Tx& tx) { return store::ListTokens(tx, actor.user->id); });
}

core::Status AuthService::RevokeToken(const Actor& actor, core::TokenId id) {
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  return db_.Write([&](store::Tx& tx) -> core::Status {
    auto row = store::GetToken(tx, id);
    if (!row || (row->user_id != actor.user->id && !actor.IsAdmin())) {
      return Fail(ErrorCode::kNotFound, "token " + std::to_string(id.value) + " not found");
    }
    IPA_CHECK(store::RevokeToken(tx, id, core::NowMs()));
    return RecordAudit(tx, actor, {"token.revoke", "token", std::to_string(id.value), "ok",
                                   OfficeOf(*actor.user), ""});
  });
}

}  // namespace ipa::service
