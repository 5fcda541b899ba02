// Fresh, migrated databases for tests: a SQLite file in a temporary directory, or a new
// PostgreSQL database on the server named by IPA_TEST_PG_URL (created per test, dropped after).
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace ipa::testing {

enum class Backend { kSqlite, kPostgres };

std::string BackendName(Backend b);

// The admin URL of the test PostgreSQL server, or "" when none is configured.
std::string PostgresTestUrl();
// True when PostgreSQL tests must run (CI=true or IPA_TEST_REQUIRE_PG=1): then a missing server is a
// failure, not a skip.
bool PostgresRequired();

class TestDatabase {
 public:
  // Creates and migrates a fresh database; fails the current test on error.
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }
  bool ok() const { return db_ != nullptr; }

 private:
  Backend backend_;
  std::string dir_;
  std::string pg_name_;
  std::string url_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace ipa::testing
