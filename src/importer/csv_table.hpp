// A CSV file with a header row: columns are found by name, and each data row is checked for
// quoting, size, width and encoding (and converted to UTF-8 in a GB18030 file) before a
// reader maps it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "importer/csv_parser.hpp"
#include "importer/record.hpp"

namespace ipa::importer {

struct TableRow {
  const std::vector<std::string>* fields = nullptr;  // UTF-8, as many as the header has
  Location where;
};

class CsvTable {
 public:
  CsvTable(ByteSource source, size_t max_record_bytes);

  // The header's column names (trimmed, BOM removed); read on the first call. A malformed
  // header gives an empty list and `header_error()` says why.
  core::Result<const std::vector<std::string>*> Header();
  const std::string& header_error() const { return header_error_; }

  // The next data row, a Rejection for a malformed one, or nullopt at the end. Blank lines are
  // skipped. Rejected: bad quoting, too long, wrong width, invalid UTF-8 in a UTF-8 file, UTF-8
  // text in a GB18030 file. An error only on a read failure.
  core::Result<std::optional<std::variant<TableRow, Rejection>>> Next();

  Encoding encoding() const { return parser_.encoding(); }
  double Progress() const { return parser_.Progress(); }
  const std::string& file() const { return parser_.name(); }
  // "encoding: GB18030", "ignored columns: a, b" (when `ignored` is not empty).
  std::vector<std::string> Notes(const std::vector<std::string>& ignored) const;

 private:
  // Checks the current row and converts it to UTF-8; the rejection when it is unusable.
  std::optional<Rejection> Check(const Location& where);
  std::optional<Rejection> Transcode(const Location& where);

  CsvParser parser_;
  CsvRow row_;
  std::optional<Gb18030Decoder> decoder_;
  bool header_read_ = false;
  std::vector<std::string> header_;
  std::string header_error_;
  int64_t records_ = 0;
};

}  // namespace ipa::importer
