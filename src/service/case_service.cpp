#include "service/case_service.hpp"

#include "core/cursor.hpp"
#include "service/audit_service.hpp"
#include "service/case_service_internal.hpp"
#include "store/audit_repo.hpp"
#include "store/org_repo.hpp"
#include "store/patent_repo.hpp"
#include "store/user_repo.hpp"

namespace ipa::service {
namespace case_internal {

using core::ErrorCode;
using core::Fail;

core::Status RequireUser(const Actor& actor) {
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  return {};
}

std::string OfficeText(core::Office office) { return std::string(core::OfficeCode(office)); }
std::string ActorOffice(const Actor& actor) {
  return actor.user && actor.user->office ? OfficeText(*actor.user->office) : std::string();
}

core::Result<CaseAccess> AccessTo(store::Tx& tx, const Actor& actor, const core::EnforcementCase& c) {
  if (!actor.user) return CaseAccess::kNone;
  if (actor.IsAdmin()) return CaseAccess::kFull;
  if (auto office = actor.office()) {
    if (*office == c.owner) return CaseAccess::kWrite;
    IPA_TRY(grants, store::ListCaseAccess(tx, c.id));
    for (const auto& g : grants) {
      if (g.first == *office) return CaseAccess::kFull;
    }
    return CaseAccess::kSummary;
  }
  const auto& org = actor.user->org_id;
  if (org && (c.complainant.org_id == org || c.respondent.org_id == org)) return CaseAccess::kFull;
  return CaseAccess::kNone;
}

core::Result<CaseView> BuildView(store::Tx& tx, core::EnforcementCase c, CaseAccess access) {
  CaseView v;
  v.access = access;
  const core::Date today = core::Today();
  for (const std::string& number : c.patents) {
    CasePatentView p{number, false, {}, std::nullopt, false};
    auto patent = store::GetPatent(tx, number);
    if (patent) {
      p.in_corpus = true;
      p.title = patent->title_zh.empty() ? patent->title_en : patent->title_zh;
      p.status = core::LegalStatusOn(*patent, today);
      p.not_in_force = !core::IsInForce(*p.status) && *p.status != core::LegalStatus::kPending;
      v.patent_flag = v.patent_flag || p.not_in_force;
    } else if (patent.error().code != ErrorCode::kNotFound) {
      return std::unexpected(patent.error());
    }
    v.patents.push_back(std::move(p));
  }
  IPA_TRY(rules, store::GetCaseDeadlineRules(tx, c.owner));
  v.deadline = core::CurrentDeadline(c, rules, today);
  if (access == CaseAccess::kSummary) {
    c.complainant = {};
    c.respondent = {std::nullopt, c.respondent.name, {}, {}};
    c.places.clear();
    c.description.clear();
    c.assignees.clear();
    c.period_from.reset();
    c.period_to.reset();
  } else {
    IPA_TRY(shared, store::ListCaseAccess(tx, c.id));
    v.shared_with = std::move(shared);
    IPA_TRY(linked, store::ListLinkedCases(tx, c.id));
    v.linked = std::move(linked);
    IPA_TRY(transfers, store::ListTransfers(tx, c.id));
    for (auto& t : transfers) {
      if (t.status == "requested") v.pending_transfer = std::move(t);
    }
  }
  v.c = std::move(c);
  return v;
}

core::Result<CaseView> ViewFor(store::Tx& tx, const Actor& actor, core::EnforcementCase c) {
  IPA_TRY(access, AccessTo(tx, actor, c));
  if (access == CaseAccess::kNone) {
    return Fail(ErrorCode::kPermissionDenied, "case " + c.number + " is not yours to read");
  }
  return BuildView(tx, std::move(c), access);
}

core::Result<core::EnforcementCase> LoadForWrite(store::Tx& tx, const Actor& actor, core::CaseId id) {
  IPA_CHECK(RequireUser(actor));
  IPA_CHECK(store::LockCase(tx, id));
  IPA_TRY(c, store::GetCase(tx, id));
  if (!actor.office() || *actor.office() != c.owner) {
    return Fail(ErrorCode::kPermissionDenied,
                "case " + c.number + " is owned by " + OfficeText(c.owner) + "; only its office changes it");
  }
  return c;
}

core::Status Record(store::Tx& tx, const Actor& actor, const core::EnforcementCase& c,
                    const std::string& action, const std::string& from_status,
                    const std::string& to_status, const std::string& note) {
  store::CaseHistoryEntry e;
  if (actor.user) e.actor_id = actor.user->id.value;
  e.actor_login = actor.login();
  e.office = ActorOffice(actor);
  e.action = action;
  e.from_status = from_status;
  e.to_status = to_status;
  e.note = note;
  IPA_CHECK(store::AppendCaseHistory(tx, c.id, e));
  const std::string id = std::to_string(c.id.value);
  IPA_CHECK(store::AppendChange(tx, "case", id, action));
  std::string detail = c.number;
  if (!to_status.empty()) detail += " " + from_status + "->" + to_status;
  return RecordAudit(tx, actor, {"case." + action, "case", id, "ok", e.office, detail});
}

core::Status ResolveParty(store::Tx& tx, core::CaseParty& party, const std::string& field) {
  if (!party.org_id) return {};
  auto org = store::GetOrg(tx, *party.org_id);
  if (!org) {
    if (org.error().code != ErrorCode::kNotFound) return std::unexpected(org.error());
    return Fail(ErrorCode::kInvalidArgument, field + ".org_id: no such organisation", field + ".org_id");
  }
  if (party.name.empty()) party.name = org->name_zh;
  if (party.credit_code.empty()) party.credit_code = org->credit_code;
  return {};
}

core::Status CheckAssignees(store::Tx& tx, const std::vector<core::UserId>& assignees, core::Office owner) {
  if (assignees.size() > 20) return Fail(ErrorCode::kInvalidArgument, "assignees: at most 20", "assignees");
  for (core::UserId id : assignees) {
    auto user = store::GetUser(tx, id);
    if (!user && user.error().code != ErrorCode::kNotFound) return std::unexpected(user.error());
    if (!user || user->role != core::Role::kOffice || user->office != owner ||
        user->status != core::UserStatus::kActive) {
      return Fail(ErrorCode::kInvalidArgument,
                  "assignees: user " + std::to_string(id.value) + " is not active staff of office " +
                      OfficeText(owner),
                  "assignees");
    }
  }
  return {};
}

}  // namespace case_internal

using namespace case_internal;
using core::ErrorCode;
using core::Fail;

core::Result<CaseRegistration> RegisterCase(store::Database& db, const Actor& actor,
                                            core::EnforcementCase draft) {
  IPA_CHECK(RequireUser(actor));
  if (!actor.office()) return Fail(ErrorCode::kPermissionDenied, "only office staff register cases");
  draft.owner = draft.registered_by = *actor.office();
  draft.status = core::CaseStatus::kRegistered;
  draft.registered_on = core::Today();
  draft.accepted_on.reset();
  draft.resolved_on.reset();
  return store::WriteValue<CaseRegistration>(db, [&](store::Tx& tx) -> core::Result<CaseRegistration> {
    IPA_CHECK(ResolveParty(tx, draft.complainant, "complainant"));
    IPA_CHECK(ResolveParty(tx, draft.respondent, "respondent"));
    IPA_CHECK(core::NormalizeAndValidate(draft));
    IPA_CHECK(CheckAssignees(tx, draft.assignees, draft.owner));
    int year = 0;
    unsigned month = 0, day = 0;
    core::SplitDate(draft.registered_on, year, month, day);
    IPA_TRY(serial, store::NextCaseSerial(tx, draft.owner, year));
    draft.number = core::FormatCaseNumber(draft.owner, year, serial);
    IPA_TRY(id, store::InsertCase(tx, draft));
    IPA_TRY(stored, store::GetCase(tx, id));
    IPA_CHECK(Record(tx, actor, stored, "register", "", "registered", ""));
    CaseRegistration out;
    IPA_TRY(related, FindRelated(tx, actor, stored));
    out.related = std::move(related);
    IPA_TRY(view, BuildView(tx, std::move(stored), CaseAccess::kWrite));
    out.view = std::move(view);
    return out;
  });
}

core::Result<CaseView> GetCase(store::Database& db, const Actor& actor, core::CaseId id) {
  IPA_CHECK(RequireUser(actor));
  return store::ReadValue<CaseView>(db, [&](store::Tx& tx) -> core::Result<CaseView> {
    IPA_TRY(c, store::GetCase(tx, id));
    return ViewFor(tx, actor, std::move(c));
  });
}

core::Result<Page<CaseView>> ListCases(store::Database& db, const Actor& actor, store::CaseFilter filter,
                                       const std::string& cursor, int limit) {
  IPA_CHECK(RequireUser(actor));
  if (!actor.IsAdmin() && !actor.office()) {
    if (!actor.user->org_id) return Page<CaseView>{};
    filter.party_org = actor.user->org_id;
  }
  int64_t after = 0;
  if (!cursor.empty()) {
    IPA_TRY(last, core::DecodeCursor(cursor));
    after = last;
  }
  return store::ReadValue<Page<CaseView>>(db, [&](store::Tx& tx) -> core::Result<Page<CaseView>> {
    IPA_TRY(cases, store::ListCases(tx, filter, after, limit + 1));
    Page<CaseView> page;
    if (static_cast<int>(cases.size()) > limit) {
      cases.resize(static_cast<size_t>(limit));
      page.next_cursor = core::EncodeCursor(cases.back().id.value);
    }
    for (auto& c : cases) {
      IPA_TRY(view, ViewFor(tx, actor, std::move(c)));
      page.items.push_back(std::move(view));
    }
    return page;
  });
}

core::Result<CaseView> UpdateCase(store::Database& db, const Actor& actor, core::CaseId id,
                                  const CasePatch& patch) {
  return store::WriteValue<CaseView>(db, [&](store::Tx& tx) -> core::Result<CaseView> {
    IPA_TRY(c, LoadForWrite(tx, actor, id));
    if (c.status == core::CaseStatus::kClosed) {
      return Fail(ErrorCode::kConflict, "case " + c.number + " is closed");
    }
    if (patch.type) c.type = *patch.type;
    if (patch.complainant) c.complainant = *patch.complainant;
    if (patch.respondent) c.respondent = *patch.respondent;
    if (patch.patents) c.patents = *patch.patents;
    if (patch.places) c.places = *patch.places;
    if (patch.description) c.description = *patch.description;
    if (patch.period_from) c.period_from = *patch.period_from;
    if (patch.period_to) c.period_to = *patch.period_to;
    if (patch.assignees) c.assignees = *patch.assignees;
    if (patch.complainant) IPA_CHECK(ResolveParty(tx, c.complainant, "complainant"));
    if (patch.respondent) IPA_CHECK(ResolveParty(tx, c.respondent, "respondent"));
    IPA_CHECK(core::NormalizeAndValidate(c));
    if (patch.assignees) IPA_CHECK(CheckAssignees(tx, c.assignees, c.owner));
    c.version = patch.version;
    IPA_CHECK(store::UpdateCase(tx, c));
    IPA_CHECK(Record(tx, actor, c, "update", "", "", ""));
    IPA_TRY(stored, store::GetCase(tx, id));
    return BuildView(tx, std::move(stored), CaseAccess::kWrite);
  });
}

core::Result<CaseView> TransitionCase(store::Database& db, const Actor& actor, core::CaseId id,
                                      core::CaseStatus to, const std::string& note) {
  if (note.size() > 4000) return Fail(ErrorCode::kInvalidArgument, "note: at most 4000 bytes", "note");
  return store::WriteValue<CaseView>(db, [&](store::Tx& tx) -> core::Result<CaseView> {
    IPA_TRY(c, LoadForWrite(tx, actor, id));
    const core::CaseStatus from = c.status;
    if (!core::IsAllowedTransition(from, to)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "to: a case that is " + std::string(core::CaseStatusName(from)) + " cannot become " +
                      std::string(core::CaseStatusName(to)),
                  "to");
    }
    c.status = to;
    if (to == core::CaseStatus::kAccepted) c.accepted_on = core::Today();
    if (core::IsResolved(to) && to != core::CaseStatus::kClosed) c.resolved_on = core::Today();
    IPA_CHECK(store::UpdateCase(tx, c));
    IPA_CHECK(Record(tx, actor, c, "transition", std::string(core::CaseStatusName(from)),
                     std::string(core::CaseStatusName(to)), note));
    IPA_TRY(stored, store::GetCase(tx, id));
    return BuildView(tx, std::move(stored), CaseAccess::kWrite);
  });
}

