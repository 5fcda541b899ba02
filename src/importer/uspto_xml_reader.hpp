// Reader for USPTO red-book XML: grant (us-patent-grant) and application
// (us-patent-application) documents, one per file or concatenated as in the weekly bulk files.
// No DTD or external entity is ever loaded.
#pragma once

#include <optional>

#include "importer/record.hpp"
#include "importer/xml_splitter.hpp"

namespace ipa::importer {

class UsptoXmlReader : public RecordReader {
 public:
  UsptoXmlReader(ByteSource source, const ReaderOptions& options);

  // Patents, or Rejections naming the document number (Location.record) and its first line: a
  // malformed or truncated document, another document type, a missing number or bad date.
  core::Result<std::optional<ImportItem>> Next() override;
  double Progress() const override { return splitter_.Progress(); }

 private:
  XmlSplitter splitter_;
  size_t max_;
};

}  // namespace ipa::importer
