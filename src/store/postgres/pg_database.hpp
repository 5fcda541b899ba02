// The PostgreSQL backend (libpq): a bounded pool of connections; each transaction runs on one.
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace ipa::store {

// Connects to `url` (a libpq connection URI). kUnavailable when the server cannot be reached.
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, int pool_size);

}  // namespace ipa::store
