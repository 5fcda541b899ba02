// The embedded SQLite backend: one writer connection and a pool of readers over one file in
// WAL mode, synchronous=FULL, foreign keys on, busy timeout 5 s.
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace ipa::store {

// Opens (creating if needed) the database file at `path`; ":memory:" gives a private
// in-memory database served by a single connection. kUnavailable when it cannot be opened.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int readers);

}  // namespace ipa::store
