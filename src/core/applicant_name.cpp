#include "core/applicant_name.hpp"

#include <array>

#include "core/text.hpp"

namespace ipa::core {
namespace {

// Removes "(...)" and "（...）" segments (after full-width folding both are ASCII parentheses)
// and 【...】 segments.
std::string DropBracketed(std::string_view s) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') { ++depth; continue; }
    if (s[i] == ')') { if (depth > 0) --depth; continue; }
    if (s.substr(i).starts_with("【")) { ++depth; i += 2; continue; }
    if (s.substr(i).starts_with("】")) { if (depth > 0) --depth; i += 2; continue; }
    if (depth == 0) out.push_back(s[i]);
  }
  return out;
}

bool IsDroppedAscii(char c) {
  return c == ' ' || c == '.' || c == ',' || c == '-' || c == '\'' || c == '"' || c == '&' ||
         c == '\t' || c == '/';
}

std::string ReplaceSuffix(std::string s) {
  static constexpr std::array<std::string_view, 4> kZh = {"股份有限公司", "有限责任公司", "有限公司", "股份公司"};
  for (std::string_view suffix : kZh) {
    if (s.ends_with(suffix)) return s.substr(0, s.size() - suffix.size()) + "公司";
  }
  static constexpr std::array<std::string_view, 8> kEn = {"coltd", "companylimited", "limited", "ltd",
                                                           "incorporated", "inc", "corporation", "corp"};
  for (int round = 0; round < 2; ++round) {
    for (std::string_view suffix : kEn) {
      if (s.size() > suffix.size() && s.ends_with(suffix)) s.resize(s.size() - suffix.size());
    }
  }
  return s;
}

}  // namespace

std::string ApplicantKey(std::string_view name) {
  std::string folded = AsciiLower(FoldFullWidth(Trim(name)));
  std::string unbracketed = DropBracketed(folded);
  std::string out;
  out.reserve(unbracketed.size());
  for (char c : unbracketed) {
    if (!IsDroppedAscii(c)) out.push_back(c);
  }
  // Chinese punctuation that survives folding: 、and ·
  for (std::string_view p : {"、", "·", "　"}) {
    for (size_t pos; (pos = out.find(p)) != std::string::npos;) out.erase(pos, p.size());
  }
  return ReplaceSuffix(std::move(out));
}

}  // namespace ipa::core
