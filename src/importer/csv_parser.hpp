// RFC 4180 CSV read as a stream of rows: quoted fields with commas, doubled quotes and line
// breaks, CRLF or LF line ends, bounded record size. Fields are bytes in the source's encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "importer/byte_source.hpp"
#include "importer/encoding.hpp"

namespace ipa::importer {

struct CsvRow {
  std::vector<std::string> fields;
  int64_t line = 0;   // 1-based line where the row starts
  std::string error;  // non-empty when the row is malformed; `fields` are then unusable
};

class CsvParser {
 public:
  CsvParser(TextSource source, size_t max_record_bytes);

  // Reads the next row into `row`; false at the end of input. An error only on a read failure.
  // A row longer than the maximum comes back with an error and empty fields, and parsing
  // resumes at the next line break.
  core::Result<bool> Next(CsvRow& row);

  Encoding encoding() const { return source_.encoding(); }
  double Progress() const { return source_.Progress(); }
  const std::string& name() const { return source_.name(); }

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteSeen, kSkipLine };

  static constexpr size_t kMaxFields = 10000;

  // Consumes bytes of the current window; true when a row ended.
  bool Scan(CsvRow& row);
  bool Step(CsvRow& row, std::string_view& in);
  bool StepUnquoted(CsvRow& row, std::string_view& in);
  bool StepQuoted(CsvRow& row, std::string_view& in);
  bool StepQuoteSeen(CsvRow& row, std::string_view& in);
  bool StepSkipLine(CsvRow& row, std::string_view& in);
  bool Finish(CsvRow& row);
  void StartRow(CsvRow& row);
  void NewField(CsvRow& row);
  bool Append(CsvRow& row, std::string_view text);
  bool EndRow(CsvRow& row);
  void Overflow(CsvRow& row, std::string reason);
  static void Fail(CsvRow& row, std::string message);

  TextSource source_;
  InputWindow window_;
  size_t max_record_bytes_;
  State state_ = State::kFieldStart;
  size_t field_count_ = 0;
  size_t record_bytes_ = 0;
  int64_t line_ = 1;
  int64_t quote_line_ = 0;
  bool in_row_ = false;
};

}  // namespace ipa::importer
