// libFuzzer target for the Merkle proof verifiers, two ways:
//  - raw: sizes and length-prefixed values of any length through the byte-level verifiers
//    (nothing may crash);
//  - mutation: a real proof from a 64-leaf log, XOR-ed with the input: it must verify exactly
//    when the XOR changed nothing.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "evidence/merkle_log.hpp"

namespace {

using ipa::evidence::Hash;

struct Reader {
  const uint8_t* data;
  size_t size;
  uint64_t U64() {
    uint64_t v = 0;
    for (int i = 0; i < 8 && size > 0; ++i, ++data, --size) v = (v << 8) | *data;
    return v;
  }
  std::string Chunk() {  // one length byte, then up to that many bytes
    if (size == 0) return {};
    size_t n = std::min<size_t>(*data, size - 1);
    std::string out(reinterpret_cast<const char*>(data + 1), n);
    data += n + 1;
    size -= n + 1;
    return out;
  }
};

void Raw(Reader in) {
  const uint64_t a = in.U64(), b = in.U64();
  const std::string leaf = in.Chunk(), root = in.Chunk();
  std::vector<std::string> proof;
  while (in.size > 0 && proof.size() < 80) proof.push_back(in.Chunk());
  (void)ipa::evidence::VerifyInclusionBytes(a, b, leaf, proof, root);
  (void)ipa::evidence::VerifyConsistencyBytes(a, b, proof, leaf, root);
}

const ipa::evidence::MerkleLog& Log() {
  static const auto* log = [] {
    auto* l = new ipa::evidence::MerkleLog();
    for (int i = 0; i < 64; ++i) l->Append(ipa::evidence::HashLeaf(std::to_string(i)));
    return l;
  }();
  return *log;
}

// XORs the input into the hashes in order; returns whether any bit changed.
bool ApplyMask(Reader& in, std::vector<Hash*> targets) {
  bool changed = false;
  for (Hash* h : targets) {
    for (auto& byte : *h) {
      if (in.size == 0) return changed;
      changed |= *in.data != 0;
      byte ^= *in.data;
      ++in.data;
      --in.size;
    }
  }
  return changed;
}

void Mutated(Reader in) {
  if (in.size < 3) return;
  const bool inclusion = (in.data[0] & 1) != 0;
  const uint64_t size = in.data[1] % 64 + 1;
  const uint64_t other = in.data[2] % size;  // the leaf index, or the first size - 1
  in.data += 3;
  in.size -= 3;
  const auto& log = Log();
  Hash root = *log.Root(size);
  if (inclusion) {
    std::vector<Hash> path = *log.Inclusion(other, size);
    Hash leaf = *log.LeafHash(other);
    // In a one-leaf tree the root is the leaf hash: the same change to both would cancel.
    std::vector<Hash*> targets = {&leaf};
    if (size > 1) targets.push_back(&root);
    for (Hash& h : path) targets.push_back(&h);
    const bool changed = ApplyMask(in, targets);
    const bool ok = ipa::evidence::VerifyInclusion(other, size, leaf, path, root).has_value();
    if (ok == changed) std::abort();
  } else if (other + 1 < size) {  // equal sizes compare two roots a mask could change alike
    std::vector<Hash> proof = *log.Consistency(other + 1, size);
    Hash first_root = *log.Root(other + 1);
    std::vector<Hash*> targets = {&root, &first_root};
    for (Hash& h : proof) targets.push_back(&h);
    const bool changed = ApplyMask(in, targets);
    const bool ok =
        ipa::evidence::VerifyConsistency(other + 1, size, proof, first_root, root).has_value();
    if (ok == changed) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Reader in{data + 1, size - 1};
  if ((data[0] & 1) != 0) {
    Raw(in);
  } else {
    Mutated(in);
  }
  return 0;
}
