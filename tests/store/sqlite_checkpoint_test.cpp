// The SQLite backend's background checkpointer: committed WAL frames reach the database file
// on their own thread, the WAL restarts instead of growing without bound, a reader holding an
// old snapshot neither blocks writes nor loses its view, and everything committed is there
// after the database is closed and opened again.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "store/database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace ipa::testing {
namespace {

namespace fs = std::filesystem;
using store::Tx;

class SqliteCheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ipa-ckpt-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Opens the database and creates the test table if it is new.
  std::unique_ptr<store::Database> Open() {
    // Small thresholds: a pass from 256 KiB of WAL, a restart from 1 MiB.
    auto db = store::OpenSqlite(path_, 2, {.checkpoint_start_bytes = 256 << 10, .checkpoint_restart_bytes = 1 << 20});
    EXPECT_TRUE(db.has_value());
    if (!db) return nullptr;
    EXPECT_TRUE((*db)->Write([](Tx& tx) -> core::Status {
      IPA_CHECK(tx.Exec("CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
      return {};
    }).has_value());
    return std::move(*db);
  }

  // `n` transactions of 64 rows of 1 KiB each (≈ 64 KiB per transaction).
  static void WriteRows(store::Database& db, int first, int n) {
    const std::string payload(1024, 'x');
    for (int t = first; t < first + n; ++t) {
      auto st = db.Write([&](Tx& tx) -> core::Status {
        for (int i = 0; i < 64; ++i) {
          IPA_CHECK(tx.Exec("INSERT INTO t (k, v) VALUES ($1, $2)", {int64_t{t} * 64 + i, std::string_view(payload)}));
        }
        return {};
      });
      ASSERT_TRUE(st.has_value()) << st.error().detail;
    }
  }

  static int64_t Count(store::Database& db) {
    int64_t n = -1;
    auto st = db.Read([&](Tx& tx) -> core::Status {
      IPA_TRY(row, tx.QueryOne("SELECT COUNT(*) FROM t"));
      n = row.Int(0);
      return {};
    });
    EXPECT_TRUE(st.has_value());
    return n;
  }

  int64_t WalBytes() const {
    std::error_code ec;
    const auto size = fs::file_size(path_ + "-wal", ec);
    return ec ? 0 : static_cast<int64_t>(size);
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(SqliteCheckpointTest, TheWalRestartsAndEveryCommitSurvivesReopening) {
  {
    auto db = Open();
    ASSERT_TRUE(db);
    int64_t largest_wal = 0;
    for (int round = 0; round < 20; ++round) {  // 20 × 8 transactions ≈ 10 MiB in all
      WriteRows(*db, round * 8, 8);
      largest_wal = std::max(largest_wal, WalBytes());
    }
    EXPECT_EQ(Count(*db), 20 * 8 * 64);
    // Without restarts the WAL would hold all ≈ 10 MiB; with them it stays near the 1 MiB
    // restart size plus the transactions committed while a pass ran.
    EXPECT_LT(largest_wal, 4 << 20) << "the WAL grew to " << largest_wal << " bytes";
    EXPECT_GT(fs::file_size(path_), 8u << 20) << "the pages reached the database file";
  }
  auto db = Open();
  ASSERT_TRUE(db);
  EXPECT_EQ(Count(*db), 20 * 8 * 64);
}

TEST_F(SqliteCheckpointTest, AReaderHoldingASnapshotDoesNotBlockWritesAndKeepsItsView) {
  auto db = Open();
  ASSERT_TRUE(db);
  WriteRows(*db, 0, 4);
  // The reader's transaction stays open while 2.5 MiB more are written: passes cannot copy
  // past its snapshot and the WAL cannot restart, yet every write must go through.
  auto st = db->Read([&](Tx& tx) -> core::Status {
    IPA_TRY(before, tx.QueryOne("SELECT COUNT(*) FROM t"));
    WriteRows(*db, 4, 40);
    IPA_TRY(after, tx.QueryOne("SELECT COUNT(*) FROM t"));
    EXPECT_EQ(before.Int(0), 4 * 64);
    EXPECT_EQ(after.Int(0), 4 * 64) << "the snapshot did not move";
    return {};
  });
  ASSERT_TRUE(st.has_value()) << st.error().detail;
  EXPECT_EQ(Count(*db), 44 * 64);
  WriteRows(*db, 44, 20);  // with the reader gone the WAL restarts again
  EXPECT_EQ(Count(*db), 64 * 64);
}

}  // namespace
}  // namespace ipa::testing
