#include "importer/csv_table.hpp"

#include "core/text.hpp"

namespace ipa::importer {
namespace {

bool IsBlank(const CsvRow& row) {
  return row.error.empty() && row.fields.size() == 1 && core::Trim(row.fields[0]).empty();
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Row text that is valid UTF-8 with several multi-byte characters was not written in GB18030.
constexpr size_t kUtf8Evidence = 3;

}  // namespace

CsvTable::CsvTable(ByteSource source, size_t max_record_bytes)
    : parser_(TextSource(std::move(source)), max_record_bytes) {}

core::Result<const std::vector<std::string>*> CsvTable::Header() {
  if (header_read_) return &header_;
  header_read_ = true;
  IPA_TRY(got, parser_.Next(row_));
  if (encoding() == Encoding::kGb18030) decoder_.emplace();
  if (!got) {
    header_error_ = "the file is empty";
  } else if (auto rejection = Check(Location{})) {
    header_error_ = "header row: " + rejection->reason;
  } else {
    for (const auto& f : row_.fields) header_.emplace_back(core::Trim(f));
  }
  return &header_;
}

core::Result<std::optional<std::variant<TableRow, Rejection>>> CsvTable::Next() {
  IPA_CHECK(Header());
  while (true) {
    IPA_TRY(got, parser_.Next(row_));
    if (!got) return std::nullopt;
    if (IsBlank(row_)) continue;
    const Location where{file(), row_.line, ++records_};
    if (row_.error.empty() && row_.fields.size() != header_.size()) {
      return Rejection{where, "",
                       "row has " + std::to_string(row_.fields.size()) +
                           " fields, the header has " + std::to_string(header_.size())};
    }
    if (auto rejection = Check(where)) return *rejection;
    return TableRow{&row_.fields, where};
  }
}

std::optional<Rejection> CsvTable::Check(const Location& where) {
  if (!row_.error.empty()) return Rejection{where, "", row_.error};
  if (decoder_) return Transcode(where);
  for (size_t i = 0; i < row_.fields.size(); ++i) {
    if (!core::IsValidUtf8(row_.fields[i])) {
      const std::string field = i < header_.size() ? header_[i] : "";
      return Rejection{where, field,
                       "not valid UTF-8 text (the file was detected as " +
                           std::string(EncodingName(encoding())) + "; mixed encodings?)"};
    }
  }
  return std::nullopt;
}

std::optional<Rejection> CsvTable::Transcode(const Location& where) {
  Utf8Census row_census;
  for (const auto& f : row_.fields) {
    const Utf8Census c = CountUtf8(f);
    row_census.multibyte += c.multibyte;
    row_census.invalid += c.invalid;
  }
  if (row_census.invalid == 0 && row_census.multibyte >= kUtf8Evidence) {
    return Rejection{where, "",
                     "row is UTF-8 text in a file detected as GB18030 (mixed encodings?)"};
  }
  for (auto& f : row_.fields) {
    if (!IsAscii(f)) f = decoder_->Decode(f);
  }
  return std::nullopt;
}

std::vector<std::string> CsvTable::Notes(const std::vector<std::string>& ignored) const {
  std::vector<std::string> out{"encoding: " + std::string(EncodingName(encoding()))};
  std::string names;
  for (const auto& name : ignored) names += (names.empty() ? "" : ", ") + name;
  if (!names.empty()) out.push_back("ignored columns: " + names);
  return out;
}

}  // namespace ipa::importer
