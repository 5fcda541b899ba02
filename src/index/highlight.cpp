#include "index/highlight.hpp"

#include <algorithm>

namespace ipa::index {
namespace {

void Collect(const Node& node, FieldMask field, std::vector<std::string>& out) {
  if (node.kind == NodeKind::kNot) return;
  if (node.kind == NodeKind::kText && (node.text().fields & field)) {
    const TextNode& t = node.text();
    for (const auto& tok : t.tokens) out.push_back(t.match == TextMatch::kPrefix ? tok.term + "*" : tok.term);
  }
  for (const auto& c : node.children) Collect(c, field, out);
}

bool Wanted(std::string_view term, const std::vector<std::string>& terms) {
  for (const auto& t : terms) {
    if (!t.empty() && t.back() == '*') {
      if (term.starts_with(std::string_view(t).substr(0, t.size() - 1))) return true;
    } else if (term == t) {
      return true;
    }
  }
  return false;
}

size_t CharStart(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return std::min(i, s.size());
}

}  // namespace

std::vector<std::string> HighlightTerms(const Query& query, FieldMask field) {
  std::vector<std::string> out;
  Collect(query.root, field, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string Highlight(std::string_view text, const std::vector<std::string>& terms, size_t max_bytes) {
  // Byte ranges of matching tokens, merged where they touch or overlap (bigrams overlap).
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  Tokenizer tokenizer;
  tokenizer.Tokenize(text, TokenizeMode::kIndex, [&](const Token& t) {
    if (!Wanted(t.term, terms)) return;
    if (!ranges.empty() && t.begin <= ranges.back().second) {
      ranges.back().second = std::max(ranges.back().second, t.end);
    } else {
      ranges.emplace_back(t.begin, t.end);
    }
  });
  size_t from = 0, to = text.size();
  if (max_bytes > 0 && text.size() > max_bytes) {
    const size_t first = ranges.empty() ? 0 : ranges.front().first;
    from = CharStart(text, first > max_bytes / 4 ? first - max_bytes / 4 : 0);
    to = CharStart(text, std::min(text.size(), from + max_bytes));
  }
  std::string out = from > 0 ? "…" : "";
  size_t at = from;
  for (const auto& [b, e] : ranges) {
    if (e <= from || b >= to) continue;
    const size_t bb = std::max<size_t>(b, from), ee = std::min<size_t>(e, to);
    out += HtmlEscape(text.substr(at, bb - at));
    out += "<mark>" + HtmlEscape(text.substr(bb, ee - bb)) + "</mark>";
    at = ee;
  }
  out += HtmlEscape(text.substr(at, to - at));
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace ipa::index
