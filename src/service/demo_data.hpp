// The demo registry: the 150 founding members (120 companies, 30 agencies) plus the
// universities and institutes that joined later, spread over Beijing, Tianjin and Hebei, and
// one demo user per role. Deterministic for a seed.
#pragma once

#include <string>
#include <vector>

#include "core/organization.hpp"
#include "store/database.hpp"

namespace ipa::service {

struct DemoLogin {
  std::string login;
  std::string password;
  std::string role;
  std::string bound_to;  // office code or organisation name
};

// The organisations of the demo registry (ids unset).
std::vector<core::Organization> GenerateDemoOrganizations(uint64_t seed);

// The demo accounts and their passwords (printed by the run command).
const std::vector<DemoLogin>& DemoLogins();

struct DemoLoadResult {
  bool loaded = false;  // false: it was loaded before, nothing done
  int organizations = 0;
  int users = 0;
};

// Loads the demo registry and accounts once (a setting remembers it). All or nothing.
core::Result<DemoLoadResult> LoadDemoData(store::Database& db, uint64_t seed = 2016);

}  // namespace ipa::service
