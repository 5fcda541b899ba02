// Splits a stream of concatenated XML documents (the USPTO weekly bulk style: each document
// begins with its own "<?xml ...?>" declaration) into single documents with bounded memory.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "importer/byte_source.hpp"

namespace ipa::importer {

struct XmlDocument {
  std::string_view text;  // the whole document; valid until the next call
  int64_t line = 0;       // 1-based line where it starts
  int64_t number = 0;     // 1-based document number in the stream
  bool too_long = false;  // longer than the maximum: skipped, `text` empty
};

class XmlSplitter {
 public:
  XmlSplitter(ByteSource source, size_t max_document_bytes);

  // The next document; false at the end. Text before the first declaration counts as a
  // document when it is not blank. An error only on a read failure.
  core::Result<bool> Next(XmlDocument& doc);
  double Progress() const { return source_.Progress(); }
  const std::string& name() const { return source_.name(); }

 private:
  // Offset of the next "<?xml" declaration at or after `from` in the unread bytes.
  size_t FindDeclaration(size_t from) const;
  core::Status SkipLeadingSpace();
  core::Status SkipToDeclaration();
  void Consume(size_t n);

  ByteSource source_;
  InputWindow window_;
  size_t max_;
  size_t pending_ = 0;
  int64_t line_ = 1;
  int64_t number_ = 0;
};

}  // namespace ipa::importer
