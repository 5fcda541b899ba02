// service::EvidenceLog on real databases (SQLite and PostgreSQL): durable group-committed
// appends, receipts that verify offline, start-up checks against tampering, embedded and
// (in-process) remote witnesses, and fsck.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "evidence/leaf.hpp"
#include "evidence/receipt.hpp"
#include "evidence/witness.hpp"
#include "service/evidence_log.hpp"
#include "service/evidence_log_fsck.hpp"
#include "service/office_keys.hpp"
#include "store/evidence_log_repo.hpp"
#include "store/store_fixture.hpp"
#include "support/test_db.hpp"

namespace ipa::testing {
namespace {

using namespace std::chrono_literals;
using service::EvidenceLog;

std::string MakeLeaf(int n, std::string office = "TJ") {
  evidence::EvidenceRecord r;
  r.kind = evidence::LeafKind::kEvidence;
  r.office = std::move(office);
  r.case_id = "TJ-2026-" + std::to_string(100000 + n);
  r.evidence_id = "ev-" + std::to_string(n);
  r.sha256 = std::string(64, 'a');
  r.media_type = "image/jpeg";
  r.size = 1000 + static_cast<uint64_t>(n);
  r.captured_by = "王执法";
  r.captured_at = "2026-11-25T09:30:00Z";
  r.place = "河北省沧州市";
  r.recorded_at = "2026-11-25T09:31:02.123Z";
  auto leaf = evidence::EncodeLeaf(r);
  EXPECT_TRUE(leaf.has_value());
  return leaf.value_or("");
}

std::vector<std::string> AllSigners() { return {"ipa-log", "ipa-BJ", "ipa-TJ", "ipa-HE"}; }

class EvidenceLogTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && PostgresTestUrl().empty()) {
      if (PostgresRequired()) FAIL() << "IPA_TEST_PG_URL is not set but PostgreSQL tests are required";
      GTEST_SKIP() << "IPA_TEST_PG_URL not set";
    }
    tdb_ = std::make_unique<TestDatabase>(GetParam());
    ASSERT_TRUE(tdb_->ok());
    key_dir_ = std::filesystem::temp_directory_path() /
               ("ipa-evlog-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(key_dir_);
  }
  void TearDown() override { std::filesystem::remove_all(key_dir_); }

  service::EvidenceLogOptions Options() {
    service::EvidenceLogOptions o;
    o.key_dir = key_dir_.string();
    o.checkpoint_interval = 50ms;
    o.pending_timeout = 200ms;
    return o;
  }
  std::unique_ptr<EvidenceLog> OpenLog(service::EvidenceLogOptions o) {
    auto log = EvidenceLog::Open(tdb_->db(), std::move(o));
    EXPECT_TRUE(log.has_value()) << log.error().message;
    return log ? std::move(*log) : nullptr;
  }
  std::unique_ptr<EvidenceLog> OpenLog() { return OpenLog(Options()); }
  void Exec(const std::string& sql) {
    auto st = tdb_->db().Write([&](store::Tx& tx) -> core::Status {
      IPA_CHECK(tx.Exec(sql));
      return {};
    });
    ASSERT_TRUE(st.has_value()) << st.error().message;
  }

  std::unique_ptr<TestDatabase> tdb_;
  std::filesystem::path key_dir_;
  static inline int counter_ = 0;
};

TEST_P(EvidenceLogTest, AppendIsDurableAndItsReceiptVerifiesOffline) {
  auto log = OpenLog();
  ASSERT_TRUE(log);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(log->Append(MakeLeaf(i)).value(), static_cast<uint64_t>(i));
  auto count = store::ReadValue<int64_t>(tdb_->db(), [](store::Tx& tx) { return store::CountEvidenceLeaves(tx); });
  EXPECT_EQ(count.value(), 5);
  auto receipt = log->GetReceipt(3, 10s);
  ASSERT_TRUE(receipt.has_value()) << receipt.error().message;
  EXPECT_EQ(receipt->leaf, MakeLeaf(3));
  EXPECT_EQ(receipt->public_keys.size(), 4u);
  auto verified = evidence::VerifyReceipt(*receipt, std::nullopt, AllSigners());
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  EXPECT_EQ(verified->signers.size(), 4u);
  // A receipt round-trips through its JSON form and still verifies.
  auto parsed = evidence::ParseReceipt(evidence::FormatReceipt(*receipt));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(evidence::VerifyReceipt(*parsed, std::nullopt, AllSigners()).has_value());
}

