#include "importer/line_splitter.hpp"

namespace ipa::importer {

LineSplitter::LineSplitter(ByteSource source, size_t max_line_bytes)
    : source_(std::move(source)), max_(max_line_bytes) {}

core::Result<bool> LineSplitter::Next(Line& line) {
  window_.Consume(pending_consume_);
  pending_consume_ = 0;
  size_t scanned = 0;
  while (true) {
    const std::string_view unread = window_.Unread();
    const size_t nl = unread.find('\n', scanned);
    if (nl != std::string_view::npos && nl <= max_) {
      std::string_view text = unread.substr(0, nl);
      if (text.ends_with('\r')) text.remove_suffix(1);
      line = Line{text, ++number_, false};
      pending_consume_ = nl + 1;
      return true;
    }
    if (unread.size() > max_) {
      line = Line{{}, ++number_, true};
      IPA_CHECK(SkipRest());
      return true;
    }
    scanned = unread.size();
    IPA_TRY(more, window_.Refill(source_));
    if (!more) break;
  }
  const std::string_view rest = window_.Unread();
  if (rest.empty()) return false;
  line = Line{rest, ++number_, false};  // last line without a line end
  pending_consume_ = rest.size();
  return true;
}

// Drops bytes up to and including the next line end.
core::Result<bool> LineSplitter::SkipRest() {
  while (true) {
    const std::string_view unread = window_.Unread();
    const size_t nl = unread.find('\n');
    if (nl != std::string_view::npos) {
      window_.Consume(nl + 1);
      return true;
    }
    window_.Consume(unread.size());
    IPA_TRY(more, window_.Refill(source_));
    if (!more) return false;
  }
}

}  // namespace ipa::importer
