#include "core/cursor.hpp"

#include <charconv>

namespace ipa::core {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kCursorPrefix = "ipa1:";

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3F]);
  return out;
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, "not base64url");
    }
    acc = (acc << 6) | static_cast<uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::string EncodeCursor(int64_t last_id) {
  return Base64UrlEncode(std::string(kCursorPrefix) + std::to_string(last_id));
}

Result<int64_t> DecodeCursor(std::string_view cursor) {
  auto bad = [] {
    return Fail(ErrorCode::kInvalidArgument, "cursor: not a cursor this server produced",
                "cursor");
  };
  if (cursor.size() > 64) return bad();
  auto raw = Base64UrlDecode(cursor);
  if (!raw || !raw->starts_with(kCursorPrefix)) return bad();
  std::string_view digits = std::string_view(*raw).substr(kCursorPrefix.size());
  int64_t id = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || p != digits.data() + digits.size() || digits.empty() || id < 0) {
    return bad();
  }
  return id;
}

}  // namespace ipa::core
