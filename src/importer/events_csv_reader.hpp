// Reader for the legal-events CSV (header application_number,kind,date,patent_year,days,from,
// to,licence_type,licensee,term_start,term_end,territory,note; any order, optional columns may
// be left out). Each row is one event for a patent already imported.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "importer/csv_table.hpp"
#include "importer/record.hpp"

namespace ipa::importer {

class EventsCsvReader : public RecordReader {
 public:
  EventsCsvReader(ByteSource source, const ReaderOptions& options);

  // EventRecords, or Rejections naming line and column. A header lacking application_number,
  // kind or date gives one Rejection (line 1, field "header") and then the end.
  core::Result<std::optional<ImportItem>> Next() override;
  double Progress() const override { return table_.Progress(); }
  std::vector<std::string> Warnings() const override;

  static constexpr size_t kColumns = 13;

 private:
  core::Result<std::optional<ImportItem>> ReadHeader();

  CsvTable table_;
  bool header_done_ = false;
  bool done_ = false;
  std::array<int, kColumns> index_{};
  std::vector<std::string> ignored_;
};

}  // namespace ipa::importer
