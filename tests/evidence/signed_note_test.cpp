// Keys and signed notes, including the golang.org/x/mod/sumdb/note reference example
// (the PeterNeumann key and note), reproduced byte for byte.
#include "evidence/signed_note.hpp"

#include <gtest/gtest.h>

#include "evidence/base64.hpp"

namespace ipa::evidence {
namespace {

constexpr std::string_view kGoVerifier =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr std::string_view kGoSigner =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr std::string_view kGoText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr std::string_view kGoNote =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
    "\n"
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

SigningKey Key(const std::string& name, uint8_t fill) {
  std::array<uint8_t, 32> seed;
  seed.fill(fill);
  return *SigningKey::FromSeed(name, seed);
}

TEST(SignedNoteTest, ReproducesTheGoReferenceNote) {
  auto key = SigningKey::Parse(kGoSigner);
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ(key->key_id(), 0xc74f20a3u);
  EXPECT_EQ(key->Encode(), kGoSigner);
  EXPECT_EQ(FormatVerifierKey(key->verifier()), kGoVerifier);
  auto verifier = ParseVerifierKey(kGoVerifier);
  ASSERT_TRUE(verifier.has_value());
  EXPECT_EQ(verifier->key, key->public_key());

  auto sig = SignNote(kGoText, *key);
  ASSERT_TRUE(sig.has_value());
  EXPECT_EQ(FormatNote({std::string(kGoText), {*sig}}), kGoNote);

  auto note = ParseNote(kGoNote);
  ASSERT_TRUE(note.has_value()) << note.error().message;
  EXPECT_EQ(note->body, kGoText);
  auto verified = VerifyNote(*note, {{"PeterNeumann", verifier->key}});
  ASSERT_TRUE(verified.has_value());
  EXPECT_EQ(verified->verified, std::vector<std::string>{"PeterNeumann"});
}

TEST(SignedNoteTest, KeyTextFormsRejectDamage) {
  const std::string signer(kGoSigner), verifier(kGoVerifier);
  for (size_t i = 0; i < signer.size(); ++i) {
    std::string bad = signer;
    bad[i] = static_cast<char>(bad[i] + 1);
    EXPECT_FALSE(SigningKey::Parse(bad).has_value()) << bad;
  }
  for (size_t i = 0; i < verifier.size(); ++i) {
    std::string bad = verifier;
    bad[i] = static_cast<char>(bad[i] + 1);
    EXPECT_FALSE(ParseVerifierKey(bad).has_value()) << bad;
  }
  EXPECT_FALSE(ParseVerifierKey(verifier.substr(0, verifier.size() - 4)).has_value());
  EXPECT_FALSE(SigningKey::Parse(verifier).has_value());
  EXPECT_FALSE(ParseVerifierKey(signer).has_value());
  EXPECT_FALSE(SigningKey::Generate("bad name").has_value());
  EXPECT_FALSE(SigningKey::Generate("a+b").has_value());
  EXPECT_FALSE(SigningKey::Generate("").has_value());
}

TEST(SignedNoteTest, GeneratedKeysRoundTripThroughText) {
  auto key = SigningKey::Generate("ipa-TJ");
  ASSERT_TRUE(key.has_value());
  auto again = SigningKey::Parse(key->Encode());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->public_key(), key->public_key());
  EXPECT_EQ(again->Sign("x"), key->Sign("x"));
  EXPECT_NE(SigningKey::Generate("ipa-TJ")->public_key(), key->public_key());
}

TEST(SignedNoteTest, VerifiesKnownKeysAndIgnoresUnknownOnes) {
  const SigningKey tj = Key("ipa-TJ", 1), bj = Key("ipa-BJ", 2), other = Key("ipa-HE", 3);
  const std::string body = "origin\n5\nbody\n";
  SignedNote note{body, {*SignNote(body, tj), *SignNote(body, bj), *SignNote(body, other)}};
  auto parsed = ParseNote(FormatNote(note));
  ASSERT_TRUE(parsed.has_value());
  auto result = VerifyNote(*parsed, {{"ipa-TJ", tj.public_key()}, {"ipa-BJ", bj.public_key()}});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->verified, (std::vector<std::string>{"ipa-TJ", "ipa-BJ"}));
  EXPECT_EQ(result->unknown, std::vector<std::string>{"ipa-HE"});
  // A known name with another key is a different key: ignored, not verified.
  auto renamed = VerifyNote(*parsed, {{"ipa-TJ", other.public_key()}});
  ASSERT_TRUE(renamed.has_value());
  EXPECT_TRUE(renamed->verified.empty());
}

