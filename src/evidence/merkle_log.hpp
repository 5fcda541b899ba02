// MerkleLog: an append-only in-memory Merkle tree of leaf hashes that serves the root and
// inclusion/consistency proofs for any earlier size in O(log n) hashes.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "evidence/merkle.hpp"

namespace ipa::evidence {

// Memory: the leaf hashes (32 bytes each) plus the stored perfect-subtree hashes. By default
// levels 1..3 are not stored but recomputed from the leaves when a proof needs them (at most
// 1 + 3 + 7 hashes per proof level touched), which costs about 1/8 of the leaf storage for the
// upper levels: 10 million leaves take about 360 MB instead of the 640 MB of every level.
//
// Not durable: the caller keeps the leaves (the database) and re-appends them at start.
// Thread safety: const members may run concurrently with each other, not with Append.
class MerkleLog {
 public:
  static constexpr int kDefaultRecomputedLevels = 3;

  // `recomputed_levels` (clamped to 0..8): how many levels above the leaves are recomputed
  // rather than stored; 0 stores every level (fastest proofs, twice the leaf memory).
  explicit MerkleLog(int recomputed_levels = kDefaultRecomputedLevels);
  MerkleLog(const MerkleLog&) = delete;
  MerkleLog& operator=(const MerkleLog&) = delete;

  // Adds a leaf hash at index Size(). O(1) amortised (at most log2(n) node hashes).
  void Append(const Hash& leaf_hash);

  // Reserves memory for `leaves` leaves in total.
  void Reserve(uint64_t leaves);

  uint64_t Size() const { return leaves_.size(); }

  // The leaf hash at `index`; kInvalidArgument when index >= Size().
  core::Result<Hash> LeafHash(uint64_t index) const;

  // MTH of the first `size` leaves (EmptyRoot() for 0); kInvalidArgument when size > Size().
  core::Result<Hash> Root(uint64_t size) const;

  // Inclusion path of leaf `index` in the tree of `size` leaves, leaf first.
  // kInvalidArgument unless index < size <= Size().
  core::Result<std::vector<Hash>> Inclusion(uint64_t index, uint64_t size) const;

  // Consistency proof from the tree of `first` leaves to the tree of `second` leaves (empty when
  // equal). kInvalidArgument unless 0 < first <= second <= Size().
  core::Result<std::vector<Hash>> Consistency(uint64_t first, uint64_t second) const;

 private:
  class Subtrees;  // adapts the log to the tree recursions in merkle_paths.hpp

  // The complete subtree of 2^level leaves starting at leaf index << level.
  Hash Perfect(int level, uint64_t index) const;

  int first_stored_level_;
  std::vector<Hash> leaves_;
  // levels_[l] holds the complete subtrees of 2^l leaves, for l >= first_stored_level_;
  // levels_[l].size() == Size() >> l.
  std::array<std::vector<Hash>, 64> levels_;
  // pending_[l]: the last complete subtree at level l that is a left child still waiting for
  // its right sibling (only meaningful while bit l of Size() is set).
  std::array<Hash, 64> pending_{};
};

}  // namespace ipa::evidence
