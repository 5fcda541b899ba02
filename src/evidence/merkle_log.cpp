#include "evidence/merkle_log.hpp"

#include <algorithm>
#include <string>

#include "evidence/merkle_paths.hpp"

namespace ipa::evidence {
namespace {

std::unexpected<core::Error> OutOfRange(std::string message) {
  return core::Fail(core::ErrorCode::kInvalidArgument, std::move(message));
}

}  // namespace

class MerkleLog::Subtrees final : public SubtreeSource {
 public:
  explicit Subtrees(const MerkleLog& log) : log_(log) {}
  Hash Perfect(int level, uint64_t index) const override { return log_.Perfect(level, index); }

 private:
  const MerkleLog& log_;
};

MerkleLog::MerkleLog(int recomputed_levels)
    : first_stored_level_(1 + std::clamp(recomputed_levels, 0, 8)) {}

void MerkleLog::Append(const Hash& leaf_hash) {
  uint64_t index = leaves_.size();
  leaves_.push_back(leaf_hash);
  Hash node = leaf_hash;
  int level = 0;
  while ((index & 1) != 0) {  // `node` is a right child: combine with its waiting left sibling
    node = HashChildren(pending_[level], node);
    index >>= 1;
    ++level;
    if (level >= first_stored_level_) levels_[level].push_back(node);
  }
  pending_[level] = node;
}

void MerkleLog::Reserve(uint64_t leaves) {
  leaves_.reserve(leaves);
  for (int level = first_stored_level_; level < 64; ++level)
    levels_[level].reserve(leaves >> level);
}

core::Result<Hash> MerkleLog::LeafHash(uint64_t index) const {
  if (index >= Size())
    return OutOfRange("leaf index " + std::to_string(index) + " is not in the log");
  return leaves_[index];
}

core::Result<Hash> MerkleLog::Root(uint64_t size) const {
  if (size > Size()) {
    return OutOfRange("tree size " + std::to_string(size) + " is larger than the log (" +
                      std::to_string(Size()) + ")");
  }
  if (size == 0) return EmptyRoot();
  return RangeRoot(Subtrees(*this), 0, size);
}

core::Result<std::vector<Hash>> MerkleLog::Inclusion(uint64_t index, uint64_t size) const {
  if (index >= size || size > Size()) {
    return OutOfRange("inclusion proof: need leaf index < tree size <= log size (" +
                      std::to_string(Size()) + ")");
  }
  return InclusionPath(Subtrees(*this), index, size);
}

core::Result<std::vector<Hash>> MerkleLog::Consistency(uint64_t first, uint64_t second) const {
  if (first == 0 || first > second || second > Size()) {
    return OutOfRange("consistency proof: need 0 < first size <= second size <= log size (" +
                      std::to_string(Size()) + ")");
  }
  return ConsistencyPath(Subtrees(*this), first, second);
}

Hash MerkleLog::Perfect(int level, uint64_t index) const {
  if (level == 0) return leaves_[index];
  if (level >= first_stored_level_) return levels_[level][index];
  return HashChildren(Perfect(level - 1, 2 * index), Perfect(level - 1, 2 * index + 1));
}

}  // namespace ipa::evidence
