// The composition root's choice of database backend from a URL.
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace ipa::app {

// Opens `url`: "sqlite:PATH", "sqlite::memory:", or "postgresql://..." / "postgres://...".
// `pool_size` bounds reader (SQLite) or total (PostgreSQL) connections. kInvalidArgument for
// another scheme, kUnavailable when the database cannot be opened.
core::Result<std::unique_ptr<store::Database>> OpenDatabase(const std::string& url,
                                                            int pool_size = 8);

}  // namespace ipa::app
