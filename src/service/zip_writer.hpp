// A minimal ZIP archive writer (PKWARE APPNOTE 6.3): stored (uncompressed) entries with CRC-32
// and the UTF-8 name flag, written in order through a sink, so an archive of large files is
// produced piece by piece. No ZIP64: entries and the archive stay under 4 GiB, 65,535 entries.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ipa::service {

// CRC-32 (IEEE 802.3, as zip and gzip use it) of `data`, continuing from `crc` (0 to start).
uint32_t Crc32(std::string_view data, uint32_t crc = 0);

class ZipWriter {
 public:
  // `sink` receives the archive's bytes in order; returning false stops the writer (every later
  // call fails with kUnavailable).
  explicit ZipWriter(std::function<bool(std::string_view)> sink);

  // Adds a file entry named `name` (UTF-8, '/'-separated, no leading '/'). kInvalidArgument for
  // an empty or non-UTF-8 name or past the size limits; kUnavailable when the sink stopped.
  core::Status Add(std::string_view name, std::string_view data, int64_t unix_ms);
  // Writes the central directory and end record. No Add after it.
  core::Status Finish();

 private:
  struct Entry {
    std::string name;
    uint32_t crc = 0;
    uint32_t size = 0;
    uint32_t offset = 0;
    uint16_t time = 0, date = 0;
  };
  // The fields the local header and the central directory record share, from "version needed"
  // to the name length.
  static void PutSharedFields(std::string& out, const Entry& e);
  core::Status Emit(std::string_view bytes);

  std::function<bool(std::string_view)> sink_;
  std::vector<Entry> entries_;
  uint64_t written_ = 0;
  bool stopped_ = false;
  bool finished_ = false;
};

}  // namespace ipa::service
