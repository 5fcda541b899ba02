// `ipalliance fsck` for the evidence log: recomputes the Merkle tree from the stored leaves and
// checks it against every stored checkpoint, their signatures and the embedded witnesses'
// state, reporting each problem with the leaf or checkpoint it concerns.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "evidence/note_key.hpp"
#include "store/database.hpp"

namespace ipa::service {

struct FsckProblem {
  std::string where;  // "leaf 12", "checkpoint 40", "witness TJ", "file ev-3"
  std::string what;
};

struct FsckReport {
  uint64_t leaves = 0;
  uint64_t checkpoints = 0;
  uint64_t files = 0;
  std::vector<FsckProblem> problems;
  bool ok() const { return problems.empty(); }
};

// Checks the evidence log in `db`: leaf indexes contiguous from 0, every leaf canonical
// (DecodeLeaf) and equal to its stored hash; every checkpoint a well-formed signed note whose
// size and root are its row's, signed (and verified) by every key of `keys`, and whose root is
// the recomputed root of that many leaves (so all checkpoints are consistent with each other);
// each embedded witness state in `key_dir` ("" = skip) a prefix of the tree. Problems go into
// the report; only a database failure is an error.
core::Result<FsckReport> FsckEvidenceLog(store::Database& db,
                                         const std::vector<evidence::VerifierKey>& keys,
                                         const std::string& key_dir);

// One stored evidence file as the cases layer lists it (its `evidence_items` rows): fsck
// re-hashes the file and compares it with the SHA-256 and size its leaf recorded.
struct StoredEvidenceFile {
  std::string label;   // e.g. the evidence id, used in problem reports
  std::string path;    // the content-addressed file under the data directory
  std::string sha256;  // lower-case hex, as in the leaf
  uint64_t size = 0;
};

// The hook for evidence files: re-hashes each of `files` (streaming, bounded memory) and adds
// a problem for a missing or unreadable file, another size or another SHA-256; counts them in
// report.files. `ipalliance fsck` calls it with the list from the evidence_items table once that
// table exists (issue 5, cases); until then the list is empty.
void RehashEvidenceFiles(std::span<const StoredEvidenceFile> files, FsckReport& report);

}  // namespace ipa::service
