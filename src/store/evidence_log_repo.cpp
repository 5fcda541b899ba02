#include "store/evidence_log_repo.hpp"

namespace ipa::store {
namespace {

constexpr std::string_view kInsertLeaf =
    "INSERT INTO evidence_leaves (leaf_index, leaf, leaf_hash, recorded_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kCountLeaves = "SELECT COUNT(*) FROM evidence_leaves";
constexpr std::string_view kSelectLeaves =
    "SELECT leaf_index, leaf, leaf_hash, recorded_at FROM evidence_leaves "
    "WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index LIMIT $3";
constexpr std::string_view kSelectLeaf =
    "SELECT leaf_index, leaf, leaf_hash, recorded_at FROM evidence_leaves WHERE leaf_index = $1";
constexpr std::string_view kInsertCheckpoint =
    "INSERT INTO evidence_checkpoints (tree_size, root, note, created_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (tree_size) DO NOTHING";
constexpr std::string_view kCheckpointColumns = "SELECT tree_size, root, note, created_at FROM evidence_checkpoints";
constexpr int64_t kPage = 10000;

EvidenceLeafRow LeafFromRow(const Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Int(3)};
}

EvidenceCheckpointRow CheckpointFromRow(const Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Int(3)};
}

}  // namespace

Status InsertEvidenceLeaf(Tx& tx, const EvidenceLeafRow& row) {
  IPA_CHECK(tx.Exec(kInsertLeaf, {row.leaf_index, std::string_view(row.leaf),
                                  std::string_view(row.leaf_hash), row.recorded_at}));
  return {};
}

Result<int64_t> CountEvidenceLeaves(Tx& tx) {
  IPA_TRY(row, tx.QueryOne(kCountLeaves));
  return row.Int(0);
}

Status ForEachEvidenceLeaf(Tx& tx, int64_t from, int64_t to,
                           const std::function<Status(EvidenceLeafRow&&)>& fn) {
  int64_t next = from;
  while (next < to) {
    IPA_TRY(rows, tx.Query(kSelectLeaves, {next, to, kPage}));
    if (rows.empty()) break;
    for (const Row& r : rows) {
      EvidenceLeafRow leaf = LeafFromRow(r);
      next = leaf.leaf_index + 1;
      IPA_CHECK(fn(std::move(leaf)));
    }
    if (static_cast<int64_t>(rows.size()) < kPage) break;
  }
  return {};
}

Result<EvidenceLeafRow> GetEvidenceLeaf(Tx& tx, int64_t index) {
  IPA_TRY(row, tx.QueryOne(kSelectLeaf, {index}));
  return LeafFromRow(row);
}

Status InsertEvidenceCheckpoint(Tx& tx, const EvidenceCheckpointRow& row) {
  IPA_CHECK(tx.Exec(kInsertCheckpoint, {row.tree_size, std::string_view(row.root),
                                        std::string_view(row.note), row.created_at}));
  return {};
}

Result<std::optional<EvidenceCheckpointRow>> LatestEvidenceCheckpoint(Tx& tx) {
  IPA_TRY(rows, tx.Query(std::string(kCheckpointColumns) + " ORDER BY tree_size DESC LIMIT 1"));
  if (rows.empty()) return std::optional<EvidenceCheckpointRow>();
  return std::optional<EvidenceCheckpointRow>(CheckpointFromRow(rows.front()));
}

Result<std::vector<EvidenceCheckpointRow>> ListEvidenceCheckpoints(Tx& tx) {
  IPA_TRY(rows, tx.Query(std::string(kCheckpointColumns) + " ORDER BY tree_size"));
  std::vector<EvidenceCheckpointRow> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(CheckpointFromRow(r));
  return out;
}

}  // namespace ipa::store
