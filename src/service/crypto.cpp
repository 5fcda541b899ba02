#include "service/crypto.hpp"

#include <sodium.h>

#include <mutex>

#include "core/cursor.hpp"

namespace ipa::service {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024 * 1024;

const std::string& DummyHash() {
  static const std::string hash = [] {
    char out[crypto_pwhash_STRBYTES];
    const char pw[] = "ipalliance-dummy-password";
    if (crypto_pwhash_str_alg(out, pw, sizeof pw - 1, kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return std::string();
    }
    return std::string(out);
  }();
  return hash;
}

}  // namespace

void InitCrypto() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();
  });
}

std::string RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return core::Base64UrlEncode(raw);
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(sizeof digest * 2);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

core::Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Internal("crypto_pwhash_str_alg failed (out of memory?)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  const bool usable = encoded.starts_with("$argon2id$") && encoded.size() < crypto_pwhash_STRBYTES;
  const std::string& target = usable ? encoded : DummyHash();
  const bool ok = crypto_pwhash_str_verify(target.c_str(), password.data(), password.size()) == 0;
  return usable && ok;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ipa::service