TEST_P(EvidenceLogTest, RejectsNonCanonicalLeavesAndUnknownIndexes) {
  auto log = OpenLog();
  ASSERT_TRUE(log);
  auto bad = log->Append("not a leaf");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(log->Size(), 0u);
  EXPECT_EQ(log->GetReceipt(0, 0ms).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(log->Leaf(7).error().code, core::ErrorCode::kNotFound);
}

TEST_P(EvidenceLogTest, ConcurrentAppendsAreGroupCommittedWithDistinctIndexes) {
  auto log = OpenLog();
  ASSERT_TRUE(log);
  constexpr int kThreads = 32, kEach = 40;
  std::vector<std::vector<uint64_t>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = log->Append(MakeLeaf(t * kEach + i));
        if (r) got[t].push_back(*r);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<uint64_t> all;
  for (const auto& v : got) all.insert(v.begin(), v.end());
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*all.rbegin(), static_cast<uint64_t>(kThreads * kEach - 1));
  EXPECT_EQ(log->Size(), static_cast<uint64_t>(kThreads * kEach));
  // Each acknowledged index holds exactly what its caller appended.
  auto leaf = log->Leaf(got[5][3]);
  ASSERT_TRUE(leaf.has_value());
  EXPECT_TRUE(leaf->find("ev-" + std::to_string(5 * kEach + 3) + "\n") != std::string::npos);
  ASSERT_TRUE(log->WaitForCheckpoint(kThreads * kEach, 10s).has_value());
}

TEST_P(EvidenceLogTest, RestartRebuildsTheTreeAndEveryCheckpointStaysConsistent) {
  std::optional<service::PublishedCheckpoint> before;
  {
    auto log = OpenLog();
    ASSERT_TRUE(log);
    for (int i = 0; i < 9; ++i) ASSERT_TRUE(log->Append(MakeLeaf(i)).has_value());
    before = log->WaitForCheckpoint(9, 10s);
    ASSERT_TRUE(before);
  }
  auto log = OpenLog();
  ASSERT_TRUE(log);
  EXPECT_EQ(log->Size(), 9u);
  ASSERT_TRUE(log->LatestCheckpoint());
  EXPECT_EQ(log->LatestCheckpoint()->note, before->note);
  for (int i = 9; i < 20; ++i) ASSERT_TRUE(log->Append(MakeLeaf(i)).has_value());
  auto after = log->WaitForCheckpoint(20, 10s);
  ASSERT_TRUE(after);
  auto proof = log->ConsistencyProof(9, after->checkpoint.size);
  ASSERT_TRUE(proof.has_value());
  EXPECT_TRUE(evidence::VerifyConsistency(9, after->checkpoint.size, *proof, before->checkpoint.root,
                                          after->checkpoint.root).has_value());
}

TEST_P(EvidenceLogTest, StartRefusesATamperedLeafRowNamingTheLeaf) {
  {
    auto log = OpenLog();
    ASSERT_TRUE(log);
    for (int i = 0; i < 6; ++i) ASSERT_TRUE(log->Append(MakeLeaf(i)).has_value());
    ASSERT_TRUE(log->WaitForCheckpoint(6, 10s));
  }
  Exec("UPDATE evidence_leaves SET leaf = REPLACE(leaf, 'size=1004', 'size=1005') WHERE leaf_index = 4");
  auto log = EvidenceLog::Open(tdb_->db(), Options());
  ASSERT_FALSE(log.has_value());
  EXPECT_NE(log.error().message.find("evidence leaf 4 "), std::string::npos) << log.error().message;
  auto keys = service::LoadEvidenceVerifierKeys(key_dir_.string(), {});
  ASSERT_TRUE(keys.has_value());
  auto report = service::FsckEvidenceLog(tdb_->db(), *keys, key_dir_.string());
  ASSERT_TRUE(report.has_value());
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->problems.front().where, "leaf 4");
}

