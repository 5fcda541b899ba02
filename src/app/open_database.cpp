#include "app/open_database.hpp"

#include "store/postgres/pg_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace ipa::app {

core::Result<std::unique_ptr<store::Database>> OpenDatabase(const std::string& url,
                                                            int pool_size) {
  if (url.starts_with("sqlite:")) return store::OpenSqlite(url.substr(7), pool_size);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return store::OpenPostgres(url, pool_size);
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "database URL must start with sqlite: or postgresql://", "IPA_DB");
}

}  // namespace ipa::app
