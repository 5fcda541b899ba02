// RFC 6962 / 9162 hashing and proofs against the classic base vectors (fixtures/merkle-vectors).
#include "evidence/merkle.hpp"

#include <gtest/gtest.h>

#include "evidence/merkle_log.hpp"
#include "evidence_test_util.hpp"

namespace ipa::evidence {
namespace {

using testing::HexBytes;
using testing::HexHash;

class BaseVectorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vectors_ = testing::ReadJson(testing::kVectorsDir / "rfc6962-base-vectors.json");
    for (const auto& hex : vectors_["leaves_hex"]) {
      leaves_.push_back(HashLeaf(HexBytes(hex.get<std::string>())));
    }
    ASSERT_EQ(leaves_.size(), 8u);
  }
  static std::vector<Hash> Hashes(const nlohmann::json& list) {
    std::vector<Hash> out;
    for (const auto& hex : list) out.push_back(HexHash(hex.get<std::string>()));
    return out;
  }

  nlohmann::json vectors_;
  std::vector<Hash> leaves_;
};

TEST_F(BaseVectorsTest, HasherKnownAnswers) {
  int checked = 0;
  for (const auto& v : vectors_["hasher_known_answers"]) {
    const std::string kind = v["kind"];
    const Hash want = HexHash(v["want"].get<std::string>());
    if (kind == "empty_root") {
      EXPECT_EQ(EmptyRoot(), want);
    }
    if (kind == "leaf") {
      EXPECT_EQ(HashLeaf(HexBytes(v["input_hex"].get<std::string>())), want);
    }
    if (kind == "node") {
      // The RFC 6962 test hashes raw child strings; the node rule is the same byte layout.
      const std::string input = std::string(1, '\x01') +
                                HexBytes(v["left_hex"].get<std::string>()) +
                                HexBytes(v["right_hex"].get<std::string>());
      EXPECT_EQ(Sha256(input), want);
    }
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

TEST_F(BaseVectorsTest, RootsOfSizesOneToEightReproduce) {
  MerkleLog log;
  for (const Hash& leaf : leaves_) log.Append(leaf);
  for (const auto& [size_text, hex] : vectors_["roots_by_tree_size"].items()) {
    const uint64_t size = std::stoull(size_text);
    const Hash want = HexHash(hex.get<std::string>());
    EXPECT_EQ(RootOf(std::span(leaves_).first(size)), want) << size;
    EXPECT_EQ(*log.Root(size), want) << size;
  }
  EXPECT_EQ(RootOf({}), EmptyRoot());
  EXPECT_EQ(*log.Root(0), EmptyRoot());
}

TEST_F(BaseVectorsTest, InclusionProofsReproduceAndVerify) {
  MerkleLog log;
  for (const Hash& leaf : leaves_) log.Append(leaf);
  for (const auto& v : vectors_["inclusion_proofs"]) {
    const uint64_t index = v["leaf_index"], size = v["tree_size"];
    const std::vector<Hash> want = Hashes(v["proof"]);
    EXPECT_EQ(*InclusionProof(leaves_, index, size), want) << index << "/" << size;
    EXPECT_EQ(*log.Inclusion(index, size), want) << index << "/" << size;
    EXPECT_TRUE(VerifyInclusion(index, size, leaves_[index], want, *log.Root(size)));
  }
}

TEST_F(BaseVectorsTest, ConsistencyProofsReproduceAndVerify) {
  MerkleLog log;
  for (const Hash& leaf : leaves_) log.Append(leaf);
  for (const auto& v : vectors_["consistency_proofs"]) {
    const uint64_t first = v["size1"], second = v["size2"];
    const std::vector<Hash> want = Hashes(v["proof"]);
    EXPECT_EQ(*ConsistencyProof(leaves_, first, second), want) << first << "->" << second;
    EXPECT_EQ(*log.Consistency(first, second), want) << first << "->" << second;
    EXPECT_TRUE(VerifyConsistency(first, second, want, *log.Root(first), *log.Root(second)));
  }
}

TEST(MerkleTest, LeafAndNodeHashesAreDomainSeparated) {
  const Hash a = HashLeaf("a"), b = HashLeaf("b");
  const std::string node_bytes = HashBytes(a) + HashBytes(b);
  EXPECT_NE(HashLeaf(node_bytes), HashChildren(a, b));  // a node cannot pass for a leaf
  EXPECT_NE(HashLeaf(""), EmptyRoot());
  // Three leaves: the last one is not duplicated (RFC 9162, unlike Bitcoin's tree).
  const std::vector<Hash> three = {a, b, HashLeaf("c")};
  EXPECT_EQ(RootOf(three), HashChildren(HashChildren(a, b), three[2]));
}

TEST(MerkleTest, HexAndBytesConversions) {
  const Hash h = HashLeaf("x");
  EXPECT_EQ(*HashFromHex(HashHex(h)), h);
  EXPECT_EQ(*HashFromBytes(HashBytes(h)), h);
  std::string upper = HashHex(h);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(*HashFromHex(upper), h);
  EXPECT_FALSE(HashFromHex(HashHex(h).substr(1)).has_value());
  EXPECT_FALSE(HashFromHex(std::string(64, 'g')).has_value());
  auto short_hash = HashFromBytes("abc", "root");
  ASSERT_FALSE(short_hash.has_value());
  EXPECT_EQ(short_hash.error().field, "root");
}

TEST(MerkleTest, ProofGenerationRejectsBadArguments) {
  const std::vector<Hash> leaves = testing::SyntheticLeaves(5);
  EXPECT_FALSE(InclusionProof(leaves, 5, 5).has_value());
  EXPECT_FALSE(InclusionProof(leaves, 0, 6).has_value());
  EXPECT_FALSE(InclusionProof(leaves, 0, 0).has_value());
  EXPECT_FALSE(ConsistencyProof(leaves, 0, 3).has_value());
  EXPECT_FALSE(ConsistencyProof(leaves, 4, 3).has_value());
  EXPECT_FALSE(ConsistencyProof(leaves, 3, 6).has_value());
  EXPECT_TRUE(ConsistencyProof(leaves, 5, 5)->empty());
}

TEST(MerkleTest, VerifiersExplainFailures) {
  const std::vector<Hash> leaves = testing::SyntheticLeaves(6);
  const Hash root = RootOf(leaves);
  std::vector<Hash> path = *InclusionProof(leaves, 2, 6);
  EXPECT_TRUE(VerifyInclusion(2, 6, leaves[2], path, root));
  EXPECT_NE(VerifyInclusion(6, 6, leaves[2], path, root).error().message.find("not below"),
            std::string::npos);
  EXPECT_NE(VerifyInclusion(2, 6, leaves[3], path, root).error().message.find("different root"),
            std::string::npos);
  path.push_back(root);
  EXPECT_NE(VerifyInclusion(2, 6, leaves[2], path, root).error().message.find("longer"),
            std::string::npos);
  path.resize(1);
  EXPECT_NE(VerifyInclusion(2, 6, leaves[2], path, root).error().message.find("shorter"),
            std::string::npos);

  const Hash root4 = RootOf(std::span(leaves).first(4));
  const std::vector<Hash> proof = *ConsistencyProof(leaves, 4, 6);
  EXPECT_TRUE(VerifyConsistency(4, 6, proof, root4, root));
  EXPECT_FALSE(VerifyConsistency(0, 6, proof, root4, root));
  EXPECT_FALSE(VerifyConsistency(6, 4, proof, root, root4));
  EXPECT_FALSE(VerifyConsistency(4, 6, {}, root4, root));
  EXPECT_FALSE(VerifyConsistency(6, 6, proof, root, root));
  EXPECT_TRUE(VerifyConsistency(6, 6, {}, root, root));
  EXPECT_NE(VerifyConsistency(4, 6, proof, root4, root4).error().message.find("second root"),
            std::string::npos);
  const std::vector<Hash> proof3 = *ConsistencyProof(leaves, 3, 6);
  EXPECT_TRUE(VerifyConsistency(3, 6, proof3, RootOf(std::span(leaves).first(3)), root));
  EXPECT_NE(VerifyConsistency(3, 6, proof3, root4, root).error().message.find("first root"),
            std::string::npos);
}

}  // namespace
}  // namespace ipa::evidence
