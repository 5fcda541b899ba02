// The evidence log's rows: leaves (index, canonical bytes, leaf hash) and published checkpoints
// (the co-signed note of each tree size). The Merkle tree itself lives in memory
// (evidence::MerkleLog) and is rebuilt from these rows at start.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace ipa::store {

struct EvidenceLeafRow {
  int64_t leaf_index = 0;
  std::string leaf;       // canonical leaf bytes (UTF-8 text, docs/evidence-log-format.md)
  std::string leaf_hash;  // lower-case hex of SHA-256(0x00 || leaf)
  int64_t recorded_at = 0;  // Unix ms
};

struct EvidenceCheckpointRow {
  int64_t tree_size = 0;
  std::string root;  // lower-case hex
  std::string note;  // the signed-note text with every signature
  int64_t created_at = 0;
};

// Inserts one leaf. kAlreadyExists when the index is taken.
Status InsertEvidenceLeaf(Tx& tx, const EvidenceLeafRow& row);
// Number of leaf rows (the next index when the rows are contiguous).
Result<int64_t> CountEvidenceLeaves(Tx& tx);
// Calls `fn` for every leaf with leaf_index in [from, to), ascending, reading in pages of 10,000
// so memory stays bounded; stops at the first error `fn` returns.
Status ForEachEvidenceLeaf(Tx& tx, int64_t from, int64_t to,
                           const std::function<Status(EvidenceLeafRow&&)>& fn);
// The leaf at `index`; kNotFound when there is none.
Result<EvidenceLeafRow> GetEvidenceLeaf(Tx& tx, int64_t index);

// Inserts a checkpoint; an existing row for the same size is left as it is (idempotent).
Status InsertEvidenceCheckpoint(Tx& tx, const EvidenceCheckpointRow& row);
// The checkpoint with the largest tree size, if any.
Result<std::optional<EvidenceCheckpointRow>> LatestEvidenceCheckpoint(Tx& tx);
// Every checkpoint, ascending by size.
Result<std::vector<EvidenceCheckpointRow>> ListEvidenceCheckpoints(Tx& tx);

}  // namespace ipa::store
