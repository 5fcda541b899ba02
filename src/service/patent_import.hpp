// Importing patents and legal events from files: streaming, batched transactions, idempotent
// upsert by application number, a report of every rejected record, progress, dry runs.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "importer/record.hpp"
#include "service/actor.hpp"
#include "store/database.hpp"

namespace ipa::service {

struct ImportProgress {
  std::string file;
  double fraction = 0;  // of the current file, by bytes
  int64_t records = 0;  // read so far, all files
};

struct ImportOptions {
  importer::Format format = importer::Format::kJsonl;
  std::vector<std::string> files;
  bool dry_run = false;        // parse and validate, write nothing
  int batch_size = 20000;      // records per transaction, at most
  int max_transaction_ms = 1000;  // a transaction commits after this long, however few records
  std::string report_path;     // TSV of rejections (file, line, record, field, reason); "" = none
  std::function<void(const ImportProgress&)> on_progress;  // called about every 10,000 records
};

struct ImportSummary {
  int64_t imported = 0;      // new patents
  int64_t updated = 0;       // patents replaced by a newer record
  int64_t events_added = 0;  // events CSV rows applied
  int64_t rejected = 0;
  std::vector<importer::Rejection> rejections;  // the first 1,000, for the UI
  std::vector<std::string> warnings;            // e.g. detected encodings, unknown columns
};

// Admins and office staff may import (`system` for the CLI). A file that cannot be opened is an
// error before anything is written; bad records are rejected and reported, good ones kept.
core::Result<ImportSummary> ImportPatents(store::Database& db, const Actor& actor,
                                          const ImportOptions& options, bool system = false);

// "imported N, updated M, rejected K" (plus events when any).
std::string SummaryLine(const ImportSummary& s);

}  // namespace ipa::service
