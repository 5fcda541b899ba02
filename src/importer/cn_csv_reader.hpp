// Reader for the CSV that Chinese patent databases export (61 columns in Chinese, or any subset
// in any order; also the koi and ipc-benchmark English headers). UTF-8 with or without BOM, or
// GB18030/GBK detected and converted.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "importer/cn_csv_columns.hpp"
#include "importer/csv_table.hpp"
#include "importer/record.hpp"

namespace ipa::importer {

class CnCsvReader : public RecordReader {
 public:
  CnCsvReader(ByteSource source, const ReaderOptions& options);

  // Patents, or Rejections naming line and column. A header without any known column gives a
  // single Rejection (line 1, field "header") and then the end.
  core::Result<std::optional<ImportItem>> Next() override;
  double Progress() const override { return table_.Progress(); }
  // "encoding: GB18030", "ignored columns: 序号, 全文链接, ..." (after the first Next()).
  std::vector<std::string> Warnings() const override;

  Encoding encoding() const { return table_.encoding(); }
  // Header names that map to no patent field (after the first Next()).
  const std::vector<std::string>& ignored_columns() const;

 private:
  core::Result<std::optional<ImportItem>> ReadHeader();

  CsvTable table_;
  std::optional<CnColumns> columns_;
  bool done_ = false;
};

}  // namespace ipa::importer
