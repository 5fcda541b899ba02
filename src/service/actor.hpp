// Who is asking: the authenticated user (if any) and where the request came from. Every
// service call takes one, so permission checks and the audit trail have the same facts.
#pragma once

#include <optional>
#include <string>

#include "core/user.hpp"

namespace ipa::service {

struct Actor {
  std::optional<core::User> user;
  std::string ip;
  std::string request_id;

  bool Is(core::Role role) const { return user && user->role == role; }
  bool IsAdmin() const { return Is(core::Role::kAdmin); }
  std::optional<core::Office> office() const {
    return Is(core::Role::kOffice) ? user->office : std::nullopt;
  }
  std::string login() const { return user ? user->login : std::string(); }
};

}  // namespace ipa::service
