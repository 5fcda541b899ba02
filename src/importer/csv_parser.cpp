#include "importer/csv_parser.hpp"

#include <algorithm>

namespace ipa::importer {
namespace {

size_t FindSpecial(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ',' || c == '"' || c == '\n' || c == '\r') return i;
  }
  return s.size();
}

}  // namespace

CsvParser::CsvParser(TextSource source, size_t max_record_bytes)
    : source_(std::move(source)), max_record_bytes_(max_record_bytes) {}

core::Result<bool> CsvParser::Next(CsvRow& row) {
  in_row_ = false;
  while (true) {
    if (Scan(row)) return true;
    IPA_TRY(more, window_.RefillWith([&](char* dst, size_t cap) { return source_.Read(dst, cap); },
                                     source_.RemainingHint()));
    if (!more) return Finish(row);
  }
}

bool CsvParser::Scan(CsvRow& row) {
  std::string_view in = window_.Unread();
  const size_t before = in.size();
  bool ended = false;
  while (!in.empty() && !ended) ended = Step(row, in);
  window_.Consume(before - in.size());
  return ended;
}

bool CsvParser::Step(CsvRow& row, std::string_view& in) {
  if (!in_row_) StartRow(row);
  switch (state_) {
    case State::kSkipLine:
      return StepSkipLine(row, in);
    case State::kQuoted:
      return StepQuoted(row, in);
    case State::kQuoteSeen:
      return StepQuoteSeen(row, in);
    case State::kFieldStart:
      if (in.front() == '"') {
        in.remove_prefix(1);
        ++record_bytes_;
        quote_line_ = line_;
        state_ = State::kQuoted;
        return false;
      }
      state_ = State::kUnquoted;
      return StepUnquoted(row, in);
    case State::kUnquoted:
      return StepUnquoted(row, in);
  }
  return false;
}

bool CsvParser::StepUnquoted(CsvRow& row, std::string_view& in) {
  const size_t n = FindSpecial(in);
  if (!Append(row, in.substr(0, n))) return false;
  in.remove_prefix(n);
  if (in.empty()) return false;
  const char c = in.front();
  in.remove_prefix(1);
  ++record_bytes_;
  switch (c) {
    case ',':
      NewField(row);
      return false;
    case '\n':
      ++line_;
      return EndRow(row);
    case '"':  // a quote inside an unquoted field is kept as text
      Append(row, "\"");
      return false;
    default:  // '\r': dropped; the '\n' after it ends the row
      return false;
  }
}

bool CsvParser::StepQuoted(CsvRow& row, std::string_view& in) {
  const size_t quote = in.find('"');
  const size_t n = quote == std::string_view::npos ? in.size() : quote;
  if (!Append(row, in.substr(0, n))) return false;  // now skipping to the next line
  line_ += std::count(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(n), '\n');
  in.remove_prefix(n);
  if (!in.empty()) {
    in.remove_prefix(1);
    ++record_bytes_;
    state_ = State::kQuoteSeen;
  }
  return false;
}

bool CsvParser::StepQuoteSeen(CsvRow& row, std::string_view& in) {
  const char c = in.front();
  if (c == '"') {  // a doubled quote stands for one
    in.remove_prefix(1);
    state_ = State::kQuoted;
    Append(row, "\"");
    return false;
  }
  if (c == ',' || c == '\n' || c == '\r') {
    state_ = State::kUnquoted;
    return StepUnquoted(row, in);
  }
  Fail(row, "text after the closing quote of field " + std::to_string(field_count_));
  state_ = State::kUnquoted;
  return false;
}

bool CsvParser::StepSkipLine(CsvRow& row, std::string_view& in) {
  const size_t nl = in.find('\n');
  if (nl == std::string_view::npos) {
    in = {};
    return false;
  }
  in.remove_prefix(nl + 1);
  ++line_;
  return EndRow(row);
}

bool CsvParser::Finish(CsvRow& row) {
  if (!in_row_) return false;
  if (state_ == State::kQuoted) {
    Fail(row, "quoted field opened on line " + std::to_string(quote_line_) +
                  " is not closed before the end of the file");
  }
  return EndRow(row);
}

void CsvParser::StartRow(CsvRow& row) {
  in_row_ = true;
  row.line = line_;
  row.error.clear();
  field_count_ = 0;
  record_bytes_ = 0;
  state_ = State::kFieldStart;
  NewField(row);
}

void CsvParser::NewField(CsvRow& row) {
  if (state_ == State::kSkipLine) return;
  if (field_count_ >= kMaxFields) {
    Overflow(row, "row has more than " + std::to_string(kMaxFields) + " fields");
    return;
  }
  if (row.fields.size() <= field_count_) {
    row.fields.emplace_back();
  } else {
    row.fields[field_count_].clear();
  }
  ++field_count_;
  state_ = State::kFieldStart;
}

bool CsvParser::Append(CsvRow& row, std::string_view text) {
  record_bytes_ += text.size();
  if (record_bytes_ > max_record_bytes_) {
    Overflow(row, "row is longer than the maximum record size of " +
                      std::to_string(max_record_bytes_) + " bytes; skipped to the next line");
    return false;
  }
  row.fields[field_count_ - 1].append(text);
  return true;
}

bool CsvParser::EndRow(CsvRow& row) {
  row.fields.resize(field_count_);
  in_row_ = false;
  state_ = State::kFieldStart;
  return true;
}

void CsvParser::Overflow(CsvRow& row, std::string reason) {
  Fail(row, std::move(reason));
  row.fields.clear();
  row.fields.shrink_to_fit();
  field_count_ = 0;
  state_ = State::kSkipLine;
}

void CsvParser::Fail(CsvRow& row, std::string message) {
  if (row.error.empty()) row.error = std::move(message);
}

}  // namespace ipa::importer
