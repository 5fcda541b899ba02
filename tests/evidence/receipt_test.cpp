// Offline receipt verification: a good receipt verifies with its file; flipping one byte of
// the file, the leaf, the path, a signature or the size fails, naming what failed.
#include "evidence/receipt.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include "evidence/base64.hpp"
#include "evidence/merkle_log.hpp"
#include "evidence/signed_note.hpp"

namespace ipa::evidence {
namespace {

class ReceiptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* office : {"BJ", "TJ", "HE"}) {
      auto key = SigningKey::Generate(std::string("jjj-office-") + office);
      ASSERT_TRUE(key.has_value());
      keys_.push_back(*key);
    }
    MerkleLog log;
    for (int i = 0; i < 5; ++i) {
      file_ = "photo of the counterfeit goods, take " + std::to_string(i);
      EvidenceRecord rec;
      rec.office = "TJ";
      rec.case_id = "TJ-2026-0007";
      rec.evidence_id = "E" + std::to_string(i);
      rec.sha256 = HashHex(Sha256(file_));
      rec.media_type = "image/jpeg";
      rec.size = file_.size();
      rec.captured_by = "tj_office";
      rec.captured_at = "2026-11-25T09:00:00Z";
      rec.place = "河北省沧州市";
      rec.method = "on-site inspection";
      rec.tool = "camera";
      rec.recorded_at = "2026-11-25T09:05:00Z";
      auto leaf = EncodeLeaf(rec);
      ASSERT_TRUE(leaf.has_value()) << leaf.error().message;
      leaves_.push_back(*leaf);
      log.Append(HashLeaf(*leaf));
    }
    // The receipt is for the last item (index 4, whose file is file_).
    Checkpoint cp{"jjj-ip-alliance/evidence", log.Size(), *log.Root(log.Size()), {}};
    auto body = FormatCheckpoint(cp);
    ASSERT_TRUE(body.has_value());
    SignedNote note{*body, {}};
    for (const auto& key : keys_) note.signatures.push_back(*SignNote(*body, key));
    receipt_.leaf = leaves_[4];
    receipt_.leaf_index = 4;
    receipt_.tree_size = log.Size();
    receipt_.inclusion_path = *log.Inclusion(4, log.Size());
    receipt_.checkpoint = FormatNote(note);
    for (const auto& key : keys_) receipt_.public_keys.emplace(key.name(), key.public_key());
    required_ = {"jjj-office-BJ", "jjj-office-TJ", "jjj-office-HE"};
  }

  std::string FieldOfFailure(const Receipt& r, std::optional<std::string_view> file) {
    auto v = VerifyReceipt(r, file, required_);
    return v ? std::string("verified") : v.error().field;
  }

  std::vector<SigningKey> keys_;
  std::vector<std::string> leaves_;
  std::string file_;
  Receipt receipt_;
  std::vector<std::string> required_;
};

TEST_F(ReceiptTest, AGoodReceiptVerifiesWithItsFileAfterAJsonRoundTrip) {
  auto parsed = ParseReceipt(FormatReceipt(receipt_));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  auto v = VerifyReceipt(*parsed, file_, required_);
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_TRUE(v->file_checked);
  EXPECT_EQ(v->record.case_id, "TJ-2026-0007");
  EXPECT_EQ(v->signers.size(), 3u);
  EXPECT_EQ(v->checkpoint.size, 5u);
}

TEST_F(ReceiptTest, EveryFlippedByteFailsNamingWhatFailed) {
  std::string file = file_;
  file[3] ^= 1;
  EXPECT_EQ(FieldOfFailure(receipt_, file), "file");
  for (size_t i = 0; i < receipt_.leaf.size(); i += 7) {
    Receipt r = receipt_;
    r.leaf[i] ^= 0x20;
    const std::string field = FieldOfFailure(r, std::nullopt);
    EXPECT_TRUE(field == "leaf" || field == "inclusion_path") << "byte " << i << ": " << field;
  }
  for (size_t h = 0; h < receipt_.inclusion_path.size(); ++h) {
    Receipt r = receipt_;
    r.inclusion_path[h][h % 32] ^= 1;
    EXPECT_EQ(FieldOfFailure(r, std::nullopt), "inclusion_path");
  }
  Receipt bigger = receipt_;
  bigger.tree_size = 6;
  EXPECT_EQ(FieldOfFailure(bigger, std::nullopt), "tree_size");
  // One byte of one office's signature (inside its base64).
  Receipt forged = receipt_;
  const auto sig_line = forged.checkpoint.find("— jjj-office-TJ ");
  ASSERT_NE(sig_line, std::string::npos);
  char& c = forged.checkpoint[sig_line + 30];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_EQ(FieldOfFailure(forged, std::nullopt), "checkpoint");
}

TEST_F(ReceiptTest, MissingSignerAndUnpinnedKeysAreRefused) {
  Receipt two = receipt_;
  auto note = *ParseNote(two.checkpoint);
  note.signatures.pop_back();
  two.checkpoint = FormatNote(note);
  auto v = VerifyReceipt(two, std::nullopt, required_);
  ASSERT_FALSE(v.has_value());
  EXPECT_NE(v.error().message.find("jjj-office-HE"), std::string::npos) << v.error().message;
  // A receipt carrying its own (attacker's) keys fails against the pinned ones.
  auto other = SigningKey::Generate("jjj-office-TJ");
  std::map<std::string, PublicKey> pinned = receipt_.public_keys;
  pinned["jjj-office-TJ"] = other->public_key();
  auto against_pins = VerifyReceipt(receipt_, std::nullopt, required_, &pinned);
  ASSERT_FALSE(against_pins.has_value());
  EXPECT_EQ(against_pins.error().field, "public_keys.jjj-office-TJ");
}

