// Ed25519 keys for signed notes (C2SP signed-note): key names, 4-byte key ids, signing, and the
// text forms of signer and verifier keys used by golang.org/x/mod/sumdb/note.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::evidence {

using PublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;

// Valid key names: 1..128 printable ASCII characters other than space and '+' (the signed-note
// rules, restricted to ASCII).
bool IsValidKeyName(std::string_view name);

// The first four bytes, big-endian, of SHA-256(name || 0x0A || 0x01 || public key).
uint32_t KeyId(std::string_view name, const PublicKey& key);

// True when `signature` (64 bytes) is `key`'s Ed25519 signature of `message`. Thread-safe.
bool VerifySignature(const PublicKey& key, std::string_view message, std::string_view signature);

// A named public key as published: "<name>+<8 hex key id>+<base64(0x01 || key)>".
struct VerifierKey {
  std::string name;
  PublicKey key{};
};
std::string FormatVerifierKey(const VerifierKey& key);
// kInvalidArgument for a bad name, a wrong algorithm byte or length, or a key id that does not
// match the name and key.
core::Result<VerifierKey> ParseVerifierKey(std::string_view text);

// A named Ed25519 private key. Copies wipe their secret on destruction.
class SigningKey {
 public:
  // A fresh random key. kInvalidArgument for an invalid name.
  static core::Result<SigningKey> Generate(std::string name);
  // The key derived from a 32-byte seed. kInvalidArgument for an invalid name.
  static core::Result<SigningKey> FromSeed(std::string name, std::span<const uint8_t, 32> seed);
  // Parses "PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 || seed)>" (what Encode writes);
  // kInvalidArgument for anything else, including a key id that does not match.
  static core::Result<SigningKey> Parse(std::string_view text);

  SigningKey(const SigningKey&) = default;
  SigningKey& operator=(const SigningKey&) = default;
  ~SigningKey();

  // The secret text form above: store it readable by its owner only.
  std::string Encode() const;

  const std::string& name() const { return name_; }
  const PublicKey& public_key() const { return public_; }
  uint32_t key_id() const { return KeyId(name_, public_); }
  VerifierKey verifier() const { return {name_, public_}; }

  // Ed25519 signature of `message` (deterministic). Thread-safe.
  Signature Sign(std::string_view message) const;

 private:
  SigningKey() = default;

  std::string name_;
  std::array<uint8_t, 64> secret_{};  // libsodium layout: seed || public key
  PublicKey public_{};
};

}  // namespace ipa::evidence
