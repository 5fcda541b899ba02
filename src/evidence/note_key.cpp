#include "evidence/note_key.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "evidence/base64.hpp"

namespace ipa::evidence {
namespace {

constexpr uint8_t kAlgEd25519 = 0x01;
constexpr std::string_view kPrivatePrefix = "PRIVATE+KEY+";

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

std::unexpected<core::Error> BadKey(std::string what) {
  return core::Fail(core::ErrorCode::kInvalidArgument, "key: " + what, "key");
}

std::string HexId(uint32_t id) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", id);
  return buf;
}

// Splits "<name>+<hex id>+<base64>" and decodes the base64 part, which must be 0x01 followed by
// 32 bytes. `id` receives the parsed key id.
core::Result<std::string> SplitKeyText(std::string_view text, std::string& name, uint32_t& id) {
  // Names never hold '+', but the base64 key may: split at the first two.
  const size_t plus1 = text.find('+');
  const size_t plus2 = plus1 == std::string_view::npos ? plus1 : text.find('+', plus1 + 1);
  if (plus2 == std::string_view::npos) return BadKey("not name+id+key");
  name = std::string(text.substr(0, plus1));
  const std::string_view hex = text.substr(plus1 + 1, plus2 - plus1 - 1);
  const bool lower_hex = hex.size() == 8 && std::all_of(hex.begin(), hex.end(), [](char c) {
                           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                         });
  if (!IsValidKeyName(name)) return BadKey("invalid key name");
  if (!lower_hex) return BadKey("key id is not 8 lower-case hex digits");
  std::from_chars(hex.data(), hex.data() + hex.size(), id, 16);
  auto raw = Base64Decode(text.substr(plus2 + 1));
  if (!raw || raw->size() != 33 || static_cast<uint8_t>((*raw)[0]) != kAlgEd25519) {
    return BadKey("not base64 of an Ed25519 key");
  }
  return raw->substr(1);
}

}  // namespace

bool IsValidKeyName(std::string_view name) {
  return !name.empty() && name.size() <= 128 && std::all_of(name.begin(), name.end(), [](char c) {
    return c > ' ' && c < 0x7F && c != '+';
  });
}

uint32_t KeyId(std::string_view name, const PublicKey& key) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(name.data()),
                            name.size());
  const unsigned char separator[2] = {'\n', kAlgEd25519};
  crypto_hash_sha256_update(&state, separator, sizeof separator);
  crypto_hash_sha256_update(&state, key.data(), key.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return (uint32_t{digest[0]} << 24) | (uint32_t{digest[1]} << 16) | (uint32_t{digest[2]} << 8) |
         uint32_t{digest[3]};
}

bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature) {
  EnsureSodium();
  if (signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

std::string FormatVerifierKey(const VerifierKey& key) {
  std::string raw(1, static_cast<char>(kAlgEd25519));
  raw.append(reinterpret_cast<const char*>(key.key.data()), key.key.size());
  return key.name + "+" + HexId(KeyId(key.name, key.key)) + "+" + Base64Encode(raw);
}

core::Result<VerifierKey> ParseVerifierKey(std::string_view text) {
  VerifierKey out;
  uint32_t id = 0;
  IPA_TRY(raw, SplitKeyText(text, out.name, id));
  std::copy(raw.begin(), raw.end(), out.key.begin());
  if (KeyId(out.name, out.key) != id) return BadKey("key id does not match the name and key");
  return out;
}

core::Result<SigningKey> SigningKey::Generate(std::string name) {
  EnsureSodium();
  std::array<uint8_t, 32> seed;
  randombytes_buf(seed.data(), seed.size());
  auto key = FromSeed(std::move(name), seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

core::Result<SigningKey> SigningKey::FromSeed(std::string name, std::span<const uint8_t, 32> seed) {
  if (!IsValidKeyName(name)) return BadKey("invalid key name");
  EnsureSodium();
  SigningKey key;
  key.name_ = std::move(name);
  crypto_sign_seed_keypair(key.public_.data(), key.secret_.data(), seed.data());
  return key;
}

core::Result<SigningKey> SigningKey::Parse(std::string_view text) {
  if (!text.starts_with(kPrivatePrefix)) return BadKey("not a PRIVATE+KEY");
  std::string name;
  uint32_t id = 0;
  IPA_TRY(seed, SplitKeyText(text.substr(kPrivatePrefix.size()), name, id));
  auto key = FromSeed(std::move(name), std::span<const uint8_t, 32>(
                                           reinterpret_cast<const uint8_t*>(seed.data()), 32));
  sodium_memzero(seed.data(), seed.size());
  if (key && key->key_id() != id) return BadKey("key id does not match the name and key");
  return key;
}

SigningKey::~SigningKey() { sodium_memzero(secret_.data(), secret_.size()); }

std::string SigningKey::Encode() const {
  std::string raw(1, static_cast<char>(kAlgEd25519));
  raw.append(reinterpret_cast<const char*>(secret_.data()), 32);  // the seed
  std::string out =
      std::string(kPrivatePrefix) + name_ + "+" + HexId(key_id()) + "+" + Base64Encode(raw);
  sodium_memzero(raw.data(), raw.size());
  return out;
}

Signature SigningKey::Sign(std::string_view message) const {
  Signature sig;
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), secret_.data());
  return sig;
}

}  // namespace ipa::evidence
