// RFC 9162 Merkle tree hashing over SHA-256: leaf and node hashes, tree roots, inclusion and
// consistency proofs (generation from a list of leaf hashes, and verification).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ipa::evidence {

using Hash = std::array<std::uint8_t, 32>;

// SHA-256 of `bytes`.
Hash Sha256(std::string_view bytes);

// MTH({}) = SHA-256(""): the root of the empty tree.
Hash EmptyRoot();

// SHA-256(0x00 || leaf): the hash of a leaf's bytes.
Hash HashLeaf(std::string_view leaf);

// SHA-256(0x01 || left || right): an interior node.
Hash HashChildren(const Hash& left, const Hash& right);

// Lower-case hex of a hash (64 characters).
std::string HashHex(const Hash& hash);
// The hash as a string of 32 raw bytes.
std::string HashBytes(const Hash& hash);
// kInvalidArgument (field `what`) unless `bytes` is exactly 32 bytes.
core::Result<Hash> HashFromBytes(std::string_view bytes, std::string_view what = "hash");
// kInvalidArgument unless `hex` is 64 hex digits (either case).
core::Result<Hash> HashFromHex(std::string_view hex, std::string_view what = "hash");

// MTH(leaf_hashes): the root of the tree over these leaf hashes, O(n) hashes.
Hash RootOf(std::span<const Hash> leaf_hashes);

// RFC 9162 §2.1.3.1 PATH(index, D[0:size]) over the first `size` of `leaf_hashes`, ordered from
// the leaf up. kInvalidArgument when index >= size or size > leaf_hashes.size(). O(size) hashes.
core::Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes, uint64_t index,
                                               uint64_t size);

// RFC 9162 §2.1.4.1 PROOF(first, D[0:second]). Empty when first == second. kInvalidArgument when
// first == 0 (nothing to prove about an empty tree), first > second or second >
// leaf_hashes.size(). O(second) hashes.
core::Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes, uint64_t first,
                                                 uint64_t second);

// RFC 9162 §2.1.3.2: succeeds when `proof` shows `leaf_hash` at `index` in the tree of `size`
// leaves whose root is `root`. Otherwise kInvalidArgument whose message says what failed (index
// out of range, path too long or too short, root mismatch). Thread-safe; no allocation.
core::Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                             std::span<const Hash> proof, const Hash& root);

// RFC 9162 §2.1.4.2: succeeds when `proof` shows the tree of `first` leaves with `first_root` is
// a prefix of the tree of `second` leaves with `second_root`. Equal sizes need an empty proof
// and equal roots; first == 0, first > second and an empty proof for first < second fail.
// Otherwise kInvalidArgument with the reason. Thread-safe; no allocation.
core::Status VerifyConsistency(uint64_t first, uint64_t second, std::span<const Hash> proof,
                               const Hash& first_root, const Hash& second_root);

// The verifiers above for values as they arrive from outside (decoded base64 of any length):
// a value that is not 32 bytes fails with a message naming it. As in transparency-dev/merkle,
// whose test probes fix this behaviour, equal sizes compare the two roots as byte strings.
core::Status VerifyInclusionBytes(uint64_t index, uint64_t size, std::string_view leaf_hash,
                                  std::span<const std::string> proof, std::string_view root);
core::Status VerifyConsistencyBytes(uint64_t first, uint64_t second,
                                    std::span<const std::string> proof, std::string_view first_root,
                                    std::string_view second_root);

}  // namespace ipa::evidence