// `ipalliance verify BUNDLE FILE` on the command line, with no network and no database.
TEST_F(ReceiptTest, TheVerifyCommandSaysVerifiedOrWhatFailed) {
  const auto dir = std::filesystem::temp_directory_path() / ("ipa-verify-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "receipt.json") << FormatReceipt(receipt_);
  std::ofstream(dir / "photo.jpg", std::ios::binary) << file_;
  std::string tampered = file_;
  tampered[0] ^= 1;
  std::ofstream(dir / "tampered.jpg", std::ios::binary) << tampered;
  auto run = [&](const std::string& file) {
    const std::string cmd = std::string(IPA_CLI) + " verify '" + (dir / "receipt.json").string() + "' '" +
                            (dir / file).string() + "' > '" + (dir / "out.txt").string() + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    std::ifstream in(dir / "out.txt");
    std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return std::make_pair(WEXITSTATUS(rc), out);
  };
  auto [ok_rc, ok_out] = run("photo.jpg");
  EXPECT_EQ(ok_rc, 0) << ok_out;
  EXPECT_NE(ok_out.find("VERIFIED"), std::string::npos);
  EXPECT_NE(ok_out.find("file: matches the record"), std::string::npos);
  auto [bad_rc, bad_out] = run("tampered.jpg");
  EXPECT_EQ(bad_rc, 1) << bad_out;
  EXPECT_NE(bad_out.find("NOT VERIFIED: file: its SHA-256 is"), std::string::npos) << bad_out;
  std::filesystem::remove_all(dir);
}

TEST_F(ReceiptTest, MalformedJsonIsNamed) {
  EXPECT_EQ(ParseReceipt("{").error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(ParseReceipt(R"({"leaf":"AA=="})").error().field, "leaf_index");
  std::string json = FormatReceipt(receipt_);
  json.insert(1, R"("extra": 1, )");
  EXPECT_EQ(ParseReceipt(json).error().field, "extra");
}

// The golden cases the browser verifier (web/src/evidence/receiptVerify.js) must agree with:
// one good receipt with its file, and tampered variants with the part this implementation names.
// tests/browser/receipt_verify.test.mjs checks the same file. The keys are random, so the file
// is only rewritten on request (IPA_UPDATE_FIXTURES=1); otherwise this test re-checks it.
TEST_F(ReceiptTest, GoldenCasesForTheBrowserVerifier) {
  const std::filesystem::path path = IPA_SOURCE_DIR "/tests/evidence/fixtures/receipt-cases.json";
  if (std::getenv("IPA_UPDATE_FIXTURES") != nullptr) {
    nlohmann::json cases = nlohmann::json::array();
    auto add = [&](const std::string& what, const Receipt& r, const std::string& file) {
      auto v = VerifyReceipt(r, file, required_);
      cases.push_back({{"what", what},
                       {"receipt", nlohmann::json::parse(FormatReceipt(r))},
                       {"file", Base64Encode(file)},
                       {"part", v ? "verified" : v.error().field}});
    };
    add("good", receipt_, file_);
    std::string file = file_;
    file[3] ^= 1;
    add("file byte 3 flipped", receipt_, file);
    add("file one byte shorter", receipt_, file_.substr(1));
    for (size_t i = 16; i < receipt_.leaf.size(); i += 29) {
      Receipt r = receipt_;
      r.leaf[i] ^= 0x01;
      add("leaf byte " + std::to_string(i) + " flipped", r, file_);
    }
    for (size_t h = 0; h < receipt_.inclusion_path.size(); ++h) {
      Receipt r = receipt_;
      r.inclusion_path[h][h % 32] ^= 1;
      add("inclusion_path[" + std::to_string(h) + "] flipped", r, file_);
    }
    Receipt bigger = receipt_;
    bigger.tree_size = 6;
    add("tree_size 6", bigger, file_);
    Receipt other_index = receipt_;
    other_index.leaf_index = 3;
    add("leaf_index 3", other_index, file_);
    for (const char* office : {"jjj-office-BJ", "jjj-office-TJ", "jjj-office-HE"}) {
      Receipt forged = receipt_;
      const auto at = forged.checkpoint.find(std::string("— ") + office + " ");
      ASSERT_NE(at, std::string::npos);
      char& c = forged.checkpoint[at + 40];
      c = c == 'A' ? 'B' : 'A';
      add(std::string("signature of ") + office + " changed", forged, file_);
    }
    Receipt missing = receipt_;
    auto note = *ParseNote(missing.checkpoint);
    note.signatures.pop_back();
    missing.checkpoint = FormatNote(note);
    add("last signature removed", missing, file_);
    Receipt body = receipt_;
    body.checkpoint.replace(body.checkpoint.find('\n') + 1, 1, "4");
    add("checkpoint size edited", body, file_);
    std::ofstream(path) << cases.dump(1) << '\n';
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  const auto cases = nlohmann::json::parse(in);
  ASSERT_GE(cases.size(), 10u);
  int verified = 0;
  for (const auto& c : cases) {
    auto receipt = ParseReceipt(c["receipt"].dump());
    ASSERT_TRUE(receipt.has_value()) << c["what"];
    const auto file = Base64Decode(c["file"].get<std::string>());
    ASSERT_TRUE(file.has_value());
    auto v = VerifyReceipt(*receipt, *file, required_);
    EXPECT_EQ(v ? "verified" : v.error().field, c["part"].get<std::string>()) << c["what"];
    verified += v.has_value();
  }
  EXPECT_EQ(verified, 1);
}

}  // namespace
}  // namespace ipa::evidence
