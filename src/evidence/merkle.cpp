#include "evidence/merkle.hpp"

#include <sodium.h>

#include <algorithm>

#include "evidence/merkle_paths.hpp"

namespace ipa::evidence {
namespace {

constexpr unsigned char kLeafPrefix = 0x00;
constexpr unsigned char kNodePrefix = 0x01;

// Perfect subtrees recomputed from a list of leaf hashes: 2^level - 1 hashes each.
class LeafList final : public SubtreeSource {
 public:
  explicit LeafList(std::span<const Hash> leaves) : leaves_(leaves) {}
  Hash Perfect(int level, uint64_t index) const override {
    if (level == 0) return leaves_[index];
    return HashChildren(Perfect(level - 1, 2 * index), Perfect(level - 1, 2 * index + 1));
  }

 private:
  std::span<const Hash> leaves_;
};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Hash Sha256(std::string_view bytes) {
  Hash out;
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  return out;
}

Hash EmptyRoot() { return Sha256({}); }

Hash HashLeaf(std::string_view leaf) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, &kLeafPrefix, 1);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(leaf.data()),
                            leaf.size());
  Hash out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

Hash HashChildren(const Hash& left, const Hash& right) {
  unsigned char buffer[1 + 2 * sizeof(Hash)];
  buffer[0] = kNodePrefix;
  std::copy(left.begin(), left.end(), buffer + 1);
  std::copy(right.begin(), right.end(), buffer + 1 + sizeof(Hash));
  Hash out;
  crypto_hash_sha256(out.data(), buffer, sizeof buffer);
  return out;
}

std::string HashHex(const Hash& hash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * hash.size());
  for (uint8_t b : hash) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string HashBytes(const Hash& hash) {
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

core::Result<Hash> HashFromBytes(std::string_view bytes, std::string_view what) {
  if (bytes.size() != sizeof(Hash)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      std::string(what) + " is " + std::to_string(bytes.size()) +
                          " bytes, not a 32-byte SHA-256 hash",
                      std::string(what));
  }
  Hash out;
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

core::Result<Hash> HashFromHex(std::string_view hex, std::string_view what) {
  Hash out;
  bool ok = hex.size() == 2 * out.size();
  for (size_t i = 0; ok && i < out.size(); ++i) {
    const int hi = HexDigit(hex[2 * i]);
    const int lo = HexDigit(hex[2 * i + 1]);
    ok = hi >= 0 && lo >= 0;
    out[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  if (!ok) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      std::string(what) + " is not 64 hex digits", std::string(what));
  }
  return out;
}

Hash RootOf(std::span<const Hash> leaf_hashes) {
  if (leaf_hashes.empty()) return EmptyRoot();
  return RangeRoot(LeafList(leaf_hashes), 0, leaf_hashes.size());
}

core::Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes, uint64_t index,
                                               uint64_t size) {
  if (size > leaf_hashes.size() || index >= size) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "inclusion proof: need leaf index < tree size <= number of leaves");
  }
  return InclusionPath(LeafList(leaf_hashes), index, size);
}

core::Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes, uint64_t first,
                                                 uint64_t second) {
  if (first == 0 || first > second || second > leaf_hashes.size()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "consistency proof: need 0 < first size <= second size <= number of leaves");
  }
  return ConsistencyPath(LeafList(leaf_hashes), first, second);
}

}  // namespace ipa::evidence
