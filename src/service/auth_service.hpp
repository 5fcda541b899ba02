// Logging in and out, sessions, API tokens and login throttling.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/actor.hpp"
#include "store/database.hpp"
#include "store/user_repo.hpp"

namespace ipa::service {

struct AuthConfig {
  int64_t session_idle_ms = 30LL * 60 * 1000;
  int64_t session_absolute_ms = 12LL * 3600 * 1000;
  int max_failures_per_login = 100;  // per hour
  int max_failures_per_ip = 300;     // per hour
};

struct LoginResult {
  std::string session_token;  // goes into the cookie; only its hash is stored
  std::string csrf_token;
  core::User user;
};

// How a request proved who it is.
struct Principal {
  core::User user;
  bool via_session = false;  // false: bearer token
  std::string csrf_token;    // sessions only
};

struct NewToken {
  store::TokenRow row;
  std::string token;  // shown once
};

class AuthService {
 public:
  AuthService(store::Database& db, AuthConfig config) : db_(db), config_(config) {}

  // Checks the password and opens a session, ending `previous_session` if given.
  // kTooManyRequests (with retry_after_s) when the account or address is throttled;
  // kUnauthenticated for a wrong login or password or a disabled account (same message).
  core::Result<LoginResult> Login(const std::string& login, const std::string& password,
                                  const std::string& previous_session, const Actor& actor);
  core::Status Logout(const std::string& session_token, const Actor& actor);

  // The user of a session cookie; kUnauthenticated when unknown, expired or disabled.
  core::Result<Principal> AuthenticateSession(const std::string& session_token);
  // The user of an `ipa_...` bearer token; kUnauthenticated when unknown or revoked.
  core::Result<Principal> AuthenticateBearer(const std::string& token);

  core::Result<NewToken> CreateToken(const Actor& actor, const std::string& name);
  core::Result<std::vector<store::TokenRow>> ListTokens(const Actor& actor);
  // Only the token's owner (or an admin) may revoke it; kNotFound otherwise.
  core::Status RevokeToken(const Actor& actor, core::TokenId id);

 private:
  core::Status CheckThrottle(const std::string& login, const std::string& ip);

  store::Database& db_;
  AuthConfig config_;
};

}  // namespace ipa::service