TEST_P(EvidenceLogTest, StartRefusesLeavesRewrittenWithTheirHashAgainstTheCheckpoint) {
  {
    auto log = OpenLog();
    ASSERT_TRUE(log);
    for (int i = 0; i < 6; ++i) ASSERT_TRUE(log->Append(MakeLeaf(i)).has_value());
    ASSERT_TRUE(log->WaitForCheckpoint(6, 10s));
  }
  const std::string forged = MakeLeaf(99);
  auto st = tdb_->db().Write([&](store::Tx& tx) -> core::Status {
    IPA_CHECK(tx.Exec("UPDATE evidence_leaves SET leaf = $1, leaf_hash = $2 WHERE leaf_index = 2",
                      {forged, evidence::HashHex(evidence::HashLeaf(forged))}));
    return {};
  });
  ASSERT_TRUE(st.has_value());
  auto log = EvidenceLog::Open(tdb_->db(), Options());
  ASSERT_FALSE(log.has_value());
  EXPECT_NE(log.error().message.find("evidence checkpoint of size 6"), std::string::npos) << log.error().message;
}

TEST_P(EvidenceLogTest, FsckReportsAFlippedSignatureAndACleanLogPasses) {
  {
    auto log = OpenLog();
    ASSERT_TRUE(log);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(log->Append(MakeLeaf(i)).has_value());
    ASSERT_TRUE(log->WaitForCheckpoint(3, 10s));
  }
  auto keys = service::LoadEvidenceVerifierKeys(key_dir_.string(), {});
  ASSERT_TRUE(keys.has_value());
  auto clean = service::FsckEvidenceLog(tdb_->db(), *keys, key_dir_.string());
  ASSERT_TRUE(clean.has_value());
  EXPECT_TRUE(clean->ok()) << clean->problems.front().where << ": " << clean->problems.front().what;
  EXPECT_EQ(clean->leaves, 3u);
  EXPECT_GE(clean->checkpoints, 1u);
  // Change one base64 character inside the BJ signature.
  auto rows = store::ReadValue<std::vector<store::EvidenceCheckpointRow>>(
      tdb_->db(), [](store::Tx& tx) { return store::ListEvidenceCheckpoints(tx); });
  ASSERT_TRUE(rows.has_value());
  std::string note = rows->back().note;
  const size_t at = note.find("ipa-BJ ") + 20;
  note[at] = note[at] == 'A' ? 'B' : 'A';
  auto st = tdb_->db().Write([&](store::Tx& tx) -> core::Status {
    IPA_CHECK(tx.Exec("UPDATE evidence_checkpoints SET note = $1 WHERE tree_size = $2", {note, rows->back().tree_size}));
    return {};
  });
  ASSERT_TRUE(st.has_value());
  auto report = service::FsckEvidenceLog(tdb_->db(), *keys, key_dir_.string());
  ASSERT_TRUE(report.has_value());
  ASSERT_FALSE(report->ok());
  EXPECT_EQ(report->problems.front().where, "checkpoint " + std::to_string(rows->back().tree_size));
  EXPECT_NE(report->problems.front().what.find("ipa-BJ"), std::string::npos) << report->problems.front().what;
}

TEST_P(EvidenceLogTest, KeysArePrivateFilesAndTheWitnessStateIsAPrefixOfTheLog) {
  {
    auto log = OpenLog();
    ASSERT_TRUE(log);
    ASSERT_TRUE(log->Append(MakeLeaf(0)).has_value());
    ASSERT_TRUE(log->WaitForCheckpoint(1, 10s));
  }
  for (const char* f : {"log.key", "BJ.key", "TJ.key", "HE.key", "witness-TJ.state"}) {
    struct stat sb {};
    ASSERT_EQ(::stat((key_dir_ / f).c_str(), &sb), 0) << f;
    EXPECT_EQ(sb.st_mode & 0777, 0600u) << f;
  }
  // A witness that remembers another history makes the start fail.
  auto state = service::LoadWitnessState((key_dir_ / "witness-HE.state").string());
  ASSERT_TRUE(state.has_value() && state->has_value());
  evidence::Checkpoint forged = **state;
  forged.root[0] ^= 1;
  ASSERT_TRUE(service::SaveWitnessState((key_dir_ / "witness-HE.state").string(), forged).has_value());
  auto log = EvidenceLog::Open(tdb_->db(), Options());
  ASSERT_FALSE(log.has_value());
  EXPECT_NE(log.error().message.find("witness HE"), std::string::npos) << log.error().message;
}

