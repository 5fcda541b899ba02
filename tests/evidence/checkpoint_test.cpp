#include "evidence/checkpoint.hpp"

#include <gtest/gtest.h>

#include "evidence/base64.hpp"
#include "evidence/signed_note.hpp"

namespace ipa::evidence {
namespace {

constexpr std::string_view kOrigin = "jjj-ip-alliance/evidence";

Checkpoint Sample() { return Checkpoint{std::string(kOrigin), 1234, HashLeaf("x"), {}}; }

TEST(CheckpointTest, FormatsTheC2spBody) {
  const Checkpoint cp = Sample();
  EXPECT_EQ(*FormatCheckpoint(cp),
            std::string(kOrigin) + "\n1234\n" + Base64Encode(HashBytes(cp.root)) + "\n");
  Checkpoint with_ext = cp;
  with_ext.extensions = {"Timestamp: 1700000000", "another line"};
  EXPECT_TRUE(FormatCheckpoint(with_ext)->ends_with("\nTimestamp: 1700000000\nanother line\n"));
}

TEST(CheckpointTest, RoundTripsWithAndWithoutExtensions) {
  Checkpoint cp = Sample();
  for (int round = 0; round < 3; ++round) {
    auto body = FormatCheckpoint(cp);
    ASSERT_TRUE(body.has_value());
    auto parsed = ParseCheckpoint(*body);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(*parsed, cp);
    cp.extensions.push_back("ext " + std::to_string(round));
  }
  cp.size = 0;
  EXPECT_EQ(*ParseCheckpoint(*FormatCheckpoint(cp)), cp);
  cp.size = UINT64_MAX;
  EXPECT_EQ(*ParseCheckpoint(*FormatCheckpoint(cp)), cp);
}

TEST(CheckpointTest, SignedCheckpointRoundTripsAsANote) {
  std::array<uint8_t, 32> seed{};
  const SigningKey key = *SigningKey::FromSeed("ipa-log", seed);
  const std::string body = *FormatCheckpoint(Sample());
  const std::string text = FormatNote({body, {*SignNote(body, key)}});
  auto note = ParseNote(text);
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(FormatNote(*note), text);
  EXPECT_EQ(*ParseCheckpoint(note->body), Sample());
  EXPECT_EQ(VerifyNote(*note, {{"ipa-log", key.public_key()}})->verified.size(), 1u);
}

TEST(CheckpointTest, FormatRejectsUnwritableFields) {
  for (const char* origin : {"", "two\nlines", "tab\there", "\xE4\xB8\xAD"}) {
    Checkpoint cp = Sample();
    cp.origin = origin;
    EXPECT_FALSE(FormatCheckpoint(cp).has_value()) << origin;
  }
  Checkpoint cp = Sample();
  cp.extensions = {""};
  EXPECT_FALSE(FormatCheckpoint(cp).has_value());
  cp.extensions = {"a\nb"};
  EXPECT_FALSE(FormatCheckpoint(cp).has_value());
}

TEST(CheckpointTest, ParserRejectsMalformedBodies) {
  const std::string root = Base64Encode(HashBytes(HashLeaf("x")));
  const std::string origin(kOrigin);
  const std::string bad_bodies[] = {
      "",
      origin + "\n5\n",                 // no root
      origin + "\n5\n" + root,          // no final newline
      "\n5\n" + root + "\n",            // empty origin
      origin + "\n05\n" + root + "\n",  // leading zero
      origin + "\n00\n" + root + "\n",
      origin + "\n+5\n" + root + "\n",  // sign
      origin + "\n-5\n" + root + "\n",
      origin + "\n 5\n" + root + "\n",
      origin + "\n5 \n" + root + "\n",
      origin + "\n0x5\n" + root + "\n",
      origin + "\n\n" + root + "\n",                                 // empty size
      origin + "\n18446744073709551616\n" + root + "\n",             // 2^64
      origin + "\n5\n" + root.substr(0, 43) + "\n",                  // truncated base64
      origin + "\n5\n" + root.substr(0, 42) + "B=\n",                // non-canonical padding bits
      origin + "\n5\n" + Base64Encode(std::string(31, 'a')) + "\n",  // 31-byte root
      origin + "\n5\n" + Base64Encode(std::string(33, 'a')) + "\n",  // 33-byte root
      origin + "\n5\n" + root + "\n\next\n",                         // empty extension line
      origin + "\r\n5\n" + root + "\n",                              // control character
  };
  for (const std::string& bad : bad_bodies) EXPECT_FALSE(ParseCheckpoint(bad).has_value()) << bad;
  EXPECT_TRUE(ParseCheckpoint(origin + "\n18446744073709551615\n" + root + "\n").has_value());
}

}  // namespace
}  // namespace ipa::evidence