core::Result<std::vector<store::CaseHistoryEntry>> CaseHistory(store::Database& db, const Actor& actor,
                                                               core::CaseId id) {
  IPA_CHECK(RequireUser(actor));
  using History = std::vector<store::CaseHistoryEntry>;
  return store::ReadValue<History>(db, [&](store::Tx& tx) -> core::Result<History> {
    IPA_TRY(c, store::GetCase(tx, id));
    IPA_TRY(access, AccessTo(tx, actor, c));
    if (access == CaseAccess::kNone || access == CaseAccess::kSummary) {
      return Fail(ErrorCode::kPermissionDenied, "the history of case " + c.number + " is not shared with you");
    }
    return store::ListCaseHistory(tx, id);
  });
}

core::Result<std::vector<store::CaseEventRow>> CaseEvents(store::Database& db, const Actor& actor,
                                                          core::CaseId id) {
  IPA_CHECK(RequireUser(actor));
  using Events = std::vector<store::CaseEventRow>;
  return store::ReadValue<Events>(db, [&](store::Tx& tx) -> core::Result<Events> {
    IPA_TRY(c, store::GetCase(tx, id));
    IPA_TRY(access, AccessTo(tx, actor, c));
    if (access == CaseAccess::kNone || access == CaseAccess::kSummary) {
      return Fail(ErrorCode::kPermissionDenied, "the events of case " + c.number + " are not shared with you");
    }
    return store::ListCaseEvents(tx, id);
  });
}

