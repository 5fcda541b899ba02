#include "core/text.hpp"

#include <cstdint>

namespace ipa::core {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (int k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view Trim(std::string_view s) {
  auto space_at_front = [&] {
    if (s.empty()) return size_t{0};
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r') return size_t{1};
    if (s.starts_with("\xE3\x80\x80")) return size_t{3};
    return size_t{0};
  };
  auto space_at_back = [&] {
    if (s.empty()) return size_t{0};
    const char c = s.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return size_t{1};
    if (s.ends_with("\xE3\x80\x80")) return size_t{3};
    return size_t{0};
  };
  for (size_t n; (n = space_at_front()) > 0;) s.remove_prefix(n);
  for (size_t n; (n = space_at_back()) > 0;) s.remove_suffix(n);
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string FoldFullWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c0 = static_cast<unsigned char>(s[i]);
    if (c0 == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {
      out.push_back(' ');
      i += 2;
      continue;
    }
    if (c0 == 0xEF && i + 2 < s.size()) {
      // U+FF01..U+FF5E is EF BC 81..EF BD 9E.
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      const auto c2 = static_cast<unsigned char>(s[i + 2]);
      const uint32_t cp = 0xF000u | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
        i += 2;
        continue;
      }
    }
    out.push_back(static_cast<char>(c0));
  }
  return out;
}

std::string SearchKey(std::string_view s) { return AsciiLower(FoldFullWidth(Trim(s))); }

}  // namespace ipa::core
