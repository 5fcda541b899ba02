// Every tree size 1..1024: every inclusion and consistency proof MerkleLog generates verifies,
// and single-bit changes to proof elements, roots and leaf hashes fail. Bit coverage is graded
// to keep the run short: all 256 bits of every value for sizes <= 8, one bit in every 32-bit
// word (rotating the position) for sizes <= 64, and one random bit per value in a sample of the
// larger proofs. The log stores every level here (the fastest layout); merkle_log_test checks
// that the other layouts give the same roots and proofs. Structural changes (a dropped or extra
// element, another index or size) are checked on the same proofs.
#include <gtest/gtest.h>

#include <random>

#include "evidence/merkle_log.hpp"
#include "evidence_test_util.hpp"

namespace ipa::evidence {
namespace {

constexpr uint64_t kMaxSize = 1024;

class ExhaustiveTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    leaves_ = new std::vector<Hash>(testing::SyntheticLeaves(kMaxSize));
    log_ = new MerkleLog(0);
    roots_ = new std::vector<Hash>();
    for (const Hash& leaf : *leaves_) log_->Append(leaf);
    for (uint64_t size = 0; size <= kMaxSize; ++size) roots_->push_back(*log_->Root(size));
  }
  static void TearDownTestSuite() {
    delete leaves_;
    delete log_;
    delete roots_;
  }

  // The bits of a 32-byte value to flip for a tree of `size` leaves.
  static std::vector<size_t> BitsToFlip(uint64_t size, size_t salt, std::mt19937& rng) {
    std::vector<size_t> bits;
    if (size <= 8) {
      for (size_t bit = 0; bit < 256; ++bit) bits.push_back(bit);
    } else if (size <= 64) {
      for (size_t word = 0; word < 8; ++word) bits.push_back(word * 32 + (word * 7 + salt) % 32);
    } else {
      bits.push_back(std::uniform_int_distribution<size_t>(0, 255)(rng));
    }
    return bits;
  }

  // Calls `fails` after each single-bit change of `value` (restored afterwards); counts them.
  template <class Check>
  static int FlipEach(Hash& value, const std::vector<size_t>& bits, Check&& fails) {
    for (size_t bit : bits) {
      testing::FlipBit(value, bit);
      fails();
      testing::FlipBit(value, bit);
    }
    return static_cast<int>(bits.size());
  }

  // True for the proofs whose mutations are checked.
  static bool Mutate(uint64_t size, uint64_t a) { return size <= 64 || (size * 31 + a) % 67 == 0; }

  static std::vector<Hash>* leaves_;
  static MerkleLog* log_;
  static std::vector<Hash>* roots_;
};

std::vector<Hash>* ExhaustiveTest::leaves_ = nullptr;
MerkleLog* ExhaustiveTest::log_ = nullptr;
std::vector<Hash>* ExhaustiveTest::roots_ = nullptr;

TEST_F(ExhaustiveTest, RootsMatchTheListDefinition) {
  for (uint64_t size = 1; size <= kMaxSize; size += (size < 128 ? 1 : 37)) {
    ASSERT_EQ((*roots_)[size], RootOf(std::span(*leaves_).first(size))) << size;
  }
}

