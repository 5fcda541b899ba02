// The RFC 9162 tree recursions (MTH, PATH, SUBPROOF) over any store of perfect-subtree hashes:
// shared by the list functions in merkle.hpp and by MerkleLog. Internal to ipa_evidence.
#pragma once

#include <cstdint>
#include <vector>

#include "evidence/merkle.hpp"

namespace ipa::evidence {

// Supplies the hash of the perfect subtree of 2^level leaves starting at leaf index << level.
// Callers only ask for subtrees lying wholly inside the tree they work on.
class SubtreeSource {
 public:
  virtual ~SubtreeSource() = default;
  virtual Hash Perfect(int level, uint64_t index) const = 0;
};

// The largest power of two strictly less than n (n >= 2).
uint64_t SplitPoint(uint64_t n);

// MTH(D[begin:end]) for a range the RFC recursion produces (begin < end, and begin a multiple of
// the largest power of two not above end - begin).
Hash RangeRoot(const SubtreeSource& source, uint64_t begin, uint64_t end);

// PATH(index, D[0:size]), leaf first. Preconditions: index < size.
std::vector<Hash> InclusionPath(const SubtreeSource& source, uint64_t index, uint64_t size);

// PROOF(first, D[0:second]). Preconditions: 0 < first <= second.
std::vector<Hash> ConsistencyPath(const SubtreeSource& source, uint64_t first, uint64_t second);

}  // namespace ipa::evidence
