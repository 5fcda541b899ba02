// Text encodings of CSV exports: UTF-8 with or without a byte-order mark, or GB18030/GBK
// (common in Chinese exports), detected from the first bytes of the file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "importer/byte_source.hpp"

namespace ipa::importer {

enum class Encoding { kUtf8, kUtf8Bom, kGb18030 };
std::string_view EncodingName(Encoding e);  // "UTF-8", "UTF-8 with BOM", "GB18030"

// Length of the longest prefix of `s` that does not end inside a UTF-8 sequence.
size_t CompleteUtf8Prefix(std::string_view s);

// Multi-byte UTF-8 sequences in `s`, and bytes that start no valid sequence.
struct Utf8Census {
  size_t multibyte = 0;
  size_t invalid = 0;
};
Utf8Census CountUtf8(std::string_view s);

// BOM → kUtf8Bom. Otherwise kUtf8 unless invalid bytes outnumber half the multi-byte UTF-8
// sequences: GBK text is almost never valid UTF-8, while a UTF-8 file with a few stray GBK rows
// stays UTF-8 so that those rows are rejected. A sequence cut at the end does not count.
Encoding DetectEncoding(std::string_view first_chunk);

// Converts GB18030 (a superset of GBK and GB2312) to UTF-8; undecodable bytes become U+FFFD.
class Gb18030Decoder {
 public:
  Gb18030Decoder();
  ~Gb18030Decoder();
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

  std::string Decode(std::string_view bytes);

 private:
  void* cd_;  // iconv_t
};

// A ByteSource whose encoding is detected from its first 64 KiB; a UTF-8 BOM is removed and
// all other bytes pass through unchanged. (CSV structure is ASCII in both encodings and GB18030
// never uses ASCII bytes inside a character, so fields are converted after splitting.)
class TextSource {
 public:
  static constexpr size_t kDetectBytes = 64 * 1024;

  explicit TextSource(ByteSource source) : source_(std::move(source)) {}

  // Up to `cap` bytes; 0 at the end. kUnavailable on a read error.
  core::Result<size_t> Read(char* dst, size_t cap);
  // Valid after the first Read.
  Encoding encoding() const { return encoding_; }
  double Progress() const { return source_.Progress(); }
  const std::string& name() const { return source_.name(); }
  uint64_t RemainingHint() const { return source_.RemainingHint() + (head_.size() - head_pos_); }

 private:
  core::Status Detect();

  ByteSource source_;
  Encoding encoding_ = Encoding::kUtf8;
  bool detected_ = false;
  std::string head_;  // the detection bytes not yet returned
  size_t head_pos_ = 0;
};

}  // namespace ipa::importer