TEST_F(ExhaustiveTest, EveryInclusionProofVerifiesAndEveryMutationFails) {
  std::mt19937 rng(7);
  uint64_t proofs = 0, mutations = 0;
  for (uint64_t size = 1; size <= kMaxSize; ++size) {
    Hash root = (*roots_)[size];
    for (uint64_t index = 0; index < size; ++index) {
      std::vector<Hash> path = *log_->Inclusion(index, size);
      Hash leaf = (*leaves_)[index];
      ASSERT_TRUE(VerifyInclusion(index, size, leaf, path, root)) << index << "/" << size;
      ++proofs;
      if (size <= 64) {
        ASSERT_EQ(path, *InclusionProof(*leaves_, index, size));
      }
      if (!Mutate(size, index)) continue;
      auto fails = [&] {
        ASSERT_FALSE(VerifyInclusion(index, size, leaf, path, root)) << index << "/" << size;
      };
      for (size_t i = 0; i < path.size(); ++i)
        mutations += FlipEach(path[i], BitsToFlip(size, i, rng), fails);
      mutations += FlipEach(root, BitsToFlip(size, 1, rng), fails);
      mutations += FlipEach(leaf, BitsToFlip(size, 2, rng), fails);
      // The path does not bind the size by itself (index 0 has the same path in trees of 3 and 4
      // leaves); the signed checkpoint binds size and root. Against the larger tree's root it
      // fails.
      if (size < kMaxSize) {
        EXPECT_FALSE(VerifyInclusion(index, size + 1, leaf, path, (*roots_)[size + 1]));
      }
      if (index + 1 < size) {
        EXPECT_FALSE(VerifyInclusion(index + 1, size, leaf, path, root));
      }
      if (index > 0) {
        EXPECT_FALSE(VerifyInclusion(index - 1, size, leaf, path, root));
      }
      path.push_back(root);
      EXPECT_FALSE(VerifyInclusion(index, size, leaf, path, root));
      path.pop_back();
      if (!path.empty()) {
        path.pop_back();
        EXPECT_FALSE(VerifyInclusion(index, size, leaf, path, root));
      }
    }
  }
  EXPECT_EQ(proofs, kMaxSize * (kMaxSize + 1) / 2);
  RecordProperty("inclusion_proofs", std::to_string(proofs));
  RecordProperty("inclusion_mutations", std::to_string(mutations));
  std::printf("inclusion: %llu proofs verified, %llu single-bit mutations rejected\n",
              static_cast<unsigned long long>(proofs), static_cast<unsigned long long>(mutations));
}

TEST_F(ExhaustiveTest, EveryConsistencyProofVerifiesAndEveryMutationFails) {
  std::mt19937 rng(11);
  uint64_t proofs = 0, mutations = 0;
  for (uint64_t second = 1; second <= kMaxSize; ++second) {
    Hash root2 = (*roots_)[second];
    for (uint64_t first = 1; first <= second; ++first) {
      std::vector<Hash> proof = *log_->Consistency(first, second);
      Hash root1 = (*roots_)[first];
      ASSERT_TRUE(VerifyConsistency(first, second, proof, root1, root2)) << first << "->" << second;
      ++proofs;
      if (second <= 64) {
        ASSERT_EQ(proof, *ConsistencyProof(*leaves_, first, second));
      }
      if (!Mutate(second, first)) continue;
      auto fails = [&] {
        ASSERT_FALSE(VerifyConsistency(first, second, proof, root1, root2))
            << first << "->" << second;
      };
      for (size_t i = 0; i < proof.size(); ++i)
        mutations += FlipEach(proof[i], BitsToFlip(second, i, rng), fails);
      mutations += FlipEach(root1, BitsToFlip(second, 1, rng), fails);
      mutations += FlipEach(root2, BitsToFlip(second, 2, rng), fails);
      if (first == second) continue;
      if (second < kMaxSize) {
        EXPECT_FALSE(VerifyConsistency(first, second + 1, proof, root1, (*roots_)[second + 1]));
      }
      EXPECT_FALSE(VerifyConsistency(first + 1, second, proof, root1, root2));
      if (first > 1) {
        EXPECT_FALSE(VerifyConsistency(first - 1, second, proof, root1, root2));
      }
      proof.push_back(root2);
      EXPECT_FALSE(VerifyConsistency(first, second, proof, root1, root2));
      proof.pop_back();
      proof.pop_back();
      EXPECT_FALSE(VerifyConsistency(first, second, proof, root1, root2));
    }
  }
  EXPECT_EQ(proofs, kMaxSize * (kMaxSize + 1) / 2);
  std::printf("consistency: %llu proofs verified, %llu single-bit mutations rejected\n",
              static_cast<unsigned long long>(proofs), static_cast<unsigned long long>(mutations));
}

}  // namespace
}  // namespace ipa::evidence
