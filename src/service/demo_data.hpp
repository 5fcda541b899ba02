// The demo registry: the 150 founding members (120 companies, 30 agencies) plus the
// universities and institutes that joined later, spread over Beijing, Tianjin and Hebei, and
// one demo user per role. Deterministic for a seed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/organization.hpp"
#include "service/demo_patents.hpp"
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

// Generates `count` demo patents whose applicants include the registry's members and stores
// them in batches, once per database (a setting remembers the count loaded; 0 patents loaded
// answers 0). `on_progress` gets the number stored so far.
core::Result<int64_t> LoadDemoPatents(store::Database& db, int64_t count, uint64_t seed,
                                      const std::function<void(int64_t)>& on_progress = {});

// The registry's members as applicants for the generator.
core::Result<std::vector<DemoApplicant>> DemoApplicantsFromRegistry(store::Database& db);

}  // namespace ipa::service
