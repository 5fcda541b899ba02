// Helpers shared by the evidence tests: hashes from hex, leaf lists, fixture paths, JSON files.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "evidence/merkle.hpp"

namespace ipa::evidence::testing {

inline const std::filesystem::path kVectorsDir =
    IPA_SOURCE_DIR "/tests/evidence/fixtures/merkle-vectors";

inline Hash HexHash(std::string_view hex) {
  auto hash = HashFromHex(hex);
  EXPECT_TRUE(hash.has_value()) << hex;
  return hash.value_or(Hash{});
}

inline std::string HexBytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// Leaf hashes of `n` distinct synthetic leaves.
inline std::vector<Hash> SyntheticLeaves(uint64_t n) {
  std::vector<Hash> out;
  out.reserve(n);
  for (uint64_t i = 0; i < n; ++i) out.push_back(HashLeaf("leaf " + std::to_string(i)));
  return out;
}

inline nlohmann::json ReadJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

inline void FlipBit(Hash& hash, size_t bit) {
  hash[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
}

}  // namespace ipa::evidence::testing
