#include "http/handlers/mapping.hpp"

#include "core/legal_status.hpp"
#include "core/region.hpp"
#include "core/time.hpp"

namespace ipa::http {
namespace {

Json NullIfEmpty(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

Json ToJson(const service::OrgView& view) {
  const core::Organization& o = view.org;
  const auto office = core::OwningOffice(o);
  Json j = {
      {"id", o.id.value},
      {"name_zh", o.name_zh},
      {"name_en", o.name_en},
      {"aliases", o.aliases},
      {"type", core::OrgTypeName(o.type)},
      {"credit_code", NullIfEmpty(o.credit_code)},
      {"region_code", o.region_code},
      {"region_name", core::RegionFullName(o.region_code)},
      {"address", o.address},
      {"industry", NullIfEmpty(o.industry)},
      {"membership",
       {{"joined_on", NullIfEmpty(o.membership.joined_on)},
        {"founding", o.membership.founding},
        {"status", core::MemberStatusName(o.membership.status)}}},
      {"office", office ? Json(core::OfficeCode(*office)) : Json(nullptr)},
      {"is_office", o.office_code.has_value()},
      {"version", o.version},
      {"created_at", core::FormatIsoTime(o.created_at)},
      {"updated_at", core::FormatIsoTime(o.updated_at)},
  };
  if (view.contact_visible) {
    j["contact"] = {{"name", o.contact.name}, {"phone", o.contact.phone}, {"email", o.contact.email}};
  }
  return j;
}

Json ToJson(const core::User& u) {
  return {
      {"id", u.id.value},
      {"login", u.login},
      {"display_name", u.display_name},
      {"role", core::RoleName(u.role)},
      {"org_id", u.org_id ? Json(u.org_id->value) : Json(nullptr)},
      {"office", u.office ? Json(core::OfficeCode(*u.office)) : Json(nullptr)},
      {"status", core::UserStatusName(u.status)},
      {"version", u.version},
      {"created_at", core::FormatIsoTime(u.created_at)},
  };
}

Json ToJson(const store::AuditEntry& e) {
  return {
      {"id", e.id},
      {"at", core::FormatIsoTime(e.at)},
      {"actor_id", e.actor_id ? Json(e.actor_id->value) : Json(nullptr)},
      {"actor_login", e.actor_login},
      {"action", e.action},
      {"object_type", e.object_type},
      {"object_id", e.object_id},
      {"outcome", e.outcome},
      {"request_id", e.request_id},
      {"ip", e.ip},
      {"office", NullIfEmpty(e.office)},
      {"detail", e.detail},
  };
}

Json ToJson(const store::TokenRow& t) {
  return {
      {"id", t.id.value},
      {"name", t.name},
      {"created_at", core::FormatIsoTime(t.created_at)},
      {"last_used_at", t.last_used_at ? Json(core::FormatIsoTime(*t.last_used_at)) : Json(nullptr)},
      {"revoked", t.revoked_at.has_value()},
  };
}

Response VersionedResponse(const Json& body, int64_t version, int status) {
  Response r = JsonResponse(body, status);
  r.SetHeader("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

core::Result<core::Date> DateParam(const Request& req, const char* name, core::Date fallback) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return fallback;
  auto d = core::ParseDateText(it->second);
  if (!d) return core::Fail(core::ErrorCode::kInvalidArgument, std::string(name) + ": not a date YYYY-MM-DD", name);
  return *d;
}

std::string CsvField(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  return out + "\"";
}

}  // namespace ipa::http

// --- enforcement cases and joint operations ---------------------------------------------------

namespace ipa::http {
namespace {

std::string_view AccessName(service::CaseAccess a) {
  switch (a) {
    case service::CaseAccess::kWrite: return "write";
    case service::CaseAccess::kFull: return "full";
    case service::CaseAccess::kSummary: return "summary";
    case service::CaseAccess::kNone: break;
  }
  return "none";
}

Json DateOrNull(const std::optional<core::Date>& d) { return d ? Json(core::FormatDate(*d)) : Json(nullptr); }
Json OfficeJson(core::Office o) { return Json(core::OfficeCode(o)); }

Json PartyJson(const core::CaseParty& p) {
  return {{"org_id", p.org_id ? Json(p.org_id->value) : Json(nullptr)},
          {"name", p.name},
          {"credit_code", p.credit_code.empty() ? Json(nullptr) : Json(p.credit_code)}};
}

Json CasePatentsJson(const service::CaseView& v) {
  Json out = Json::array();
  for (const auto& p : v.patents) {
    out.push_back({{"application_number", p.application_number},
                   {"in_corpus", p.in_corpus},
                   {"title", p.in_corpus ? Json(p.title) : Json(nullptr)},
                   {"status", p.status ? Json(core::LegalStatusName(*p.status)) : Json(nullptr)},
                   {"not_in_force", p.not_in_force}});
  }
  return out;
}

}  // namespace

Json ToJson(const service::CaseView& v) {
  const core::EnforcementCase& c = v.c;
  Json j = {{"id", c.id.value},
            {"number", c.number},
            {"type", core::CaseTypeName(c.type)},
            {"status", core::CaseStatusName(c.status)},
            {"owner_office", OfficeJson(c.owner)},
            {"registered_office", OfficeJson(c.registered_by)},
            {"respondent", {{"name", c.respondent.name}}},
            {"patents", CasePatentsJson(v)},
            {"patent_flag", v.patent_flag},
            {"registered_on", core::FormatDate(c.registered_on)},
            {"accepted_on", DateOrNull(c.accepted_on)},
            {"resolved_on", DateOrNull(c.resolved_on)},
            {"deadline", v.deadline ? Json{{"kind", v.deadline->kind},
                                           {"due", core::FormatDate(v.deadline->due)},
                                           {"overdue", v.deadline->overdue}}
                                    : Json(nullptr)},
            {"access", AccessName(v.access)},
            {"version", c.version},
            {"updated_at", core::FormatIsoTime(c.updated_at)}};
  if (v.access == service::CaseAccess::kSummary) return j;
  j["complainant"] = PartyJson(c.complainant);
  j["respondent"] = PartyJson(c.respondent);
  Json places = Json::array();
  for (const auto& p : c.places) {
    places.push_back({{"region_code", p.region_code}, {"region_name", core::RegionFullName(p.region_code)}, {"address", p.address}});
  }
  j["places"] = std::move(places);
  j["description"] = c.description;
  j["period_from"] = DateOrNull(c.period_from);
  j["period_to"] = DateOrNull(c.period_to);
  Json assignees = Json::array();
  for (auto id : c.assignees) assignees.push_back(id.value);
  j["assignees"] = std::move(assignees);
  Json shared = Json::array();
  for (const auto& [office, reason] : v.shared_with) shared.push_back({{"office", OfficeJson(office)}, {"reason", reason}});
  j["shared_with"] = std::move(shared);
  Json linked = Json::array();
  for (auto id : v.linked) linked.push_back(id.value);
  j["linked_case_ids"] = std::move(linked);
  j["pending_transfer"] = v.pending_transfer ? ToJson(*v.pending_transfer) : Json(nullptr);
  j["created_at"] = core::FormatIsoTime(c.created_at);
  return j;
}

Json ToJson(const service::RelatedCase& r) {
  return {{"case", ToJson(r.view)}, {"reasons", r.reasons}, {"linked", r.linked}};
}

Json ToJson(const store::CaseHistoryEntry& e) {
  return {{"id", e.id},
          {"at", core::FormatIsoTime(e.at)},
          {"actor_id", e.actor_id ? Json(*e.actor_id) : Json(nullptr)},
          {"actor_login", e.actor_login},
          {"office", e.office.empty() ? Json(nullptr) : Json(e.office)},
          {"action", e.action},
          {"from_status", e.from_status.empty() ? Json(nullptr) : Json(e.from_status)},
          {"to_status", e.to_status.empty() ? Json(nullptr) : Json(e.to_status)},
          {"note", e.note}};
}

Json ToJson(const store::CaseTransfer& t) {
  return {{"id", t.id},
          {"case_id", t.case_id.value},
          {"from_office", OfficeJson(t.from)},
          {"to_office", OfficeJson(t.to)},
          {"reason", core::TransferReasonName(t.reason)},
          {"reason_text", t.reason_text},
          {"status", t.status},
          {"requested_at", core::FormatIsoTime(t.requested_at)},
          {"decided_at", t.decided_at ? Json(core::FormatIsoTime(*t.decided_at)) : Json(nullptr)},
          {"decision_note", t.decision_note}};
}

Json ToJson(const store::JoinRequest& r) {
  return {{"id", r.id},
          {"case_id", r.case_id.value},
          {"office", OfficeJson(r.office)},
          {"status", r.status},
          {"note", r.note},
          {"requested_at", core::FormatIsoTime(r.requested_at)},
          {"decided_at", r.decided_at ? Json(core::FormatIsoTime(*r.decided_at)) : Json(nullptr)}};
}

Json ToJson(const store::JointOperation& op) {
  Json participants = Json::array();
  for (auto o : op.participants) participants.push_back(OfficeJson(o));
  Json targets = Json::array();
  for (const auto& t : op.targets) {
    targets.push_back({{"kind", t.kind}, {"value", t.value},
                       {"region_code", t.region_code.empty() ? Json(nullptr) : Json(t.region_code)}});
  }
  return {{"id", op.id},
          {"title", op.title},
          {"lead_office", OfficeJson(op.lead)},
          {"participants", std::move(participants)},
          {"description", op.description},
          {"start_date", core::FormatDate(op.start)},
          {"end_date", core::FormatDate(op.end)},
          {"targets", std::move(targets)},
          {"version", op.version},
          {"created_at", core::FormatIsoTime(op.created_at)}};
}

Json ToJson(const store::JointOpTask& t) {
  return {{"id", t.id},
          {"op_id", t.op_id},
          {"title", t.title},
          {"office", OfficeJson(t.office)},
          {"assignee_id", t.assignee ? Json(t.assignee->value) : Json(nullptr)},
          {"due_date", DateOrNull(t.due)},
          {"status", t.status},
          {"version", t.version}};
}

Json ToJson(const store::JointOpOutcome& o) {
  return {{"id", o.id},
          {"op_id", o.op_id},
          {"kind", o.kind},
          {"office", OfficeJson(o.office)},
          {"date", core::FormatDate(o.on)},
          {"quantity", o.quantity},
          {"case_id", o.case_id ? Json(o.case_id->value) : Json(nullptr)},
          {"note", o.note}};
}

Json ToJson(const service::JointOpDetail& d) {
  Json j = ToJson(d.op);
  Json tasks = Json::array(), outcomes = Json::array();
  for (const auto& t : d.tasks) tasks.push_back(ToJson(t));
  for (const auto& o : d.outcomes) outcomes.push_back(ToJson(o));
  j["tasks"] = std::move(tasks);
  j["outcomes"] = std::move(outcomes);
  return j;
}

Json ToJson(const service::JointOpReport& r) {
  Json by_office = Json::object();
  for (const auto& [office, kinds] : r.outcomes_by_office) by_office[office] = kinds;
  Json tasks_by_office = Json::object();
  for (const auto& [office, counts] : r.tasks_by_office) {
    tasks_by_office[office] = {{"open", counts.first}, {"done", counts.second}};
  }
  Json cases = Json::array();
  for (auto id : r.cases_opened) cases.push_back(id.value);
  return {{"operation", ToJson(r.op)},
          {"outcomes", r.outcomes_by_kind},
          {"outcomes_by_office", std::move(by_office)},
          {"tasks", {{"open", r.tasks_open}, {"done", r.tasks_done}}},
          {"tasks_by_office", std::move(tasks_by_office)},
          {"cases_opened", std::move(cases)}};
}

}  // namespace ipa::http
