// Splits a byte stream into lines (LF or CRLF) with a bounded line length: a longer line is
// skipped without being held in memory and reported as too long.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "importer/byte_source.hpp"

namespace ipa::importer {

struct Line {
  std::string_view text;  // without the line end; valid until the next call
  int64_t number = 0;     // 1-based
  bool too_long = false;  // text is empty then
};

class LineSplitter {
 public:
  LineSplitter(ByteSource source, size_t max_line_bytes);

  // The next line; false at the end. An error only on a read failure.
  core::Result<bool> Next(Line& line);
  double Progress() const { return source_.Progress(); }
  const std::string& name() const { return source_.name(); }

 private:
  core::Result<bool> SkipRest();

  ByteSource source_;
  InputWindow window_;
  size_t max_;
  size_t pending_consume_ = 0;
  int64_t number_ = 0;
};

}  // namespace ipa::importer
