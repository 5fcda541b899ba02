// The storage contract fixture: each test gets a fresh, migrated database on SQLite and on
// PostgreSQL (skipped without IPA_TEST_PG_URL unless PostgreSQL is required).
#pragma once

#include <gtest/gtest.h>

#include "store/org_repo.hpp"
#include "support/api_client.hpp"
#include "support/test_db.hpp"

namespace ipa::testing {

using core::ErrorCode;
using core::Organization;
using store::Tx;

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && PostgresTestUrl().empty()) {
      if (PostgresRequired()) FAIL() << "IPA_TEST_PG_URL is not set but PostgreSQL tests are required (CI)";
      GTEST_SKIP() << "IPA_TEST_PG_URL not set; PostgreSQL contract tests skipped";
    }
    tdb_ = std::make_unique<TestDatabase>(GetParam());
    ASSERT_TRUE(tdb_->ok());
  }
  store::Database& db() { return tdb_->db(); }

  template <class F>
  void InWrite(F&& f) {
    auto st = db().Write([&](Tx& tx) -> core::Status {
      f(tx);
      return {};
    });
    ASSERT_TRUE(st.has_value()) << st.error().message << " " << st.error().detail;
  }

  Organization MakeOrg(const std::string& region, int serial) {
    Organization o;
    o.name_zh = "河北测试科技有限公司" + std::to_string(serial);
    o.name_en = "Hebei Test Technology " + std::to_string(serial);
    o.aliases = {"测试" + std::to_string(serial), "Ｔｅｓｔ"};
    o.region_code = region;
    o.credit_code = MakeCreditCode(region, serial);
    o.industry = "C";
    o.membership = {"2016-03-29", serial % 2 == 0, core::MemberStatus::kActive};
    o.contact = {"王五", "0311-1234567", "w@example.com"};
    EXPECT_TRUE(core::NormalizeAndValidate(o).has_value());
    return o;
  }

  std::unique_ptr<TestDatabase> tdb_;
};

inline std::string BackendParamName(const ::testing::TestParamInfo<Backend>& p) { return BackendName(p.param); }

}  // namespace ipa::testing
