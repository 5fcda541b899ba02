#include "index/char_class.hpp"

namespace ipa::index {
namespace {

bool InRange(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

bool IsAsciiAlnum(char32_t cp) {
  return InRange(cp, U'0', U'9') || InRange(cp, U'a', U'z') || InRange(cp, U'A', U'Z');
}

// Blocks of punctuation, symbols and non-characters outside ASCII (after width folding).
bool IsSeparatorBlock(char32_t cp) {
  if (cp < 0x100) {  // Latin-1: symbols and controls, but ª µ º are letters
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return false;
    return cp < 0xC0 || cp == 0xD7 || cp == 0xF7;
  }
  if (cp < 0x2000) return false;
  return InRange(cp, 0x2000, 0x2BFF) ||    // general punctuation … arrows, shapes, dingbats
         InRange(cp, 0x2E00, 0x2FFF) ||    // supplemental punctuation, radicals
         InRange(cp, 0x3000, 0x303F) ||    // CJK symbols and punctuation (〇 is Han)
         cp == 0x30FB ||                   // katakana middle dot
         InRange(cp, 0x3200, 0x33FF) ||    // enclosed CJK letters, CJK compatibility units
         InRange(cp, 0xD800, 0xF8FF) ||    // surrogates, private use
         InRange(cp, 0xFE00, 0xFE6F) ||    // variation selectors, vertical and small forms
         InRange(cp, 0xFEFF, 0xFF65) ||    // BOM, full-width forms left after folding
         InRange(cp, 0xFFE0, 0xFFFF) ||    // full-width symbols, specials
         InRange(cp, 0x1F000, 0x1FBFF) ||  // emoji and symbols
         InRange(cp, 0xE0000, 0x10FFFF);   // tags, private use planes
}

}  // namespace

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

CharClass ClassifyChar(char32_t cp) {
  if (cp < 0x80) return IsAsciiAlnum(cp) ? CharClass::kWord : CharClass::kSeparator;
  if (IsHan(cp)) return CharClass::kHan;
  if (cp == kInvalidChar || IsSeparatorBlock(cp)) return CharClass::kSeparator;
  return CharClass::kWord;
}

char32_t FoldChar(char32_t cp) {
  cp = FoldWidth(cp);
  if (cp < 0x80) return InRange(cp, U'A', U'Z') ? cp + 32 : cp;
  if (cp < 0x100) {
    if (cp == 0xB2 || cp == 0xB3) return U'0' + (cp - 0xB0);
    if (cp == 0xB9) return U'1';
    return InRange(cp, 0xC0, 0xDE) && cp != 0xD7 ? cp + 32 : cp;
  }
  if (cp < 0x180) {  // Latin Extended-A: upper/lower pairs
    if (InRange(cp, 0x100, 0x137) || InRange(cp, 0x14A, 0x177)) return cp | 1;
    if (InRange(cp, 0x139, 0x148) || InRange(cp, 0x179, 0x17E)) return cp + (cp & 1);
    return cp == 0x178 ? 0xFF : cp;
  }
  if (InRange(cp, 0x391, 0x3A9) && cp != 0x3A2) return cp + 32;  // Greek
  if (InRange(cp, 0x410, 0x42F)) return cp + 32;                 // Cyrillic
  if (InRange(cp, 0x400, 0x40F)) return cp + 80;
  if (cp == 0x2070) return U'0';
  if (InRange(cp, 0x2074, 0x2079)) return U'4' + (cp - 0x2074);
  if (InRange(cp, 0x2080, 0x2089)) return U'0' + (cp - 0x2080);
  return cp;
}

}  // namespace ipa::index
