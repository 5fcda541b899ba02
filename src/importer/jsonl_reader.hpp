// Reader for the project's JSON Lines format: one patent per line (docs/jsonl-format.md).
#pragma once

#include <optional>

#include "importer/jsonl_parse.hpp"
#include "importer/line_splitter.hpp"
#include "importer/record.hpp"

namespace ipa::importer {

class JsonlReader : public RecordReader {
 public:
  JsonlReader(ByteSource source, const ReaderOptions& options);

  // Patents, or Rejections naming the line and the field at fault. Blank lines are skipped.
  core::Result<std::optional<ImportItem>> Next() override;
  double Progress() const override { return lines_.Progress(); }

 private:
  LineSplitter lines_;
  PatentJsonParser parser_;
  size_t max_;
  int64_t records_ = 0;
};

}  // namespace ipa::importer
