// Secrets: random tokens, token hashes, Argon2id password hashes (libsodium).
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::service {

// Initialises libsodium; call once before any other function here (idempotent).
void InitCrypto();

// `bytes` random bytes as base64url (32 bytes → 43 characters).
std::string RandomToken(size_t bytes = 32);

// Lower-case hex SHA-256 of `data`: how session and API tokens are stored.
std::string Sha256Hex(std::string_view data);

// Argon2id (libsodium's crypto_pwhash_str) with 2 passes and 19 MiB: an encoded hash string.
core::Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `encoded`. Costs one Argon2id computation even for a malformed
// hash, so timing does not tell whether an account exists.
bool VerifyPassword(std::string_view password, const std::string& encoded);

bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ipa::service
