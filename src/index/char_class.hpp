// Code points as the tokenizer sees them: UTF-8 decoding that never reads past the input and
// marks invalid bytes, the three character classes (Han, word, separator) and the folding of
// full-width forms, case and sub/superscript digits. Shared by the tokenizer and the query lexer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ipa::index {

// One decoded code point and how many bytes it took. Invalid or truncated sequences
// (overlongs, surrogates, above U+10FFFF, stray continuation bytes) decode to kInvalidChar
// with length 1, so a caller skips exactly one byte and resynchronises.
struct DecodedChar {
  char32_t cp = 0;
  uint32_t length = 1;
};
inline constexpr char32_t kInvalidChar = 0xFFFFFFFF;

// Precondition: pos < text.size().
inline DecodedChar DecodeUtf8(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const size_t left = text.size() - pos;
  const unsigned c0 = s[0];
  if (c0 < 0x80) return {c0, 1};
  const DecodedChar bad{kInvalidChar, 1};
  if (c0 < 0xC2) return bad;  // continuation byte or overlong 2-byte lead
  if (c0 < 0xE0) {
    if (left < 2 || (s[1] & 0xC0) != 0x80) return bad;
    return {((c0 & 0x1Fu) << 6) | (s[1] & 0x3Fu), 2};
  }
  if (c0 < 0xF0) {
    if (left < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return bad;
    const char32_t cp = ((c0 & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return bad;
    return {cp, 3};
  }
  if (c0 < 0xF5) {
    if (left < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) {
      return bad;
    }
    const char32_t cp =
        ((c0 & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    if (cp < 0x10000 || cp > 0x10FFFF) return bad;
    return {cp, 4};
  }
  return bad;
}

// Appends the UTF-8 encoding of `cp` (a valid scalar value).
void AppendUtf8(std::string& out, char32_t cp);

// CJK Unified Ideographs (U+4E00–9FFF), Extension A (U+3400–4DBF), Extensions B–H
// (U+20000–323AF), the compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) and 〇 (U+3007).
inline bool IsHan(char32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF) return true;
  if (cp < 0x3400) return cp == 0x3007;
  return cp <= 0x4DBF || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF) ||
         (cp >= 0x2F800 && cp <= 0x2FA1F);
}

enum class CharClass : uint8_t { kSeparator, kHan, kWord };

// The class of a folded code point (see FoldChar): ASCII letters and digits and the letters of
// other scripts are kWord; white space, punctuation, symbols, emoji, private use and controls
// are kSeparator. Without a full Unicode table, punctuation inside other scripts' own blocks
// (e.g. the Arabic comma) counts as a word character.
CharClass ClassifyChar(char32_t cp);

// Full-width forms U+FF01–FF5E → ASCII; U+3000 → space. Nothing else changes.
inline char32_t FoldWidth(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (cp == 0x3000) return U' ';
  return cp;
}

// FoldWidth, then lower case for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic, and
// sub/superscript digits (₄, ²) → ASCII digits so "LiFePO₄" finds "LiFePO4".
char32_t FoldChar(char32_t cp);

}  // namespace ipa::index
