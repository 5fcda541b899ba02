// Shared body of the importer fuzz targets: arbitrary bytes as one file in a format, read to
// the end through the in-memory reader. Any crash, hang or escaped exception is a finding.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>

#include "importer/record.hpp"

namespace ipa::importer::fuzz {

// A small record limit so that the oversized-record paths are reached too.
inline constexpr size_t kFuzzMaxRecord = 64 * 1024;

// Drains a reader over `data`; calls `on_item` for each item. Aborts on a fatal error (an
// in-memory source never fails to read) or when the reader does not end.
inline void DrainBytes(Format format, const uint8_t* data, size_t size,
                       const std::function<void(const ImportItem&)>& on_item = {}) {
  auto reader = ReaderFromString(format, std::string(reinterpret_cast<const char*>(data), size),
                                 "fuzz", ReaderOptions{kFuzzMaxRecord});
  for (size_t i = 0; i <= size + 1; ++i) {
    auto item = reader->Next();
    if (!item) std::abort();
    if (!*item) {
      const double progress = reader->Progress();
      if (progress < 0 || progress > 1) std::abort();
      (void)reader->Warnings();
      return;
    }
    if (on_item) on_item(**item);
  }
  std::abort();  // more items than input bytes: the reader is not advancing
}

}  // namespace ipa::importer::fuzz
