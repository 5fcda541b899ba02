// What the importers yield: a patent, a legal event or a rejected record, each with where it
// came from, and the streaming RecordReader interface every input format implements.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "core/patent.hpp"

namespace ipa::importer {

// `line` is the 1-based line where the record starts (0 when unknown); `record` the 1-based
// record number in the file (data rows for CSV, lines for JSON Lines, documents for XML).
struct Location {
  std::string file;
  int64_t line = 0;
  int64_t record = 0;
};

// A record that was not imported. `field` names the column or JSON/XML field at fault ("" when
// the record as a whole is bad); `reason` says why, in words an office clerk can act on.
struct Rejection {
  Location where;
  std::string field;
  std::string reason;
};

// One row of the legal-events CSV: an event for an existing patent.
struct EventRecord {
  std::string application_number;
  core::LegalEvent event;
};

struct ImportItem {
  Location where;
  std::variant<core::Patent, EventRecord, Rejection> value;
};

// An item carrying a Rejection at `where`.
inline ImportItem MakeRejection(Location where, std::string field, std::string reason) {
  Rejection r{where, std::move(field), std::move(reason)};
  return ImportItem{std::move(where), std::move(r)};
}

enum class Format { kCnCsv, kJsonl, kUsptoXml, kEventsCsv };

// "cn-csv" | "jsonl" | "uspto-xml" | "events-csv"; kInvalidArgument (field "format") otherwise.
core::Result<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format format);

inline constexpr size_t kDefaultMaxRecordBytes = size_t{16} << 20;

struct ReaderOptions {
  // A record (CSV row, JSON line, XML document) longer than this is rejected without being
  // held in memory; memory use stays within a small multiple of it.
  size_t max_record_bytes = kDefaultMaxRecordBytes;
};

// Reads one file record by record with bounded memory. Not thread-safe; one reader per thread.
class RecordReader {
 public:
  virtual ~RecordReader();
  // The next record or rejection; nullopt at the end. An error only for a fatal I/O failure.
  virtual core::Result<std::optional<ImportItem>> Next() = 0;
  // Fraction of the input's bytes consumed, 0..1 (0 when the size is unknown).
  virtual double Progress() const = 0;
  // Notes for the import report, e.g. the detected encoding and columns that were ignored.
  virtual std::vector<std::string> Warnings() const;
};

// Opens `path` for reading in `format`. kNotFound when the file cannot be opened.
core::Result<std::unique_ptr<RecordReader>> OpenReader(Format format, const std::string& path,
                                                       const ReaderOptions& options = {});

// A reader over an in-memory buffer (uploads, tests, fuzzing); `name` goes into Location.file.
std::unique_ptr<RecordReader> ReaderFromString(Format format, std::string data, std::string name,
                                               const ReaderOptions& options = {});

}  // namespace ipa::importer