TEST_P(EvidenceLogTest, RemoteWitnessCosignsThroughPendingAndIsAuthenticatedBySignature) {
  auto tj_key = evidence::SigningKey::Generate("ipa-TJ");
  ASSERT_TRUE(tj_key.has_value());
  auto options = Options();
  options.remote_witnesses = {tj_key->verifier()};
  auto log = OpenLog(options);
  ASSERT_TRUE(log);
  ASSERT_TRUE(log->Append(MakeLeaf(0)).has_value());
  ASSERT_TRUE(log->Append(MakeLeaf(1)).has_value());
  EXPECT_FALSE(log->WaitForCheckpoint(1, 300ms)) << "published without the remote office";
  EXPECT_EQ(log->PendingFor("BJ", 0).error().code, core::ErrorCode::kNotFound);  // BJ is embedded

  auto work = log->PendingFor("TJ", 0);
  ASSERT_TRUE(work.has_value() && work->has_value());
  // A note signed by another key named ipa-TJ is refused.
  auto impostor = evidence::SigningKey::Generate("ipa-TJ");
  evidence::Witness fake(*impostor, std::string(service::kEvidenceOrigin));
  auto forged = fake.Cosign((*work)->note, {});
  ASSERT_TRUE(forged.has_value());
  EXPECT_EQ(log->SubmitCosignature("TJ", *forged).error().code, core::ErrorCode::kInvalidArgument);

  evidence::Witness tj(*tj_key, std::string(service::kEvidenceOrigin), std::nullopt, log->Keys().front());
  auto cosigned = tj.Cosign((*work)->note, (*work)->consistency);
  ASSERT_TRUE(cosigned.has_value()) << cosigned.error().message;
  ASSERT_TRUE(log->SubmitCosignature("TJ", *cosigned).has_value());
  auto published = log->WaitForCheckpoint((*work)->tree_size, 5s);
  ASSERT_TRUE(published);
  auto receipt = log->GetReceipt(0, 1s);
  ASSERT_TRUE(receipt.has_value());
  EXPECT_TRUE(evidence::VerifyReceipt(*receipt, std::nullopt, AllSigners()).has_value());

  // The next round comes with a consistency proof from the size TJ signed.
  ASSERT_TRUE(log->Append(MakeLeaf(2)).has_value());
  std::optional<service::WitnessWork> next;
  for (int i = 0; i < 100 && !next; ++i) {
    auto w = log->PendingFor("TJ", tj.last_signed()->size);
    ASSERT_TRUE(w.has_value());
    if (*w) next = **w;
    else std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(next);
  EXPECT_FALSE(next->consistency.empty());
  auto again = tj.Cosign(next->note, next->consistency);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  ASSERT_TRUE(log->SubmitCosignature("TJ", *again).has_value());
  EXPECT_TRUE(log->WaitForCheckpoint(3, 5s));
}

TEST_P(EvidenceLogTest, ASecondWriterOfTheSameLogIsRefusedInsteadOfForkingIt) {
  auto first = OpenLog();
  auto second = OpenLog();
  ASSERT_TRUE(first && second);
  ASSERT_EQ(first->Append(MakeLeaf(0)).value(), 0u);
  auto refused = second->Append(MakeLeaf(1));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(second->Size(), 0u);
  EXPECT_EQ(first->Leaf(0).value(), MakeLeaf(0));
}

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceLogTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendParamName);

TEST(RehashEvidenceFiles, ReportsAChangedAMissingAndAResizedFile) {
  const auto dir = std::filesystem::temp_directory_path() / ("ipa-rehash-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string content = "photo bytes";
  const std::string hex = evidence::HashHex(evidence::Sha256(content));
  auto write = [&](const char* name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return (dir / name).string();
  };
  std::vector<service::StoredEvidenceFile> files = {
      {"ev-ok", write("ok", content), hex, content.size()},
      {"ev-flip", write("flip", "phoTo bytes"), hex, content.size()},
      {"ev-gone", (dir / "gone").string(), hex, content.size()},
      {"ev-size", write("size", content + "!"), hex, content.size()},
  };
  service::FsckReport report;
  service::RehashEvidenceFiles(files, report);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(report.files, 4u);
  ASSERT_EQ(report.problems.size(), 3u);
  EXPECT_EQ(report.problems[0].where, "file ev-flip");
  EXPECT_NE(report.problems[0].what.find("SHA-256"), std::string::npos);
  EXPECT_EQ(report.problems[1].where, "file ev-gone");
  EXPECT_EQ(report.problems[2].where, "file ev-size");
}

}  // namespace
}  // namespace ipa::testing
