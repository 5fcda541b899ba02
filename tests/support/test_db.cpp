#include "support/test_db.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "app/open_database.hpp"
#include "store/migrations.hpp"

namespace ipa::testing {
namespace {

std::string RandomSuffix() {
  static std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1000000000000ULL);
}

// The URL with its database name replaced.
std::string WithDatabase(const std::string& url, const std::string& name) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme + 3);
  const auto query = url.find('?');
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + name + rest;
}

void RunAdmin(const std::string& sql) {
  auto admin = app::OpenDatabase(PostgresTestUrl(), 1);
  ASSERT_TRUE(admin.has_value()) << admin.error().message;
  // CREATE/DROP DATABASE cannot run in a transaction: use autocommit via a bare Write that
  // ends the implicit transaction first.
  auto st = (*admin)->Write([&](store::Tx& tx) -> core::Status {
    IPA_CHECK(tx.Exec("COMMIT"));
    IPA_CHECK(tx.Exec(sql));
    IPA_CHECK(tx.Exec("BEGIN"));
    return {};
  });
  ASSERT_TRUE(st.has_value()) << st.error().message << " " << st.error().detail;
}

}  // namespace

std::string BackendName(Backend b) { return b == Backend::kSqlite ? "sqlite" : "postgres"; }

std::string PostgresTestUrl() {
  const char* url = std::getenv("IPA_TEST_PG_URL");
  return url ? url : "";
}

bool PostgresRequired() {
  const char* ci = std::getenv("CI");
  const char* req = std::getenv("IPA_TEST_REQUIRE_PG");
  return (ci && std::string(ci) == "true") || (req && std::string(req) == "1");
}

TestDatabase::TestDatabase(Backend backend) : backend_(backend) {
  if (backend == Backend::kSqlite) {
    dir_ = (std::filesystem::temp_directory_path() / ("ipa-test-" + RandomSuffix())).string();
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + dir_ + "/test.db";
  } else {
    if (PostgresTestUrl().empty()) return;
    pg_name_ = "ipa_test_" + RandomSuffix();
    RunAdmin("CREATE DATABASE " + pg_name_);
    url_ = WithDatabase(PostgresTestUrl(), pg_name_);
  }
  auto db = app::OpenDatabase(url_, 4);
  if (!db) {
    ADD_FAILURE() << "cannot open " << url_ << ": " << db.error().message;
    return;
  }
  db_ = std::move(*db);
  auto migrated = store::Migrate(*db_);
  if (!migrated) {
    ADD_FAILURE() << "migration failed: " << migrated.error().message << " " << migrated.error().detail;
    db_.reset();
  }
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (!pg_name_.empty()) RunAdmin("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
}

}  // namespace ipa::testing
