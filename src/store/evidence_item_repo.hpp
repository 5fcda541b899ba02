// Evidence items in the store: the uploaded files' capture records (`evidence_items`), their
// chain-of-custody steps (`evidence_custody`), each with its canonical leaf and, once appended,
// its index in the evidence log; and the lookup of a logged leaf by its hash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enforcement_case.hpp"
#include "store/database.hpp"

namespace ipa::store {

struct EvidenceItemRow {
  int64_t id = 0;
  core::CaseId case_id;
  int64_t serial = 0;       // 1, 2, ... within the case
  std::string evidence_id;  // "<case number>-E<serial>"
  std::string office;       // office that recorded it
  std::string file_name;
  std::string media_type;
  int64_t size = 0;
  std::string sha256;  // lower-case hex
  std::string captured_by, captured_at, place, method, tool, notes;
  std::string recorded_at;  // ISO time of the leaf
  std::string recorded_by;  // uploader's login
  std::string leaf;         // canonical leaf bytes
  std::optional<int64_t> leaf_index;
  int64_t created_at = 0;
};

struct CustodyStepRow {
  int64_t id = 0;
  int64_t item_id = 0;
  std::string step;
  std::string office;
  std::string performed_by, performed_at, place, notes;
  std::string leaf;
  std::optional<int64_t> leaf_index;
  int64_t created_at = 0;
};

// The next serial of an evidence item in `case_id` (1 + the highest so far). Call with the case
// row locked (store::LockCase) so concurrent uploads do not take the same serial.
Result<int64_t> NextEvidenceSerial(Tx& tx, core::CaseId case_id);
// Inserts the item (leaf_index as given, normally NULL); returns its id. kAlreadyExists when the
// evidence id is taken.
Result<int64_t> InsertEvidenceItem(Tx& tx, const EvidenceItemRow& row);
// kNotFound when absent.
Result<EvidenceItemRow> GetEvidenceItem(Tx& tx, int64_t id);
// The case's items, ascending by id.
Result<std::vector<EvidenceItemRow>> ListEvidenceItems(Tx& tx, core::CaseId case_id);
// Every item, ascending by id, at most `limit` after `after_id` (fsck walks them in pages).
Result<std::vector<EvidenceItemRow>> ListAllEvidenceItems(Tx& tx, int64_t after_id, int limit);
// Records the item's leaf index. kConflict when it already has one.
Status SetEvidenceItemLeafIndex(Tx& tx, int64_t id, int64_t leaf_index);

Result<int64_t> InsertCustodyStep(Tx& tx, const CustodyStepRow& row);
Result<std::vector<CustodyStepRow>> ListCustodySteps(Tx& tx, int64_t item_id);
// kConflict when the step already has an index.
Status SetCustodyLeafIndex(Tx& tx, int64_t id, int64_t leaf_index);

// Items and custody steps whose leaf is not logged yet (crash between insert and append),
// oldest first, at most `limit` each.
Result<std::vector<EvidenceItemRow>> ListUnloggedEvidenceItems(Tx& tx, int limit);
Result<std::vector<CustodyStepRow>> ListUnloggedCustodySteps(Tx& tx, int limit);

// The index of a logged leaf whose hash (lower-case hex of SHA-256(0x00 || leaf)) is
// `leaf_hash` and whose bytes are `leaf`; nullopt when none is logged.
Result<std::optional<int64_t>> FindLoggedLeaf(Tx& tx, const std::string& leaf_hash, const std::string& leaf);

}  // namespace ipa::store
