// Coordinated enforcement cases (C7): registration in the shared register, who sees what,
// updates and workflow steps, related cases across offices, links, join requests and
// transfers between offices. Every change writes the case history, the audit log and the
// change log in one transaction; transfer steps also write a case event (the evidence-log
// outbox, store::ListUnloggedCaseEvents).
//
// Who sees what: the owning office writes; offices granted access (joined, linked, former
// owners) and admins read everything; other offices read the summary (number, type, owner,
// status, respondent name, patents, dates); members, agencies and experts read the cases
// where their organisation is complainant or respondent and nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/enforcement_case.hpp"
#include "core/legal_status.hpp"
#include "service/actor.hpp"
#include "service/page.hpp"
#include "store/case_repo.hpp"
#include "store/database.hpp"

namespace ipa::service {

enum class CaseAccess { kNone, kSummary, kFull, kWrite };

// A patent of a case with its legal status today (nullopt when it is not in the corpus).
struct CasePatentView {
  std::string application_number;
  bool in_corpus = false;
  std::string title;
  std::optional<core::LegalStatus> status;
  bool not_in_force = false;  // lapsed, expired, invalidated, surrendered, ... : flagged
};

// A case as one actor may see it. With kSummary access the parties' details (except the
// respondent's name), places, description and assignees are cleared.
struct CaseView {
  core::EnforcementCase c;
  CaseAccess access = CaseAccess::kSummary;
  std::vector<CasePatentView> patents;
  bool patent_flag = false;  // some patent is not in force today
  std::optional<core::CaseDeadline> deadline;
  std::vector<std::pair<core::Office, std::string>> shared_with;  // full only
  std::vector<core::CaseId> linked;                                // full only
  std::optional<store::CaseTransfer> pending_transfer;             // full only
};

struct RelatedCase {
  CaseView view;
  std::vector<std::string> reasons;  // "same_respondent_credit_code", "same_respondent_name",
                                     // "same_patent", "overlapping_period"
  bool linked = false;
};

struct CaseRegistration {
  CaseView view;
  std::vector<RelatedCase> related;  // offered for linking
};

// The fields a PATCH may carry; absent fields stay as they are.
struct CasePatch {
  int64_t version = 0;  // from If-Match
  std::optional<core::CaseType> type;
  std::optional<core::CaseParty> complainant, respondent;
  std::optional<std::vector<std::string>> patents;
  std::optional<std::vector<core::CasePlace>> places;
  std::optional<std::string> description;
  std::optional<std::optional<core::Date>> period_from, period_to;
  std::optional<std::vector<core::UserId>> assignees;
};

// Office users register in their own office (number allocated there), admins nowhere.
// Party organisations must exist (their name and credit code are taken from the registry);
// assignees must be office users of the owning office. Returns the case and related cases in
// other offices. kPermissionDenied, kInvalidArgument naming the field.
core::Result<CaseRegistration> RegisterCase(store::Database& db, const Actor& actor,
                                            core::EnforcementCase draft);

// kNotFound when absent; kPermissionDenied when the actor may not see it at all.
core::Result<CaseView> GetCase(store::Database& db, const Actor& actor, core::CaseId id);

// Cases the actor may see, each at its access level. `filter.party_org` is forced for members.
core::Result<Page<CaseView>> ListCases(store::Database& db, const Actor& actor, store::CaseFilter filter,
                                       const std::string& cursor, int limit);

// The owning office only. kPreconditionFailed when `patch.version` is stale.
core::Result<CaseView> UpdateCase(store::Database& db, const Actor& actor, core::CaseId id,
                                  const CasePatch& patch);

// A workflow step of core::kCaseTransitions by the owning office. kInvalidArgument (field
// "to") for a step the table does not allow.
core::Result<CaseView> TransitionCase(store::Database& db, const Actor& actor, core::CaseId id,
                                      core::CaseStatus to, const std::string& note);

// The case history, oldest first; for actors with full access.
core::Result<std::vector<store::CaseHistoryEntry>> CaseHistory(store::Database& db, const Actor& actor,
                                                               core::CaseId id);

// Cases of other offices with the same respondent or a shared patent; offices and admins.
core::Result<std::vector<RelatedCase>> RelatedCases(store::Database& db, const Actor& actor,
                                                    core::CaseId id);

// The owning office of `id` links it to `other` (another office's case); both owners get read
// access to both cases. kAlreadyExists when linked already.
core::Result<std::vector<core::CaseId>> LinkCases(store::Database& db, const Actor& actor,
                                                  core::CaseId id, core::CaseId other,
                                                  const std::string& note);

// An office that does not own the case asks to join it; the owner accepts or rejects.
core::Result<store::JoinRequest> RequestJoin(store::Database& db, const Actor& actor, core::CaseId id,
                                             const std::string& note);
core::Result<store::JoinRequest> DecideJoin(store::Database& db, const Actor& actor, core::CaseId id,
                                            int64_t request_id, bool accept);
core::Result<std::vector<store::JoinRequest>> ListJoinRequests(store::Database& db, const Actor& actor,
                                                               core::CaseId id);

// The owning office asks `to` to take the case over. kConflict when a transfer is pending.
core::Result<store::CaseTransfer> RequestTransfer(store::Database& db, const Actor& actor,
                                                  core::CaseId id, core::Office to,
                                                  core::TransferReason reason,
                                                  const std::string& reason_text);
// The receiving office accepts (it becomes the only owner, in the same transaction) or
// rejects; the requesting office, while still the owner, may cancel. Of concurrent deciders
// exactly one succeeds; the others get kConflict.
enum class TransferDecision { kAccept, kReject, kCancel };
core::Result<store::CaseTransfer> DecideTransfer(store::Database& db, const Actor& actor,
                                                 core::CaseId id, int64_t transfer_id,
                                                 TransferDecision decision, const std::string& note);
core::Result<std::vector<store::CaseTransfer>> ListTransfers(store::Database& db, const Actor& actor,
                                                             core::CaseId id);

// The case's evidence-log events (transfer steps) with their canonical leaf bytes and, once
// the lead's drain has appended them to the log, their leaf index. Full access only.
core::Result<std::vector<store::CaseEventRow>> CaseEvents(store::Database& db, const Actor& actor,
                                                          core::CaseId id);

// Per-office deadline rules: offices and admins read; admins and the office itself change.
core::Result<core::CaseDeadlineRules> GetDeadlineRules(store::Database& db, const Actor& actor,
                                                       core::Office office);
core::Result<core::CaseDeadlineRules> SetDeadlineRules(store::Database& db, const Actor& actor,
                                                       core::Office office,
                                                       const core::CaseDeadlineRules& rules);

}  // namespace ipa::service
