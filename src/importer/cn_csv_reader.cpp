#include "importer/cn_csv_reader.hpp"

#include "importer/cn_csv_row.hpp"

namespace ipa::importer {

CnCsvReader::CnCsvReader(ByteSource source, const ReaderOptions& options)
    : table_(std::move(source), options.max_record_bytes) {}

// Reads the header; an item only when the header makes the file unusable.
core::Result<std::optional<ImportItem>> CnCsvReader::ReadHeader() {
  IPA_TRY(header, table_.Header());
  columns_.emplace(*header);
  const Location where{table_.file(), 1, 0};
  if (!table_.header_error().empty()) {
    done_ = true;
    return MakeRejection(where, "header", table_.header_error());
  }
  if (columns_->empty()) {
    done_ = true;
    return MakeRejection(where, "header",
                         "no known column (expected 申请号, 公开号, 专利名称 ... or the koi / "
                         "ipc-benchmark English headers)");
  }
  return std::nullopt;
}

core::Result<std::optional<ImportItem>> CnCsvReader::Next() {
  if (!columns_) {
    IPA_TRY(header_item, ReadHeader());
    if (header_item) return header_item;
  }
  if (done_) return std::nullopt;
  IPA_TRY(next, table_.Next());
  if (!next) return std::nullopt;
  if (auto* rejection = std::get_if<Rejection>(&*next))
    return ImportItem{rejection->where, *rejection};
  const auto& row = std::get<TableRow>(*next);
  auto patent = MapCnRow(*columns_, *row.fields);
  if (!patent) return MakeRejection(row.where, patent.error().field, patent.error().reason);
  return ImportItem{row.where, std::move(*patent)};
}

std::vector<std::string> CnCsvReader::Warnings() const {
  if (!columns_) return {};
  return table_.Notes(columns_->ignored());
}

const std::vector<std::string>& CnCsvReader::ignored_columns() const {
  static const std::vector<std::string> kNone;
  return columns_ ? columns_->ignored() : kNone;
}

}  // namespace ipa::importer
