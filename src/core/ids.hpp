// Strong id types: an OrgId can never be passed where a UserId is expected.
#pragma once

#include <compare>
#include <cstdint>

namespace ipa::core {

template <class Tag>
struct Id {
  int64_t value = 0;
  auto operator<=>(const Id&) const = default;
};

using OrgId = Id<struct OrgTag>;
using UserId = Id<struct UserTag>;
using TokenId = Id<struct TokenTag>;
using PatentId = Id<struct PatentTag>;

}  // namespace ipa::core