core::Result<core::CaseDeadlineRules> GetDeadlineRules(store::Database& db, const Actor& actor,
                                                       core::Office office) {
  IPA_CHECK(RequireUser(actor));
  if (!actor.IsAdmin() && !actor.office()) return Fail(ErrorCode::kPermissionDenied, "offices and admins only");
  return store::ReadValue<core::CaseDeadlineRules>(
      db, [&](store::Tx& tx) { return store::GetCaseDeadlineRules(tx, office); });
}

core::Result<core::CaseDeadlineRules> SetDeadlineRules(store::Database& db, const Actor& actor,
                                                       core::Office office,
                                                       const core::CaseDeadlineRules& rules) {
  IPA_CHECK(RequireUser(actor));
  if (!actor.IsAdmin() && actor.office() != office) {
    return Fail(ErrorCode::kPermissionDenied, "only admins and the office itself set its deadlines");
  }
  if (rules.accept_days < 1 || rules.accept_days > 365) {
    return Fail(ErrorCode::kInvalidArgument, "accept_days: 1 to 365", "accept_days");
  }
  if (rules.resolve_days < 1 || rules.resolve_days > 3650) {
    return Fail(ErrorCode::kInvalidArgument, "resolve_days: 1 to 3650", "resolve_days");
  }
  return store::WriteValue<core::CaseDeadlineRules>(db, [&](store::Tx& tx) -> core::Result<core::CaseDeadlineRules> {
    IPA_CHECK(store::SetCaseDeadlineRules(tx, office, rules));
    IPA_CHECK(RecordAudit(tx, actor, {"case.deadlines", "office", OfficeText(office), "ok", OfficeText(office),
                                      std::to_string(rules.accept_days) + "/" + std::to_string(rules.resolve_days)}));
    return rules;
  });
}

}  // namespace ipa::service