TEST(SignedNoteTest, EveryFlippedSignatureBitFailsForAKnownKey) {
  const SigningKey tj = Key("ipa-TJ", 1);
  const std::string body = "origin\n5\nbody\n";
  const NoteSignature good = *SignNote(body, tj);
  const std::map<std::string, PublicKey> keys = {{"ipa-TJ", tj.public_key()}};
  for (size_t bit = 0; bit < good.signature.size() * 8; ++bit) {
    NoteSignature bad = good;
    bad.signature[bit / 8] = static_cast<char>(bad.signature[bit / 8] ^ (1 << (bit % 8)));
    auto result = VerifyNote({body, {bad}}, keys);
    ASSERT_FALSE(result.has_value()) << bit;
    EXPECT_NE(result.error().message.find("ipa-TJ"), std::string::npos);
  }
  // A changed body byte fails too.
  for (size_t i = 0; i < body.size(); ++i) {
    std::string changed = body;
    changed[i] = changed[i] == 'x' ? 'y' : 'x';
    EXPECT_FALSE(VerifyNote({changed, {good}}, keys).has_value()) << i;
  }
  // A flipped key id bit makes the signature someone else's: not verified.
  NoteSignature other_id = good;
  other_id.key_id ^= 1;
  EXPECT_TRUE(VerifyNote({body, {other_id}}, keys)->verified.empty());
}

TEST(SignedNoteTest, ParserRejectsMalformedNotes) {
  const SigningKey tj = Key("ipa-TJ", 1);
  const std::string body = "origin\n5\nroot\n";
  const std::string sig_line = FormatNote({body, {*SignNote(body, tj)}}).substr(body.size() + 1);
  const std::string sig_b64 =
      sig_line.substr(sig_line.rfind(' ') + 1, sig_line.size() - sig_line.rfind(' ') - 2);
  const std::string good = body + "\n" + sig_line;
  ASSERT_TRUE(ParseNote(good).has_value());
  const std::string dash = "\xE2\x80\x94 ";
  const std::string bad_notes[] = {
      "",
      body,                                                   // no blank line, no signatures
      body + "\n",                                            // no signatures
      body + sig_line,                                        // missing blank line
      body + "\n" + sig_line.substr(0, sig_line.size() - 1),  // no final newline
      body + "\n" + sig_line + "\n",                          // trailing blank line
      body + "\n" + sig_line + sig_line,                      // the same key twice
      body + "\n" + "- ipa-TJ " + sig_b64 + "\n",             // ASCII hyphen instead of an em dash
      body + "\n" + dash + "ipa-TJ  " + sig_b64 + "\n",       // two spaces
      body + "\n" + dash + "ipa-TJ " + sig_b64 + " \n",       // trailing space
      body + "\n" + dash + "ipa-TJ\n",                        // no signature
      body + "\n" + dash + "ipa+TJ " + sig_b64 + "\n",        // '+' in the name
      body + "\n" + dash + " " + sig_b64 + "\n",              // empty name
      body + "\n" + dash + "ipa-TJ " + sig_b64.substr(0, sig_b64.size() - 1) + "\n",  // not base64
      body + "\n" + dash + "ipa-TJ AAAAAA==\n",                                       // key id only
      body + "\n" + dash + "ipa-TJ " + Base64Encode("abcd") + "\n",  // 4 bytes: no signature
      "origin\n\n5\nroot\n\n" + sig_line,                            // empty body line
      "origin\r\n5\nroot\n\n" + sig_line,                // control character in the body
      "origin\n5\nr\xC3\xA9sum\xC3\xA9\n\n" + sig_line,  // non-ASCII body
      "\n" + body + "\n" + sig_line,                     // leading blank line
      body + "\n" + sig_line + "x",                      // bytes after the last newline
  };
  for (const std::string& bad : bad_notes) EXPECT_FALSE(ParseNote(bad).has_value()) << bad;
  std::string many = body + "\n";
  for (int i = 0; i <= 100; ++i) many += dash + "k" + std::to_string(i) + " " + sig_b64 + "\n";
  EXPECT_FALSE(ParseNote(many).has_value());
  EXPECT_FALSE(ParseNote(std::string(kMaxNoteBytes + 1, 'a')).has_value());
}

TEST(SignedNoteTest, SigningRejectsInvalidBodies) {
  const SigningKey tj = Key("ipa-TJ", 1);
  for (const char* bad : {"", "no newline", "a\n\nb\n", "tab\there\n"}) {
    EXPECT_FALSE(SignNote(bad, tj).has_value()) << bad;
  }
}

}  // namespace
}  // namespace ipa::evidence
