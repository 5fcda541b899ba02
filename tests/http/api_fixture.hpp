// A fresh SQLite database and an in-process API client for each test.
#pragma once

#include <gtest/gtest.h>

#include "support/api_client.hpp"
#include "support/test_db.hpp"

namespace ipa::testing {

class ApiTest : public ::testing::Test {
 protected:
  // IPA_TEST_API_BACKEND=postgres runs the API suite on PostgreSQL (ctest: http_tests_postgres).
  static Backend ApiBackend() {
    const char* b = std::getenv("IPA_TEST_API_BACKEND");
    return b && std::string(b) == "postgres" ? Backend::kPostgres : Backend::kSqlite;
  }
  void SetUp() override {
    if (ApiBackend() == Backend::kPostgres && PostgresTestUrl().empty()) {
      if (PostgresRequired()) FAIL() << "IPA_TEST_PG_URL is not set but PostgreSQL tests are required";
      GTEST_SKIP() << "IPA_TEST_PG_URL not set";
    }
    tdb_ = std::make_unique<TestDatabase>(ApiBackend());
    ASSERT_TRUE(tdb_->ok());
    api_ = std::make_unique<ApiClient>(tdb_->db());
  }
  ApiClient& api() { return *api_; }

  http::Json OrgBody(const std::string& region, int serial) {
    return {{"name_zh", "京津冀测试企业" + std::to_string(serial)},
            {"region_code", region},
            {"credit_code", MakeCreditCode(region, serial)},
            {"type", "company"},
            {"contact", {{"name", "赵六"}, {"phone", "022-1234567"}, {"email", "z@example.com"}}}};
  }

  std::unique_ptr<TestDatabase> tdb_;
  std::unique_ptr<ApiClient> api_;
};

}  // namespace ipa::testing
