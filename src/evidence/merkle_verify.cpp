// Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 (see
// ../shared/reference/evidence-log.md for the step-by-step text this follows).
#include <string>

#include "evidence/merkle.hpp"

namespace ipa::evidence {
namespace {

std::unexpected<core::Error> Reject(std::string message, std::string field) {
  return core::Fail(core::ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

// Shifts fn and sn right together until fn is odd or zero (the step after hashing a left
// sibling at the right edge of the tree).
void ShiftToOddOrZero(uint64_t& fn, uint64_t& sn) {
  while ((fn & 1) == 0 && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

// Converts outside values to hashes; the error names the offending element.
core::Result<std::vector<Hash>> ProofFromBytes(std::span<const std::string> proof) {
  std::vector<Hash> out;
  out.reserve(proof.size());
  for (size_t i = 0; i < proof.size(); ++i) {
    IPA_TRY(hash, HashFromBytes(proof[i], "proof[" + std::to_string(i) + "]"));
    out.push_back(hash);
  }
  return out;
}

}  // namespace

core::Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                             std::span<const Hash> proof, const Hash& root) {
  if (index >= size) {
    return Reject("inclusion proof: leaf index " + std::to_string(index) +
                      " is not below the tree size " + std::to_string(size),
                  "leaf_index");
  }
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return Reject("inclusion proof: the path is longer than the tree", "proof");
    if ((fn & 1) != 0 || fn == sn) {
      r = HashChildren(p, r);
      ShiftToOddOrZero(fn, sn);
    } else {
      r = HashChildren(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Reject("inclusion proof: the path is shorter than the tree", "proof");
  if (r != root) {
    return Reject("inclusion proof: the path leads to a different root than the tree's", "root");
  }
  return {};
}

core::Status VerifyConsistency(uint64_t first, uint64_t second, std::span<const Hash> proof,
                               const Hash& first_root, const Hash& second_root) {
  if (first == 0) {
    return Reject("consistency proof: the first tree is empty, nothing to prove", "first");
  }
  if (first > second) {
    return Reject("consistency proof: the first tree (" + std::to_string(first) +
                      ") is larger than the second (" + std::to_string(second) + ")",
                  "first");
  }
  if (first == second) {
    if (!proof.empty())
      return Reject("consistency proof: equal sizes need an empty proof", "proof");
    if (first_root != second_root) {
      return Reject("consistency proof: equal sizes but different roots", "second_root");
    }
    return {};
  }
  if (proof.empty()) return Reject("consistency proof: the proof is empty", "proof");

  // Step 2: when `first` is a power of two the old root itself starts the path.
  const bool seeded = (first & (first - 1)) == 0;
  uint64_t fn = first - 1;
  uint64_t sn = second - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = seeded ? first_root : proof[0];
  Hash sr = fr;
  for (size_t i = seeded ? 0 : 1; i < proof.size(); ++i) {
    const Hash& c = proof[i];
    if (sn == 0) return Reject("consistency proof: the proof is longer than the tree", "proof");
    if ((fn & 1) != 0 || fn == sn) {
      fr = HashChildren(c, fr);
      sr = HashChildren(c, sr);
      ShiftToOddOrZero(fn, sn);
    } else {
      sr = HashChildren(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Reject("consistency proof: the proof is shorter than the tree", "proof");
  if (fr != first_root) {
    return Reject("consistency proof: the proof does not lead to the first root", "first_root");
  }
  if (sr != second_root) {
    return Reject("consistency proof: the proof does not lead to the second root", "second_root");
  }
  return {};
}

core::Status VerifyInclusionBytes(uint64_t index, uint64_t size, std::string_view leaf_hash,
                                  std::span<const std::string> proof, std::string_view root) {
  IPA_TRY(leaf, HashFromBytes(leaf_hash, "leaf_hash"));
  IPA_TRY(path, ProofFromBytes(proof));
  IPA_TRY(tree_root, HashFromBytes(root, "root"));
  return VerifyInclusion(index, size, leaf, path, tree_root);
}

core::Status VerifyConsistencyBytes(uint64_t first, uint64_t second,
                                    std::span<const std::string> proof, std::string_view first_root,
                                    std::string_view second_root) {
  if (first != 0 && first == second && proof.empty()) {
    if (first_root != second_root) {
      return Reject("consistency proof: equal sizes but different roots", "second_root");
    }
    return {};
  }
  IPA_TRY(path, ProofFromBytes(proof));
  IPA_TRY(root1, HashFromBytes(first_root, "first_root"));
  IPA_TRY(root2, HashFromBytes(second_root, "second_root"));
  return VerifyConsistency(first, second, path, root1, root2);
}

}  // namespace ipa::evidence
