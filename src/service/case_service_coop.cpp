// Cooperation between offices: related cases, links, join requests and transfers.
#include <algorithm>

#include "core/time.hpp"
#include "evidence/leaf.hpp"
#include "service/case_service.hpp"
#include "service/case_service_internal.hpp"

namespace ipa::service {
namespace case_internal {

core::Result<std::vector<RelatedCase>> FindRelated(store::Tx& tx, const Actor& actor,
                                                   const core::EnforcementCase& c) {
  IPA_TRY(candidates, store::FindRelatedCandidates(tx, c, 50));
  IPA_TRY(linked, store::ListLinkedCases(tx, c.id));
  std::vector<RelatedCase> out;
  for (auto& other : candidates) {
    RelatedCase r;
    if (!c.respondent.credit_code.empty() && other.respondent.credit_code == c.respondent.credit_code) {
      r.reasons.push_back("same_respondent_credit_code");
    }
    if (other.respondent.name_key == c.respondent.name_key) r.reasons.push_back("same_respondent_name");
    for (const auto& p : c.patents) {
      if (std::find(other.patents.begin(), other.patents.end(), p) != other.patents.end()) {
        r.reasons.push_back("same_patent");
        break;
      }
    }
    if (core::PeriodsOverlap(c.period_from, c.period_to, other.period_from, other.period_to)) {
      r.reasons.push_back("overlapping_period");
    }
    r.linked = std::find(linked.begin(), linked.end(), other.id) != linked.end();
    IPA_TRY(access, AccessTo(tx, actor, other));
    if (access == CaseAccess::kNone) continue;
    IPA_TRY(view, BuildView(tx, std::move(other), access));
    r.view = std::move(view);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace case_internal

namespace {

using namespace case_internal;
using core::ErrorCode;
using core::Fail;

core::Status CheckNote(const std::string& text, const std::string& field) {
  if (text.size() > 4000) return Fail(ErrorCode::kInvalidArgument, field + ": at most 4000 bytes", field);
  return {};
}

int64_t ActorId(const Actor& actor) { return actor.user ? actor.user->id.value : 0; }

// Writes a transfer step to the case-event outbox as canonical evidence-log leaf bytes.
core::Status RecordCaseEvent(store::Tx& tx, const Actor& actor, const core::EnforcementCase& c,
                             const std::string& event, const store::CaseTransfer& t, const std::string& note) {
  const std::string now = core::FormatIsoTime(core::NowMs());
  evidence::EvidenceRecord r;
  r.kind = evidence::LeafKind::kCaseEvent;
  r.office = ActorOffice(actor);
  r.case_id = c.number;
  r.captured_by = actor.login();
  r.captured_at = now;
  r.event = event;
  r.notes = "transfer " + std::to_string(t.id) + " from " + OfficeText(t.from) + " to " + OfficeText(t.to) +
            "; reason " + std::string(core::TransferReasonName(t.reason));
  if (!t.reason_text.empty()) r.notes += ": " + t.reason_text;
  if (!note.empty()) r.notes += "; note: " + note;
  r.recorded_at = now;
  IPA_TRY(leaf, evidence::EncodeLeaf(r));
  IPA_CHECK(store::InsertCaseEvent(tx, c.id, event, leaf));
  return {};
}

core::Result<core::EnforcementCase> LoadReadable(store::Tx& tx, const Actor& actor, core::CaseId id,
                                                 CaseAccess needed) {
  IPA_CHECK(RequireUser(actor));
  IPA_TRY(c, store::GetCase(tx, id));
  IPA_TRY(access, AccessTo(tx, actor, c));
  if (access < needed) {
    return Fail(ErrorCode::kPermissionDenied, "case " + c.number + " is not shared with your office");
  }
  return c;
}

}  // namespace

core::Result<std::vector<RelatedCase>> RelatedCases(store::Database& db, const Actor& actor, core::CaseId id) {
  using Out = std::vector<RelatedCase>;
  return store::ReadValue<Out>(db, [&](store::Tx& tx) -> core::Result<Out> {
    IPA_TRY(c, LoadReadable(tx, actor, id, CaseAccess::kFull));
    if (!actor.IsAdmin() && !actor.office()) {
      return Fail(ErrorCode::kPermissionDenied, "related cases are for offices and admins");
    }
    return FindRelated(tx, actor, c);
  });
}

core::Result<std::vector<core::CaseId>> LinkCases(store::Database& db, const Actor& actor, core::CaseId id,
                                                  core::CaseId other, const std::string& note) {
  IPA_CHECK(CheckNote(note, "note"));
  using Out = std::vector<core::CaseId>;
  return store::WriteValue<Out>(db, [&](store::Tx& tx) -> core::Result<Out> {
    IPA_TRY(c, LoadForWrite(tx, actor, id));
    auto o = store::GetCase(tx, other);
    if (!o && o.error().code == ErrorCode::kNotFound) {
      return Fail(ErrorCode::kInvalidArgument, "case_id: no such case", "case_id");
    }
    if (!o) return std::unexpected(o.error());
    if (o->id == c.id) return Fail(ErrorCode::kInvalidArgument, "case_id: a case is not linked to itself", "case_id");
    IPA_CHECK(store::InsertCaseLink(tx, c.id, o->id, c.owner, note));
    if (o->owner != c.owner) {
      IPA_CHECK(store::GrantCaseAccess(tx, c.id, o->owner, "linked"));
      IPA_CHECK(store::GrantCaseAccess(tx, o->id, c.owner, "linked"));
    }
    IPA_CHECK(Record(tx, actor, c, "link", "", "", "linked to " + o->number + (note.empty() ? "" : ": " + note)));
    IPA_CHECK(store::AppendCaseHistory(tx, o->id, {0, 0, ActorId(actor), actor.login(), ActorOffice(actor),
                                                   "link", "", "", "linked to " + c.number}));
    return store::ListLinkedCases(tx, c.id);
  });
}

core::Result<store::JoinRequest> RequestJoin(store::Database& db, const Actor& actor, core::CaseId id,
                                             const std::string& note) {
  IPA_CHECK(CheckNote(note, "note"));
  IPA_CHECK(RequireUser(actor));
  if (!actor.office()) return Fail(ErrorCode::kPermissionDenied, "only offices join cases");
  return store::WriteValue<store::JoinRequest>(db, [&](store::Tx& tx) -> core::Result<store::JoinRequest> {
    IPA_TRY(c, store::GetCase(tx, id));
    IPA_TRY(access, AccessTo(tx, actor, c));
    if (access != CaseAccess::kSummary) {
      return Fail(ErrorCode::kConflict, "your office already has access to case " + c.number);
    }
    IPA_TRY(rid, store::InsertJoinRequest(tx, id, *actor.office(), note, ActorId(actor)));
    IPA_CHECK(Record(tx, actor, c, "join_requested", "", "", note));
    return store::GetJoinRequest(tx, rid);
  });
}

core::Result<store::JoinRequest> DecideJoin(store::Database& db, const Actor& actor, core::CaseId id,
                                            int64_t request_id, bool accept) {
  return store::WriteValue<store::JoinRequest>(db, [&](store::Tx& tx) -> core::Result<store::JoinRequest> {
    IPA_TRY(c, LoadForWrite(tx, actor, id));
    IPA_TRY(req, store::GetJoinRequest(tx, request_id));
    if (req.case_id != c.id) return Fail(ErrorCode::kNotFound, "join request " + std::to_string(request_id) + " not found");
    IPA_CHECK(store::DecideJoinRequest(tx, request_id, accept ? "accepted" : "rejected", ActorId(actor)));
    if (accept) IPA_CHECK(store::GrantCaseAccess(tx, c.id, req.office, "joined"));
    IPA_CHECK(Record(tx, actor, c, accept ? "join_accepted" : "join_rejected", "", "", OfficeText(req.office)));
    return store::GetJoinRequest(tx, request_id);
  });
}

core::Result<std::vector<store::JoinRequest>> ListJoinRequests(store::Database& db, const Actor& actor,
                                                               core::CaseId id) {
  using Out = std::vector<store::JoinRequest>;
  return store::ReadValue<Out>(db, [&](store::Tx& tx) -> core::Result<Out> {
    IPA_TRY(c, LoadReadable(tx, actor, id, CaseAccess::kSummary));
    IPA_TRY(all, store::ListJoinRequests(tx, id));
    if (actor.IsAdmin() || actor.office() == c.owner) return all;
    Out own;  // another office sees its own requests only
    for (auto& r : all) {
      if (actor.office() == r.office) own.push_back(std::move(r));
    }
    return own;
  });
}

core::Result<store::CaseTransfer> RequestTransfer(store::Database& db, const Actor& actor, core::CaseId id,
                                                  core::Office to, core::TransferReason reason,
                                                  const std::string& reason_text) {
  IPA_CHECK(CheckNote(reason_text, "reason_text"));
  if (reason == core::TransferReason::kOther && reason_text.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "reason_text: required when the reason is other", "reason_text");
  }
  return store::WriteValue<store::CaseTransfer>(db, [&](store::Tx& tx) -> core::Result<store::CaseTransfer> {
    IPA_TRY(c, LoadForWrite(tx, actor, id));
    if (to == c.owner) return Fail(ErrorCode::kInvalidArgument, "to: the case is already yours", "to");
    if (c.status == core::CaseStatus::kClosed) return Fail(ErrorCode::kConflict, "case " + c.number + " is closed");
    store::CaseTransfer t;
    t.case_id = c.id;
    t.from = c.owner;
    t.to = to;
    t.reason = reason;
    t.reason_text = reason_text;
    IPA_TRY(tid, store::InsertTransfer(tx, t, ActorId(actor)));
    IPA_TRY(stored, store::GetTransfer(tx, tid));
    IPA_CHECK(RecordCaseEvent(tx, actor, c, "transfer_requested", stored, ""));
    IPA_CHECK(Record(tx, actor, c, "transfer_requested", "", "",
                     "to " + OfficeText(to) + " (" + std::string(core::TransferReasonName(reason)) + ")"));
    return stored;
  });
}

core::Result<store::CaseTransfer> DecideTransfer(store::Database& db, const Actor& actor, core::CaseId id,
                                                 int64_t transfer_id, TransferDecision decision,
                                                 const std::string& note) {
  IPA_CHECK(CheckNote(note, "note"));
  IPA_CHECK(RequireUser(actor));
  return store::WriteValue<store::CaseTransfer>(db, [&](store::Tx& tx) -> core::Result<store::CaseTransfer> {
    IPA_CHECK(store::LockCase(tx, id));
    IPA_TRY(c, store::GetCase(tx, id));
    IPA_TRY(t, store::GetTransfer(tx, transfer_id));
    if (t.case_id != c.id) return Fail(ErrorCode::kNotFound, "transfer " + std::to_string(transfer_id) + " not found");
    const core::Office needed = decision == TransferDecision::kCancel ? t.from : t.to;
    if (actor.office() != needed) {
      return Fail(ErrorCode::kPermissionDenied, "only office " + OfficeText(needed) + " decides this step of transfer " +
                                                    std::to_string(t.id));
    }
    if (t.status != "requested") return Fail(ErrorCode::kConflict, "the transfer was already " + t.status);
    if (c.owner != t.from) return Fail(ErrorCode::kConflict, "the case is no longer owned by " + OfficeText(t.from));
    std::string status = "cancelled", event = "transfer_cancelled";
    if (decision == TransferDecision::kAccept) status = "accepted", event = "transfer_accepted";
    if (decision == TransferDecision::kReject) status = "rejected", event = "transfer_rejected";
    IPA_CHECK(store::DecideTransfer(tx, t.id, status, ActorId(actor), note));
    if (decision == TransferDecision::kAccept) {
      IPA_CHECK(store::ChangeCaseOwner(tx, c.id, t.from, t.to, c.version));
      // The former owner keeps read access; its staff are no longer assignees.
      IPA_CHECK(store::GrantCaseAccess(tx, c.id, t.from, "transferred"));
      IPA_TRY(moved, store::GetCase(tx, c.id));
      moved.assignees.clear();
      IPA_CHECK(store::UpdateCase(tx, moved));
    }
    IPA_CHECK(RecordCaseEvent(tx, actor, c, event, t, note));
    IPA_CHECK(Record(tx, actor, c, event, "", "", OfficeText(t.from) + " -> " + OfficeText(t.to) +
                                                      (note.empty() ? "" : ": " + note)));
    return store::GetTransfer(tx, t.id);
  });
}

core::Result<std::vector<store::CaseTransfer>> ListTransfers(store::Database& db, const Actor& actor,
                                                             core::CaseId id) {
  using Out = std::vector<store::CaseTransfer>;
  return store::ReadValue<Out>(db, [&](store::Tx& tx) -> core::Result<Out> {
    IPA_TRY(c, LoadReadable(tx, actor, id, CaseAccess::kSummary));
    IPA_TRY(all, store::ListTransfers(tx, id));
    if (actor.IsAdmin() || actor.office() == c.owner) return all;
    Out seen;  // a transfer is the business of its two offices (and of those with full access)
    IPA_TRY(access, AccessTo(tx, actor, c));
    for (auto& t : all) {
      if (access >= CaseAccess::kFull || actor.office() == t.from || actor.office() == t.to) seen.push_back(std::move(t));
    }
    return seen;
  });
}

}  // namespace ipa::service
