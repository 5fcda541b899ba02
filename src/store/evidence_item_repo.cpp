#include "store/evidence_item_repo.hpp"

namespace ipa::store {
namespace {

constexpr std::string_view kItemColumns =
    "SELECT id, case_id, serial, evidence_id, office, file_name, media_type, size, sha256, "
    "captured_by, captured_at, place, method, tool, notes, recorded_at, recorded_by, leaf, "
    "leaf_index, created_at FROM evidence_items ";
constexpr std::string_view kInsertItem =
    "INSERT INTO evidence_items (case_id, serial, evidence_id, office, file_name, media_type, size, "
    "sha256, captured_by, captured_at, place, method, tool, notes, recorded_at, recorded_by, leaf, "
    "leaf_index, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
    "$15, $16, $17, NULL, $18) RETURNING id";
constexpr std::string_view kNextSerial =
    "SELECT COALESCE(MAX(serial), 0) + 1 FROM evidence_items WHERE case_id = $1";
constexpr std::string_view kSetItemIndex =
    "UPDATE evidence_items SET leaf_index = $1 WHERE id = $2 AND leaf_index IS NULL";
constexpr std::string_view kCustodyColumns =
    "SELECT id, item_id, step, office, performed_by, performed_at, place, notes, leaf, leaf_index, "
    "created_at FROM evidence_custody ";
constexpr std::string_view kInsertCustody =
    "INSERT INTO evidence_custody (item_id, step, office, performed_by, performed_at, place, notes, "
    "leaf, leaf_index, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9) RETURNING id";
constexpr std::string_view kSetCustodyIndex =
    "UPDATE evidence_custody SET leaf_index = $1 WHERE id = $2 AND leaf_index IS NULL";
constexpr std::string_view kFindLeaf =
    "SELECT leaf_index, leaf FROM evidence_leaves WHERE leaf_hash = $1 ORDER BY leaf_index";

EvidenceItemRow ItemFromRow(const Row& r) {
  EvidenceItemRow e;
  e.id = r.Int(0);
  e.case_id = core::CaseId{r.Int(1)};
  e.serial = r.Int(2);
  e.evidence_id = r.Text(3);
  e.office = r.Text(4);
  e.file_name = r.Text(5);
  e.media_type = r.Text(6);
  e.size = r.Int(7);
  e.sha256 = r.Text(8);
  e.captured_by = r.Text(9);
  e.captured_at = r.Text(10);
  e.place = r.Text(11);
  e.method = r.Text(12);
  e.tool = r.Text(13);
  e.notes = r.Text(14);
  e.recorded_at = r.Text(15);
  e.recorded_by = r.Text(16);
  e.leaf = r.Text(17);
  e.leaf_index = r.OptInt(18);
  e.created_at = r.Int(19);
  return e;
}

CustodyStepRow CustodyFromRow(const Row& r) {
  return {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
          r.Text(6), r.Text(7), r.Text(8), r.OptInt(9), r.Int(10)};
}

Result<std::vector<EvidenceItemRow>> Items(Tx& tx, const std::string& where, std::initializer_list<Value> params) {
  IPA_TRY(rows, tx.Query(std::string(kItemColumns) + where, params));
  std::vector<EvidenceItemRow> out;
  for (const Row& r : rows) out.push_back(ItemFromRow(r));
  return out;
}

Result<std::vector<CustodyStepRow>> Steps(Tx& tx, const std::string& where, std::initializer_list<Value> params) {
  IPA_TRY(rows, tx.Query(std::string(kCustodyColumns) + where, params));
  std::vector<CustodyStepRow> out;
  for (const Row& r : rows) out.push_back(CustodyFromRow(r));
  return out;
}

Status SetIndex(Tx& tx, std::string_view sql, int64_t id, int64_t leaf_index, const char* what) {
  IPA_TRY(n, tx.Exec(sql, {leaf_index, id}));
  if (n != 1) return core::Fail(core::ErrorCode::kConflict, std::string(what) + " already has a leaf index or is gone");
  return {};
}

}  // namespace

Result<int64_t> NextEvidenceSerial(Tx& tx, core::CaseId case_id) {
  IPA_TRY(row, tx.QueryOne(kNextSerial, {case_id.value}));
  return row.Int(0);
}

Result<int64_t> InsertEvidenceItem(Tx& tx, const EvidenceItemRow& e) {
  IPA_TRY(row, tx.QueryOne(kInsertItem, {e.case_id.value, e.serial, e.evidence_id, e.office, e.file_name,
                                         e.media_type, e.size, e.sha256, e.captured_by, e.captured_at, e.place,
                                         e.method, e.tool, e.notes, e.recorded_at, e.recorded_by, e.leaf,
                                         e.created_at}));
  return row.Int(0);
}

Result<EvidenceItemRow> GetEvidenceItem(Tx& tx, int64_t id) {
  IPA_TRY(items, Items(tx, "WHERE id = $1", {id}));
  if (items.empty()) return core::Fail(core::ErrorCode::kNotFound, "no evidence item " + std::to_string(id));
  return std::move(items.front());
}

Result<std::vector<EvidenceItemRow>> ListEvidenceItems(Tx& tx, core::CaseId case_id) {
  return Items(tx, "WHERE case_id = $1 ORDER BY id", {case_id.value});
}

Result<std::vector<EvidenceItemRow>> ListAllEvidenceItems(Tx& tx, int64_t after_id, int limit) {
  return Items(tx, "WHERE id > $1 ORDER BY id LIMIT $2", {after_id, int64_t{limit}});
}

Status SetEvidenceItemLeafIndex(Tx& tx, int64_t id, int64_t leaf_index) {
  return SetIndex(tx, kSetItemIndex, id, leaf_index, "evidence item");
}

Result<int64_t> InsertCustodyStep(Tx& tx, const CustodyStepRow& s) {
  IPA_TRY(row, tx.QueryOne(kInsertCustody, {s.item_id, s.step, s.office, s.performed_by, s.performed_at, s.place,
                                            s.notes, s.leaf, s.created_at}));
  return row.Int(0);
}

Result<std::vector<CustodyStepRow>> ListCustodySteps(Tx& tx, int64_t item_id) {
  return Steps(tx, "WHERE item_id = $1 ORDER BY id", {item_id});
}

Status SetCustodyLeafIndex(Tx& tx, int64_t id, int64_t leaf_index) {
  return SetIndex(tx, kSetCustodyIndex, id, leaf_index, "custody step");
}

Result<std::vector<EvidenceItemRow>> ListUnloggedEvidenceItems(Tx& tx, int limit) {
  return Items(tx, "WHERE leaf_index IS NULL ORDER BY id LIMIT $1", {int64_t{limit}});
}

Result<std::vector<CustodyStepRow>> ListUnloggedCustodySteps(Tx& tx, int limit) {
  return Steps(tx, "WHERE leaf_index IS NULL ORDER BY id LIMIT $1", {int64_t{limit}});
}

Result<std::optional<int64_t>> FindLoggedLeaf(Tx& tx, const std::string& leaf_hash, const std::string& leaf) {
  IPA_TRY(rows, tx.Query(kFindLeaf, {leaf_hash}));
  for (const Row& r : rows) {
    if (r.Text(1) == leaf) return std::optional<int64_t>(r.Int(0));
  }
  return std::optional<int64_t>();
}

}  // namespace ipa::store
