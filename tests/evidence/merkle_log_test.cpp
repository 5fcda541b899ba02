#include "evidence/merkle_log.hpp"

#include <gtest/gtest.h>

#include "evidence_test_util.hpp"

namespace ipa::evidence {
namespace {

TEST(MerkleLogTest, EmptyLog) {
  MerkleLog log;
  EXPECT_EQ(log.Size(), 0u);
  EXPECT_EQ(*log.Root(0), EmptyRoot());
  EXPECT_FALSE(log.Root(1).has_value());
  EXPECT_FALSE(log.LeafHash(0).has_value());
  EXPECT_FALSE(log.Inclusion(0, 0).has_value());
  EXPECT_FALSE(log.Consistency(0, 0).has_value());
}

TEST(MerkleLogTest, RejectsSizesBeyondTheLog) {
  MerkleLog log;
  for (const Hash& leaf : testing::SyntheticLeaves(10)) log.Append(leaf);
  EXPECT_FALSE(log.Root(11).has_value());
  EXPECT_FALSE(log.Inclusion(3, 11).has_value());
  EXPECT_FALSE(log.Inclusion(10, 10).has_value());
  EXPECT_FALSE(log.Consistency(0, 5).has_value());
  EXPECT_FALSE(log.Consistency(6, 5).has_value());
  EXPECT_FALSE(log.Consistency(5, 11).has_value());
  EXPECT_TRUE(log.Consistency(10, 10)->empty());
  EXPECT_EQ(*log.LeafHash(9), HashLeaf("leaf 9"));
}

// Proofs for earlier sizes stay answerable after the log grows, and agree with the list
// functions that recompute everything from the leaves.
TEST(MerkleLogTest, LargeLogAgreesWithTheListDefinition) {
  constexpr uint64_t kLeaves = 70'001;
  const std::vector<Hash> leaves = testing::SyntheticLeaves(kLeaves);
  MerkleLog log;
  log.Reserve(kLeaves);
  for (const Hash& leaf : leaves) log.Append(leaf);
  ASSERT_EQ(log.Size(), kLeaves);
  const std::span<const Hash> all(leaves);
  for (uint64_t size : {uint64_t{65'536}, uint64_t{65'537}, uint64_t{69'999}, kLeaves}) {
    const Hash root = RootOf(all.first(size));
    EXPECT_EQ(*log.Root(size), root) << size;
    for (uint64_t index : {uint64_t{0}, uint64_t{12'345}, size / 2 + 7, size - 1}) {
      const auto path = *log.Inclusion(index, size);
      EXPECT_EQ(path, *InclusionProof(leaves, index, size)) << index << "/" << size;
      EXPECT_TRUE(VerifyInclusion(index, size, leaves[index], path, root));
    }
  }
  for (auto [first, second] : {std::pair<uint64_t, uint64_t>{1, kLeaves},
                               {16, 65'537},
                               {65'536, kLeaves},
                               {40'000, 69'999},
                               {69'999, kLeaves}}) {
    const auto proof = *log.Consistency(first, second);
    EXPECT_EQ(proof, *ConsistencyProof(leaves, first, second)) << first << "->" << second;
    EXPECT_TRUE(VerifyConsistency(first, second, proof, *log.Root(first), *log.Root(second)));
  }
}

// Recomputing the lower levels instead of storing them changes nothing observable.
TEST(MerkleLogTest, StorageLayoutsGiveIdenticalRootsAndProofs) {
  constexpr uint64_t kLeaves = 300;
  const std::vector<Hash> leaves = testing::SyntheticLeaves(kLeaves);
  MerkleLog dense(0);
  for (const Hash& leaf : leaves) dense.Append(leaf);
  std::vector<uint64_t> sizes;
  for (uint64_t size = 1; size <= 70; ++size) sizes.push_back(size);
  for (uint64_t size : {127, 128, 129, 255, 256, 257, 300}) sizes.push_back(size);
  for (int recomputed : {1, 2, 3, 5}) {
    MerkleLog log(recomputed);
    for (const Hash& leaf : leaves) log.Append(leaf);
    for (uint64_t size = 0; size <= kLeaves; ++size) {
      ASSERT_EQ(*log.Root(size), *dense.Root(size)) << recomputed << ": " << size;
    }
    for (uint64_t size : sizes) {
      for (uint64_t i = 0; i < size; ++i) {
        ASSERT_EQ(*log.Inclusion(i, size), *dense.Inclusion(i, size)) << i << "/" << size;
        ASSERT_EQ(*log.Consistency(i + 1, size), *dense.Consistency(i + 1, size))
            << i + 1 << "->" << size;
      }
    }
  }
}

}  // namespace
}  // namespace ipa::evidence
