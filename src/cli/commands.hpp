// The subcommands of `ipalliance`, each over an open database.
#pragma once

#include <cstdint>
#include <string>

#include "app/config.hpp"
#include "store/database.hpp"

namespace ipa::cli {

struct ServeOptions {
  bool demo = false;
};

struct UserOptions {
  std::string login, role, office, display_name;
  int64_t org_id = 0;
  bool password_stdin = false;
};

core::Status RunServe(const app::Config& config, store::Database& db, const ServeOptions& options);
core::Status RunMigrate(store::Database& db);
core::Status RunDemoData(store::Database& db, uint64_t seed);
core::Status RunUserAdd(store::Database& db, const UserOptions& options);
core::Status RunUserReset(store::Database& db, const UserOptions& options);
core::Status RunUserList(store::Database& db);

}  // namespace ipa::cli
