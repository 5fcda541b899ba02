// The embedded SQLite backend: one writer connection and a pool of readers over one file in
// WAL mode, synchronous=FULL, foreign keys on, busy timeout 5 s.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/database.hpp"

namespace ipa::store {

// When the background checkpointer copies the WAL into the database file: a pass starts once
// the WAL holds `checkpoint_start_bytes`; once it holds `checkpoint_restart_bytes` the next write
// waits for a pass so that the WAL can restart from its beginning. Tests make them small.
struct SqliteTuning {
  int64_t checkpoint_start_bytes = int64_t{64} << 20;
  int64_t checkpoint_restart_bytes = int64_t{256} << 20;
};

// Opens (creating if needed) the database file at `path`; ":memory:" gives a private
// in-memory database served by a single connection. kUnavailable when it cannot be opened.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int readers,
                                             const SqliteTuning& tuning = {});

}  // namespace ipa::store
