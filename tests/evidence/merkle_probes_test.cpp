// The 196 inclusion and consistency probes of transparency-dev/merkle (fixtures/merkle-vectors):
// each must verify exactly when its wantErr is false.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "evidence/base64.hpp"
#include "evidence/merkle.hpp"
#include "evidence_test_util.hpp"

namespace ipa::evidence {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> ProbeFiles(const std::string& kind) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(
           testing::kVectorsDir / "transparency-dev-merkle/testdata" / kind)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Bytes(const nlohmann::json& value) {
  auto decoded = Base64Decode(value.get<std::string>());
  EXPECT_TRUE(decoded.has_value()) << value;
  return decoded.value_or("");
}

std::vector<std::string> Proof(const nlohmann::json& probe) {
  std::vector<std::string> out;
  if (probe["proof"].is_null()) return out;
  for (const auto& element : probe["proof"]) out.push_back(Bytes(element));
  return out;
}

std::string Describe(const fs::path& file, const core::Status& result) {
  return fs::relative(file, testing::kVectorsDir).string() +
         (result ? std::string(": verified") : ": rejected (" + result.error().message + ")");
}

TEST(MerkleProbesTest, InclusionProbesGiveTheExpectedResult) {
  const auto files = ProbeFiles("inclusion");
  int happy = 0;
  for (const auto& file : files) {
    const nlohmann::json p = testing::ReadJson(file);
    const std::vector<std::string> proof = Proof(p);
    const auto result =
        VerifyInclusionBytes(p["leafIdx"].get<uint64_t>(), p["treeSize"].get<uint64_t>(),
                             Bytes(p["leafHash"]), proof, Bytes(p["root"]));
    EXPECT_EQ(result.has_value(), !p["wantErr"].get<bool>()) << Describe(file, result);
    happy += result.has_value();
  }
  EXPECT_EQ(files.size(), 98u);
  EXPECT_EQ(happy, 6);
}

TEST(MerkleProbesTest, ConsistencyProbesGiveTheExpectedResult) {
  const auto files = ProbeFiles("consistency");
  int happy = 0;
  for (const auto& file : files) {
    const nlohmann::json p = testing::ReadJson(file);
    const std::vector<std::string> proof = Proof(p);
    const auto result =
        VerifyConsistencyBytes(p["size1"].get<uint64_t>(), p["size2"].get<uint64_t>(), proof,
                               Bytes(p["root1"]), Bytes(p["root2"]));
    EXPECT_EQ(result.has_value(), !p["wantErr"].get<bool>()) << Describe(file, result);
    happy += result.has_value();
  }
  EXPECT_EQ(files.size(), 98u);
  EXPECT_EQ(happy, 6);
}

}  // namespace
}  // namespace ipa::evidence
