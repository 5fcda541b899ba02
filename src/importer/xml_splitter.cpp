#include "importer/xml_splitter.hpp"

#include <algorithm>

namespace ipa::importer {
namespace {

constexpr std::string_view kDeclaration = "<?xml";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

XmlSplitter::XmlSplitter(ByteSource source, size_t max_document_bytes)
    : source_(std::move(source)), max_(max_document_bytes) {}

void XmlSplitter::Consume(size_t n) {
  const std::string_view gone = window_.Unread().substr(0, n);
  line_ += std::count(gone.begin(), gone.end(), '\n');
  window_.Consume(n);
}

// "<?xml" followed by white space; "<?xml-stylesheet" and the like do not count.
size_t XmlSplitter::FindDeclaration(size_t from) const {
  const std::string_view unread = window_.Unread();
  for (size_t at = unread.find(kDeclaration, from); at != std::string_view::npos;
       at = unread.find(kDeclaration, at + 1)) {
    const size_t after = at + kDeclaration.size();
    if (after < unread.size() && IsSpace(unread[after])) return at;
    if (after >= unread.size() && !window_.at_eof()) return std::string_view::npos;
  }
  return std::string_view::npos;
}

core::Status XmlSplitter::SkipLeadingSpace() {
  while (true) {
    const std::string_view unread = window_.Unread();
    size_t n = 0;
    while (n < unread.size() && IsSpace(unread[n])) ++n;
    Consume(n);
    if (n < unread.size()) return {};
    IPA_TRY(more, window_.Refill(source_));
    if (!more) return {};
  }
}

// Drops bytes of an oversized document up to the next declaration (or the end).
core::Status XmlSplitter::SkipToDeclaration() {
  size_t from = 1;  // the oversized document's own declaration is at offset 0
  while (true) {
    const size_t at = FindDeclaration(from);
    if (at != std::string_view::npos) {
      Consume(at);
      return {};
    }
    const size_t size = window_.Unread().size();
    const size_t keep = std::min(size, kDeclaration.size());  // a declaration may straddle
    if (size > keep) from = 0;
    Consume(size - keep);
    IPA_TRY(more, window_.Refill(source_));
    if (!more) {
      Consume(window_.Unread().size());
      return {};
    }
  }
}

core::Result<bool> XmlSplitter::Next(XmlDocument& doc) {
  Consume(pending_);
  pending_ = 0;
  IPA_CHECK(SkipLeadingSpace());
  if (window_.Unread().empty()) return false;
  doc = XmlDocument{{}, line_, ++number_, false};
  size_t scanned = 1;  // the document's own declaration is at offset 0
  while (true) {
    const size_t at = FindDeclaration(scanned);
    const std::string_view unread = window_.Unread();
    if (at != std::string_view::npos || (window_.at_eof() && unread.size() <= max_)) {
      const size_t end = at == std::string_view::npos ? unread.size() : at;
      if (end > max_) break;
      doc.text = unread.substr(0, end);
      pending_ = end;
      return true;
    }
    if (unread.size() > max_) break;
    scanned = std::max<size_t>(unread.size(), kDeclaration.size()) - kDeclaration.size();
    scanned = std::max<size_t>(scanned, 1);
    IPA_TRY(more, window_.Refill(source_));
    (void)more;
  }
  doc.too_long = true;
  IPA_CHECK(SkipToDeclaration());
  return true;
}

}  // namespace ipa::importer
