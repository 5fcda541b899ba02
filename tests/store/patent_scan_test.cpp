// The streaming scan and the latest change sequence that in-memory indexes start from, on
// SQLite and PostgreSQL.
#include "store/audit_repo.hpp"
#include "store/patent_repo.hpp"
#include "store/store_fixture.hpp"

namespace ipa::testing {
namespace {

class PatentScanTest : public StoreContractTest {};

core::Patent Numbered(int i) {
  core::Patent p;
  p.application_number = "20171060" + std::to_string(1000 + i) + ".X";
  p.title_zh = "一种电池" + std::to_string(i);
  p.applicants = {{"北京华清大学", std::nullopt}, {"天津海河新材料有限公司", std::nullopt}};
  p.ipc = {"H01M 4/525"};
  p.filing_date = core::MakeDate(2017, 7, 28);
  return p;
}

TEST_P(PatentScanTest, ScansEveryPatentInIdOrderWithApplicantNames) {
  InWrite([&](Tx& tx) {
    auto seq = store::LatestChangeSeq(tx);
    ASSERT_TRUE(seq);
    EXPECT_EQ(*seq, 0);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(store::UpsertPatent(tx, Numbered(i)));
    auto after = store::LatestChangeSeq(tx);
    ASSERT_TRUE(after);
    auto changes = store::ChangesAfter(tx, 0, 100);
    ASSERT_TRUE(changes);
    EXPECT_EQ(*after, changes->back().seq);
  });
  InWrite([&](Tx& tx) {
    std::vector<std::string> titles;
    int64_t after = 0;
    for (;;) {
      auto page = store::ScanPatents(tx, after, 2);
      ASSERT_TRUE(page);
      if (page->empty()) break;
      for (const auto& [id, p] : *page) {
        EXPECT_GT(id.value, after);
        after = id.value;
        titles.push_back(p.title_zh);
        ASSERT_EQ(p.applicants.size(), 2u);
        EXPECT_EQ(p.applicants[1].name, "天津海河新材料有限公司");
        EXPECT_EQ(p.ipc, std::vector<std::string>{"H01M 4/525"});
      }
    }
    EXPECT_EQ(titles, (std::vector<std::string>{"一种电池0", "一种电池1", "一种电池2", "一种电池3", "一种电池4"}));
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, PatentScanTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendParamName);

}  // namespace
}  // namespace ipa::testing
