// libFuzzer target: arbitrary bytes as an evidence leaf. Whatever DecodeLeaf accepts must
// encode back to exactly the same bytes (one canonical form per record).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "evidence/leaf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto record = ipa::evidence::DecodeLeaf(bytes);
  if (!record) return 0;
  auto again = ipa::evidence::EncodeLeaf(*record);
  if (!again || *again != bytes) {
    std::fprintf(stderr, "decoded leaf does not encode back: %.*s\n", static_cast<int>(size),
                 reinterpret_cast<const char*>(data));
    std::abort();
  }
  return 0;
}
