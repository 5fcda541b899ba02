// The import's transactions: records reach the writer in chunks of 1,000 and one transaction
// spans chunks up to the batch size or the time limit. A failure rolls back the whole open
// transaction (every chunk in it) and keeps the transactions committed before it; re-running
// the import completes it without duplicates. Run on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "importer/jsonl_writer.hpp"
#include "service/demo_patents.hpp"
#include "service/patent_import.hpp"
#include "store/store_fixture.hpp"

namespace ipa::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kPatents = 2500;

class PatentImportTransactionTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    file_ = (fs::temp_directory_path() / ("ipa-import-tx-" + std::to_string(::getpid()) + "-" +
                                          BackendName(GetParam()) + ".jsonl")).string();
    std::ofstream out(file_, std::ios::trunc);
    service::GenerateDemoPatents({.count = kPatents, .seed = 7}, [&](core::Patent&& p) {
      numbers_.push_back(p.application_number);
      out << importer::ToJsonLine(p) << '\n';
    });
  }
  void TearDown() override {
    if (!file_.empty()) fs::remove(file_);
  }

  // The database refuses the patent on line `line` (1-based), as a failing disk or a broken
  // constraint would, after the records before it were written in the same transaction.
  void FailOnLine(int line) {
    const std::string number = numbers_.at(static_cast<size_t>(line - 1));
    InWrite([&](store::Tx& tx) {
      if (tx.dialect() == store::Dialect::kSqlite) {
        ASSERT_TRUE(tx.Exec("CREATE TRIGGER refuse BEFORE INSERT ON patents WHEN NEW.application_number = '" + number +
                            "' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END").has_value());
      } else {
        ASSERT_TRUE(tx.Exec("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.application_number = '" + number +
                            "' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql").has_value());
        ASSERT_TRUE(tx.Exec("CREATE TRIGGER refuse BEFORE INSERT ON patents FOR EACH ROW EXECUTE FUNCTION refuse()").has_value());
      }
    });
  }
  void StopFailing() {
    InWrite([&](store::Tx& tx) {
      ASSERT_TRUE(tx.Exec(tx.dialect() == store::Dialect::kSqlite ? "DROP TRIGGER refuse" : "DROP TRIGGER refuse ON patents").has_value());
    });
  }

  core::Result<service::ImportSummary> Import(int batch_size, int max_transaction_ms) {
    service::ImportOptions options;
    options.format = importer::Format::kJsonl;
    options.files = {file_};
    options.batch_size = batch_size;
    options.max_transaction_ms = max_transaction_ms;
    return service::ImportPatents(db(), {}, options, /*system=*/true);
  }

  int64_t Stored() {
    int64_t n = -1;
    InWrite([&](store::Tx& tx) {
      auto row = tx.QueryOne("SELECT COUNT(*) FROM patents");
      ASSERT_TRUE(row.has_value());
      n = row->Int(0);
    });
    return n;
  }

  std::string file_;
  std::vector<std::string> numbers_;
};

TEST_P(PatentImportTransactionTest, AFailureRollsBackEveryChunkOfTheOpenTransactionOnly) {
  FailOnLine(2300);
  // Transactions of 2,000 records: lines 1-2,000 (two chunks) commit; the second
  // transaction's chunk 2,001-2,500 fails at line 2,300 and none of it stays.
  auto failed = Import(2000, 60000);
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(Stored(), 2000);
  StopFailing();
  auto rerun = Import(2000, 60000);
  ASSERT_TRUE(rerun.has_value()) << rerun.error().detail;
  EXPECT_EQ(service::SummaryLine(*rerun), "imported 500, updated 2000, rejected 0");
  EXPECT_EQ(Stored(), kPatents);
}

TEST_P(PatentImportTransactionTest, ATransactionSpansChunksUpToTheBatchSize) {
  FailOnLine(1500);
  // One transaction would hold lines 1-2,000: the failure at 1,500 takes the first chunk too.
  ASSERT_FALSE(Import(2000, 60000).has_value());
  EXPECT_EQ(Stored(), 0);
}

TEST_P(PatentImportTransactionTest, TheTimeLimitEndsATransactionAfterOneChunk) {
  FailOnLine(1500);
  // With no time to spare each transaction is one chunk: lines 1-1,000 commit.
  ASSERT_FALSE(Import(2000, 0).has_value());
  EXPECT_EQ(Stored(), 1000);
}

INSTANTIATE_TEST_SUITE_P(Backends, PatentImportTransactionTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName);

}  // namespace
}  // namespace ipa::testing
