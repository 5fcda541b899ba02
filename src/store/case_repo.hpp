// Enforcement cases in the store: `cases` with their patents and assignees, and the tables
// of cooperation between offices (history, access grants, links, join requests, transfers,
// deadline settings) and the case-event outbox that feeds the evidence log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/enforcement_case.hpp"
#include "store/database.hpp"

namespace ipa::store {

using core::CaseId;

struct CaseFilter {
  std::optional<core::Office> owner;
  std::optional<core::CaseStatus> status;
  std::optional<core::CaseType> type;
  std::string respondent;  // a credit code, or a substring of the respondent's name key
  std::string query;       // SearchKey()-normalised substring of number, respondent name or code
  std::optional<core::OrgId> party_org;  // complainant or respondent is this organisation
};

// The next serial for `office` in `year` (1, 2, ...): one row per office and year, bumped in
// the caller's transaction, so serials are gapless when the transaction commits and never
// repeat under concurrent writers (the row is locked until commit).
Result<int64_t> NextCaseSerial(Tx& tx, core::Office office, int year);

// Inserts the case with its patents and assignees; returns its id. kAlreadyExists (number).
Result<CaseId> InsertCase(Tx& tx, const core::EnforcementCase& c);
// Locks the case row until the transaction ends (PostgreSQL: SELECT ... FOR UPDATE; SQLite
// serialises writers already), so checks made after it see the latest owner and version.
Status LockCase(Tx& tx, CaseId id);
// kNotFound when absent.
Result<core::EnforcementCase> GetCase(Tx& tx, CaseId id);
Result<CaseId> FindCaseByNumber(Tx& tx, const std::string& number);

// Writes every field of `c` (not the owner) if the stored version is `c.version` and the owner
// is still `c.owner`; returns the new version. kPreconditionFailed otherwise.
Result<int64_t> UpdateCase(Tx& tx, const core::EnforcementCase& c);

// Moves ownership from `from` to `to` if the case is still owned by `from` at `version`:
// one conditional UPDATE, so of two concurrent writers exactly one wins. Returns the new
// version; kConflict when the owner or version moved on.
Result<int64_t> ChangeCaseOwner(Tx& tx, CaseId id, core::Office from, core::Office to, int64_t version);

// Up to `limit` cases with id > after_id matching `filter`, ascending by id.
Result<std::vector<core::EnforcementCase>> ListCases(Tx& tx, const CaseFilter& filter,
                                                     int64_t after_id, int limit);

// Cases owned by another office than `c.owner` with the same respondent (credit code or name
// key) or a shared patent, at most `limit`.
Result<std::vector<core::EnforcementCase>> FindRelatedCandidates(Tx& tx, const core::EnforcementCase& c,
                                                                 int limit);

// --- history -------------------------------------------------------------------------------

struct CaseHistoryEntry {
  int64_t id = 0;
  int64_t at = 0;
  std::optional<int64_t> actor_id;
  std::string actor_login;
  std::string office;
  std::string action;  // "register", "update", "transition", "transfer_requested", ...
  std::string from_status, to_status;
  std::string note;
};
Status AppendCaseHistory(Tx& tx, CaseId id, const CaseHistoryEntry& e);
Result<std::vector<CaseHistoryEntry>> ListCaseHistory(Tx& tx, CaseId id);

// --- access of other offices (joined, linked) ---------------------------------------------

// Grants `office` full read access ("joined" or "linked"); a second grant keeps the first.
Status GrantCaseAccess(Tx& tx, CaseId id, core::Office office, const std::string& reason);
Result<std::vector<std::pair<core::Office, std::string>>> ListCaseAccess(Tx& tx, CaseId id);

// --- links ---------------------------------------------------------------------------------

// Links two cases (order irrelevant). kAlreadyExists when linked already.
Status InsertCaseLink(Tx& tx, CaseId a, CaseId b, core::Office office, const std::string& note);
Result<std::vector<CaseId>> ListLinkedCases(Tx& tx, CaseId id);

// --- join requests -------------------------------------------------------------------------

struct JoinRequest {
  int64_t id = 0;
  CaseId case_id;
  core::Office office = core::Office::kBeijing;
  std::string status;  // requested, accepted, rejected
  std::string note;
  int64_t requested_at = 0;
  std::optional<int64_t> decided_at;
};
// kAlreadyExists when the office has a pending request for the case.
Result<int64_t> InsertJoinRequest(Tx& tx, CaseId id, core::Office office, const std::string& note,
                                  int64_t requested_by);
Result<JoinRequest> GetJoinRequest(Tx& tx, int64_t request_id);
// Sets a pending request's status; kConflict when it is no longer pending.
Status DecideJoinRequest(Tx& tx, int64_t request_id, const std::string& status, int64_t decided_by);
Result<std::vector<JoinRequest>> ListJoinRequests(Tx& tx, CaseId id);

// --- transfers -----------------------------------------------------------------------------

struct CaseTransfer {
  int64_t id = 0;
  CaseId case_id;
  core::Office from = core::Office::kBeijing;
  core::Office to = core::Office::kBeijing;
  core::TransferReason reason = core::TransferReason::kOther;
  std::string reason_text;
  std::string status;  // requested, accepted, rejected, cancelled
  int64_t requested_at = 0;
  std::optional<int64_t> decided_at;
  std::string decision_note;
};
// kAlreadyExists when the case has a pending transfer.
Result<int64_t> InsertTransfer(Tx& tx, const CaseTransfer& t, int64_t requested_by);
Result<CaseTransfer> GetTransfer(Tx& tx, int64_t transfer_id);
// Sets a pending transfer's status; kConflict when it is no longer pending.
Status DecideTransfer(Tx& tx, int64_t transfer_id, const std::string& status, int64_t decided_by,
                      const std::string& note);
Result<std::vector<CaseTransfer>> ListTransfers(Tx& tx, CaseId id);

// --- the case-event outbox (drained into the evidence log) ----------------------------------

struct CaseEventRow {
  int64_t id = 0;
  CaseId case_id;
  std::string event;
  std::string leaf;  // canonical leaf bytes (evidence::EncodeLeaf)
  std::optional<int64_t> leaf_index;
  int64_t created_at = 0;
};
Result<int64_t> InsertCaseEvent(Tx& tx, CaseId id, const std::string& event, const std::string& leaf);
// Events not yet in the evidence log (leaf_index NULL), oldest first, at most `limit`.
Result<std::vector<CaseEventRow>> ListUnloggedCaseEvents(Tx& tx, int limit);
// Records where the event's leaf landed in the log. kConflict when it already has an index
// (an event enters the log once), kNotFound when there is no such event.
Status SetCaseEventLeafIndex(Tx& tx, int64_t event_id, int64_t leaf_index);
Result<std::vector<CaseEventRow>> ListCaseEvents(Tx& tx, CaseId id);

// --- per-office deadline settings ------------------------------------------------------------

Result<core::CaseDeadlineRules> GetCaseDeadlineRules(Tx& tx, core::Office office);
Status SetCaseDeadlineRules(Tx& tx, core::Office office, const core::CaseDeadlineRules& rules);

}  // namespace ipa::store
