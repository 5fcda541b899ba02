// Versioned schema migrations, applied in order inside write transactions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace ipa::store {

struct Migration {
  int version;
  std::string_view name;
  // Statements separated by ';' on a line of its own. "{{PK}}" stands for the dialect's
  // auto-increment 64-bit primary key, "{{NOW_MS}}" for the current Unix time in ms.
  std::string_view sql;
};

// All migrations this binary knows, ascending by version.
const std::vector<Migration>& AllMigrations();
int LatestSchemaVersion();

// The version recorded in the database (0 for an empty database).
Result<int> CurrentSchemaVersion(Database& db);

// Applies every pending migration. kConflict when the database is
// newer than this binary (it refuses to touch it). Returns the versions applied.
Result<std::vector<int>> Migrate(Database& db);

}  // namespace ipa::store
