// Evidence items of enforcement cases (issue 5 item 5): uploads stored content-addressed under
// the data directory, each with its capture record; chain-of-custody steps; both recorded as
// leaves of the evidence log, durably, before the call returns; receipts and the case dossier's
// contents. Who: the owning office uploads and adds custody steps; whoever has full read access
// to the case (owner, offices granted access, former owners, admins, party members) reads.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enforcement_case.hpp"
#include "evidence/receipt.hpp"
#include "service/actor.hpp"
#include "service/case_service.hpp"
#include "service/evidence_log.hpp"
#include "service/evidence_log_fsck.hpp"
#include "store/database.hpp"
#include "store/evidence_item_repo.hpp"

namespace ipa::service {

struct EvidenceItemsOptions {
  std::string data_dir;              // files go to <data_dir>/evidence/sha256/...
  uint64_t max_bytes = 64ull << 20;  // largest file accepted
};

// What an upload carries. Absent capture fields take their defaults (captured_at: now,
// captured_by: the uploader's "display name (login)").
struct EvidenceUpload {
  std::string file_name;
  std::string media_type;  // lower-cased; "" = application/octet-stream
  std::string_view data;  // the file's bytes; must outlive the Upload call (e.g. the mapped request body)
  std::optional<std::string> captured_at, captured_by, place, method, tool, notes;
};

struct CustodyInput {
  std::string step;
  std::string place, notes;
};

struct EvidenceItemView {
  store::EvidenceItemRow item;
  std::string case_number;
  std::vector<store::CustodyStepRow> custody;
};

// Everything a case dossier holds, gathered in one read.
struct DossierContent {
  CaseView view;
  std::vector<EvidenceItemView> items;
  std::map<int64_t, evidence::Receipt> receipts;  // by item id: only items a checkpoint covers
  std::optional<PublishedCheckpoint> checkpoint;
  std::map<std::string, evidence::PublicKey> public_keys;
};

class EvidenceItems {
 public:
  EvidenceItems(store::Database& db, EvidenceLog& log, EvidenceItemsOptions options);

  // Stores the file, inserts the item and appends its `evidence` leaf durably. kPermissionDenied
  // unless the actor's office owns the case; kPayloadTooLarge over max_bytes (nothing stored);
  // kInvalidArgument naming the field (file, captured_at, place, ...); kNotFound for no case.
  core::Result<EvidenceItemView> Upload(const Actor& actor, core::CaseId case_id, EvidenceUpload upload);
  // The case's items with their custody steps; full read access.
  core::Result<std::vector<EvidenceItemView>> List(const Actor& actor, core::CaseId case_id);
  // One item; kNotFound when absent, kPermissionDenied without full read access to its case.
  core::Result<EvidenceItemView> Get(const Actor& actor, int64_t id);
  // The stored bytes of an item (after Get's checks); kNotFound when the file is missing.
  core::Result<std::string> FileBytes(const EvidenceItemView& view) const;
  // Adds a custody step (owning office) and appends its `custody` leaf durably.
  core::Result<store::CustodyStepRow> AddCustody(const Actor& actor, int64_t id, CustodyInput input);
  // The item's receipt; kUnavailable (retry_after_s set) when no co-signed checkpoint covers
  // its leaf within `wait`.
  core::Result<evidence::Receipt> Receipt(const Actor& actor, int64_t id, std::chrono::milliseconds wait);
  // The dossier's contents (full read access to the case).
  core::Result<DossierContent> Dossier(const Actor& actor, core::CaseId case_id);

  // Appends the leaves of items and custody steps inserted but not logged (a crash between the
  // insert and the append), reusing a leaf already in the log. Returns how many were recorded.
  // Call at start, before serving.
  core::Result<size_t> RecoverUnlogged();

  uint64_t max_bytes() const { return options_.max_bytes; }
  std::string FilesRoot() const { return options_.data_dir + "/evidence"; }

 private:
  core::Result<std::pair<core::EnforcementCase, CaseAccess>> ReadableCase(store::Tx& tx, const Actor& actor,
                                                                          core::CaseId id);
  core::Result<EvidenceItemView> ViewOf(store::Tx& tx, store::EvidenceItemRow item, const std::string& number);

  store::Database& db_;
  EvidenceLog& log_;
  EvidenceItemsOptions options_;
};

// Every stored evidence file (one per evidence_items row) for `ipalliance fsck`.
core::Result<std::vector<StoredEvidenceFile>> ListStoredEvidenceFiles(store::Database& db,
                                                                     const std::string& data_dir);

}  // namespace ipa::service
