#include "evidence/witness.hpp"

#include <gtest/gtest.h>

#include "evidence/merkle_log.hpp"
#include "evidence/signed_note.hpp"
#include "evidence_test_util.hpp"

namespace ipa::evidence {
namespace {

constexpr std::string_view kOrigin = "jjj-ip-alliance/evidence";

SigningKey Key(const std::string& name, uint8_t fill) {
  std::array<uint8_t, 32> seed;
  seed.fill(fill);
  return *SigningKey::FromSeed(name, seed);
}

// A log and its operator's signing key; Note(size) is the log-signed checkpoint at `size`.
class WitnessTest : public ::testing::Test {
 protected:
  WitnessTest() : log_key_(Key("ipa-log", 9)) {
    leaves_ = testing::SyntheticLeaves(40);
    for (const Hash& leaf : leaves_) log_.Append(leaf);
  }

  std::string Note(uint64_t size, std::string_view origin = kOrigin) const {
    return NoteFor({std::string(origin), size, *log_.Root(size), {}});
  }
  std::string NoteFor(const Checkpoint& cp) const {
    const std::string body = *FormatCheckpoint(cp);
    return FormatNote({body, {*SignNote(body, log_key_)}});
  }
  std::vector<Hash> Proof(uint64_t first, uint64_t second) const {
    return *log_.Consistency(first, second);
  }
  Witness MakeWitness() const {
    return Witness(Key("ipa-TJ", 1), std::string(kOrigin), std::nullopt, log_key_.verifier());
  }

  SigningKey log_key_;
  std::vector<Hash> leaves_;
  MerkleLog log_;
};

TEST_F(WitnessTest, CosignsAGrowingConsistentLog) {
  Witness witness = MakeWitness();
  auto first = witness.Cosign(Note(5), {});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(witness.last_signed()->size, 5u);
  const std::map<std::string, PublicKey> keys = {{"ipa-TJ", witness.key().public_key()},
                                                 {"ipa-log", log_key_.public_key()}};
  EXPECT_EQ(VerifyNote(*ParseNote(*first), keys)->verified.size(), 2u);

  for (auto [from, to] : {std::pair<uint64_t, uint64_t>{5, 8}, {8, 8}, {8, 13}, {13, 40}}) {
    auto next = witness.Cosign(Note(to), Proof(from, to));
    ASSERT_TRUE(next.has_value()) << from << "->" << to << ": " << next.error().message;
    EXPECT_EQ(witness.last_signed()->size, to);
    EXPECT_EQ(witness.last_signed()->root, *log_.Root(to));
  }
  // Signing the same note again is idempotent; a second witness adds its own signature.
  const std::string cosigned = *witness.Cosign(Note(40), {});
  EXPECT_EQ(*witness.Cosign(cosigned, {}), cosigned);
  Witness bj(Key("ipa-BJ", 2), std::string(kOrigin));
  auto both = bj.Cosign(cosigned, {});
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(ParseNote(*both)->signatures.size(), 3u);
}

TEST_F(WitnessTest, RefusesAShrinkingCheckpoint) {
  Witness witness = MakeWitness();
  ASSERT_TRUE(witness.Cosign(Note(20), {}));
  auto smaller = witness.Cosign(Note(19), {});
  ASSERT_FALSE(smaller.has_value());
  EXPECT_EQ(smaller.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(witness.last_signed()->size, 20u);
}

TEST_F(WitnessTest, RefusesAForkedHistory) {
  Witness witness = MakeWitness();
  ASSERT_TRUE(witness.Cosign(Note(20), {}));
  // Another history: leaf 7 replaced. Its checkpoint at 30 cannot be proven consistent.
  MerkleLog fork;
  for (uint64_t i = 0; i < 30; ++i) fork.Append(i == 7 ? HashLeaf("forged") : leaves_[i]);
  const std::string forked = NoteFor({std::string(kOrigin), 30, *fork.Root(30), {}});
  for (const auto& proof : {*fork.Consistency(20, 30), Proof(20, 30), std::vector<Hash>{}}) {
    auto result = witness.Cosign(forked, proof);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, core::ErrorCode::kConflict);
  }
  // Same size, another root.
  const std::string same_size = NoteFor({std::string(kOrigin), 20, *fork.Root(20), {}});
  EXPECT_EQ(witness.Cosign(same_size, {}).error().code, core::ErrorCode::kConflict);
  // A proof for other sizes, or a flipped proof bit, is refused too.
  EXPECT_FALSE(witness.Cosign(Note(30), Proof(19, 30)).has_value());
  std::vector<Hash> flipped = Proof(20, 30);
  testing::FlipBit(flipped[0], 3);
  EXPECT_FALSE(witness.Cosign(Note(30), flipped).has_value());
  EXPECT_EQ(witness.last_signed()->size, 20u);
  EXPECT_TRUE(witness.Cosign(Note(30), Proof(20, 30)).has_value());
}

TEST_F(WitnessTest, RefusesOtherLogsAndUnsignedNotes) {
  Witness witness = MakeWitness();
  EXPECT_EQ(witness.Cosign(Note(5, "another/log"), {}).error().code,
            core::ErrorCode::kInvalidArgument);
  const std::string body = *FormatCheckpoint({std::string(kOrigin), 5, *log_.Root(5), {}});
  const std::string by_stranger = FormatNote({body, {*SignNote(body, Key("ipa-log2", 3))}});
  EXPECT_FALSE(witness.Cosign(by_stranger, {}).has_value());
  SignedNote tampered = *ParseNote(Note(5));
  tampered.signatures[0].signature[10] ^= 1;  // a bad signature by the log's key
  EXPECT_FALSE(witness.Cosign(FormatNote(tampered), {}).has_value());
  EXPECT_FALSE(witness.Cosign("not a note", {}).has_value());
  EXPECT_FALSE(witness.last_signed().has_value());
}

TEST_F(WitnessTest, ResumesFromAPersistedCheckpoint) {
  Witness first = MakeWitness();
  ASSERT_TRUE(first.Cosign(Note(12), {}));
  const std::string persisted = *FormatCheckpoint(*first.last_signed());
  Witness restarted(Key("ipa-TJ", 1), std::string(kOrigin), *ParseCheckpoint(persisted),
                    log_key_.verifier());
  EXPECT_FALSE(restarted.Cosign(Note(11), {}).has_value());
  EXPECT_FALSE(restarted.Cosign(Note(13), {}).has_value());  // no proof
  EXPECT_TRUE(restarted.Cosign(Note(13), Proof(12, 13)).has_value());
}

TEST_F(WitnessTest, EmptyTreeMustHaveTheEmptyRoot) {
  Witness witness = MakeWitness();
  EXPECT_FALSE(
      witness.Cosign(NoteFor({std::string(kOrigin), 0, HashLeaf("x"), {}}), {}).has_value());
  EXPECT_TRUE(witness.Cosign(NoteFor({std::string(kOrigin), 0, EmptyRoot(), {}}), {}).has_value());
  EXPECT_TRUE(witness.Cosign(Note(3), {}).has_value());
}

}  // namespace
}  // namespace ipa::evidence
