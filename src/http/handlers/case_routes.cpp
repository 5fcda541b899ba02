// /api/v1/cases: the shared case register, workflow, cooperation between offices, transfers;
// /api/v1/case-deadlines: per-office deadline rules. (POST /api/v1/cases/{id}/evidence is
// reserved for evidence uploads.)
#include <algorithm>

#include "core/applicant_name.hpp"
#include "core/credit_code.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "service/case_service.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Role;

std::string QueryValue(const Context& ctx, const char* key) {
  auto it = ctx.req.query.find(key);
  return it == ctx.req.query.end() ? std::string() : it->second;
}

core::Result<std::optional<core::Date>> ReadDate(FieldReader& f, const std::string& name) {
  IPA_TRY(text, f.String(name));
  if (!text || text->empty()) return std::optional<core::Date>();
  auto d = core::ParseDateText(*text);
  if (!d) return Fail(ErrorCode::kInvalidArgument, name + ": not a date (YYYY-MM-DD)", name);
  return std::optional<core::Date>(*d);
}

core::Result<std::optional<core::CaseParty>> ReadParty(FieldReader& f, const std::string& name) {
  IPA_TRY(obj, f.Object(name));
  if (!obj) return std::optional<core::CaseParty>();
  core::CaseParty p;
  IPA_TRY(org, obj->Int("org_id"));
  if (org) p.org_id = core::OrgId{*org};
  IPA_TRY(pname, obj->String("name"));
  p.name = pname.value_or("");
  IPA_TRY(code, obj->String("credit_code"));
  p.credit_code = code.value_or("");
  IPA_CHECK(obj->Finish());
  if (!p.org_id && p.name.empty()) {
    return Fail(ErrorCode::kInvalidArgument, name + ": give org_id or name", name + ".name");
  }
  return std::optional<core::CaseParty>(std::move(p));
}

// Removes an array field from `body` (FieldReader reads flat values and objects) and returns it.
core::Result<std::optional<Json>> TakeArray(Json& body, const std::string& name) {
  auto it = body.find(name);
  if (it == body.end()) return std::optional<Json>();
  Json value = std::move(*it);
  body.erase(name);
  if (!value.is_array()) return Fail(ErrorCode::kInvalidArgument, name + ": must be an array", name);
  if (value.size() > 100) return Fail(ErrorCode::kInvalidArgument, name + ": at most 100 items", name);
  return std::optional<Json>(std::move(value));
}

core::Result<std::vector<core::CasePlace>> ReadPlaces(const Json& array) {
  std::vector<core::CasePlace> out;
  for (size_t i = 0; i < array.size(); ++i) {
    const std::string prefix = "places[" + std::to_string(i) + "].";
    if (!array[i].is_object()) return Fail(ErrorCode::kInvalidArgument, "places[" + std::to_string(i) + "]: must be an object", "places");
    FieldReader f(array[i], prefix);
    IPA_TRY(region, f.RequiredString("region_code"));
    IPA_TRY(address, f.String("address"));
    IPA_CHECK(f.Finish());
    out.push_back({region, address.value_or("")});
  }
  return out;
}

core::Result<std::vector<core::UserId>> ReadIds(const Json& array, const std::string& name) {
  std::vector<core::UserId> out;
  for (const Json& v : array) {
    if (!v.is_number_integer() || v.get<int64_t>() <= 0) {
      return Fail(ErrorCode::kInvalidArgument, name + ": positive integer ids", name);
    }
    out.push_back(core::UserId{v.get<int64_t>()});
  }
  return out;
}

core::Result<service::CasePatch> ReadCaseBody(Json body) {
  service::CasePatch p;
  IPA_TRY(places, TakeArray(body, "places"));
  if (places) {
    IPA_TRY(list, ReadPlaces(*places));
    p.places = std::move(list);
  }
  IPA_TRY(assignees, TakeArray(body, "assignees"));
  if (assignees) {
    IPA_TRY(ids, ReadIds(*assignees, "assignees"));
    p.assignees = std::move(ids);
  }
  FieldReader f(body);
  IPA_TRY(type, f.String("type"));
  if (type) {
    p.type = core::ParseCaseType(*type);
    if (!p.type) return Fail(ErrorCode::kInvalidArgument, "type: infringement_dispute, counterfeit_marking or other", "type");
  }
  IPA_TRY(complainant, ReadParty(f, "complainant"));
  p.complainant = std::move(complainant);
  IPA_TRY(respondent, ReadParty(f, "respondent"));
  p.respondent = std::move(respondent);
  IPA_TRY(patents, f.StringList("patents", 50));
  p.patents = std::move(patents);
  IPA_TRY(description, f.String("description"));
  p.description = std::move(description);
  if (body.contains("period_from")) {
    IPA_TRY(d, ReadDate(f, "period_from"));
    p.period_from = d;
  }
  if (body.contains("period_to")) {
    IPA_TRY(d, ReadDate(f, "period_to"));
    p.period_to = d;
  }
  IPA_CHECK(f.Finish());
  return p;
}

core::Result<core::CaseId> CaseParam(const Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "case"));
  return core::CaseId{id};
}

core::Result<Response> RegisterCase(Context& ctx) {
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  IPA_TRY(p, ReadCaseBody(std::move(body)));
  if (!p.complainant) return Fail(ErrorCode::kInvalidArgument, "complainant: is required", "complainant");
  if (!p.respondent) return Fail(ErrorCode::kInvalidArgument, "respondent: is required", "respondent");
  core::EnforcementCase c;
  c.type = p.type.value_or(core::CaseType::kInfringementDispute);
  c.complainant = *p.complainant;
  c.respondent = *p.respondent;
  c.patents = p.patents.value_or(std::vector<std::string>{});
  c.places = p.places.value_or(std::vector<core::CasePlace>{});
  c.description = p.description.value_or("");
  c.period_from = p.period_from.value_or(std::nullopt);
  c.period_to = p.period_to.value_or(std::nullopt);
  c.assignees = p.assignees.value_or(std::vector<core::UserId>{});
  IPA_TRY(reg, service::RegisterCase(ctx.app.db, ctx.actor, std::move(c)));
  Json j = ToJson(reg.view);
  Json related = Json::array();
  for (const auto& r : reg.related) related.push_back(ToJson(r));
  j["related"] = std::move(related);
  Response r = VersionedResponse(j, reg.view.c.version, 201);
  r.SetHeader("Location", "/api/v1/cases/" + std::to_string(reg.view.c.id.value));
  return r;
}

core::Result<Response> ListCases(Context& ctx) {
  store::CaseFilter f;
  if (const std::string o = QueryValue(ctx, "office"); !o.empty()) {
    f.owner = core::ParseOffice(o);
    if (!f.owner) return Fail(ErrorCode::kInvalidArgument, "office: BJ, TJ or HE", "office");
  }
  if (const std::string s = QueryValue(ctx, "status"); !s.empty()) {
    f.status = core::ParseCaseStatus(s);
    if (!f.status) return Fail(ErrorCode::kInvalidArgument, "status: unknown case status", "status");
  }
  if (const std::string t = QueryValue(ctx, "type"); !t.empty()) {
    f.type = core::ParseCaseType(t);
    if (!f.type) return Fail(ErrorCode::kInvalidArgument, "type: unknown case type", "type");
  }
  const std::string respondent = QueryValue(ctx, "respondent");
  const std::string q = QueryValue(ctx, "q");
  if (respondent.size() > 200 || !core::IsValidUtf8(respondent)) return Fail(ErrorCode::kInvalidArgument, "respondent: at most 200 bytes of UTF-8", "respondent");
  if (q.size() > 200 || !core::IsValidUtf8(q)) return Fail(ErrorCode::kInvalidArgument, "q: at most 200 bytes of UTF-8", "q");
  if (auto code = core::ValidateCreditCode(respondent, "respondent"); code && !respondent.empty()) {
    f.respondent = *code;
  } else {
    f.respondent = core::ApplicantKey(respondent);
  }
  f.query = core::SearchKey(q);
  IPA_TRY(limit, ParseLimit(ctx.req));
  IPA_TRY(page, service::ListCases(ctx.app.db, ctx.actor, f, QueryValue(ctx, "cursor"), limit));
  return JsonResponse(PageJson(page));
}

core::Result<Response> GetCase(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(view, service::GetCase(ctx.app.db, ctx.actor, id));
  return VersionedResponse(ToJson(view), view.c.version);
}

core::Result<Response> PatchCase(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(version, ParseIfMatch(ctx.req));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  IPA_TRY(patch, ReadCaseBody(std::move(body)));
  patch.version = version;
  IPA_TRY(view, service::UpdateCase(ctx.app.db, ctx.actor, id, patch));
  return VersionedResponse(ToJson(view), view.c.version);
}

core::Result<Response> Transition(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(to_text, f.RequiredString("to"));
  IPA_TRY(note, f.String("note"));
  IPA_CHECK(f.Finish());
  auto to = core::ParseCaseStatus(to_text);
  if (!to) return Fail(ErrorCode::kInvalidArgument, "to: unknown case status", "to");
  IPA_TRY(view, service::TransitionCase(ctx.app.db, ctx.actor, id, *to, note.value_or("")));
  return VersionedResponse(ToJson(view), view.c.version);
}

core::Result<Response> History(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(entries, service::CaseHistory(ctx.app.db, ctx.actor, id));
  Json items = Json::array();
  for (const auto& e : entries) items.push_back(ToJson(e));
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

core::Result<Response> Events(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(events, service::CaseEvents(ctx.app.db, ctx.actor, id));
  Json items = Json::array();
  for (const auto& e : events) {
    items.push_back({{"id", e.id},
                     {"event", e.event},
                     {"leaf", e.leaf},
                     {"leaf_index", e.leaf_index ? Json(*e.leaf_index) : Json(nullptr)},
                     {"created_at", core::FormatIsoTime(e.created_at)}});
  }
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

core::Result<Response> Related(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(related, service::RelatedCases(ctx.app.db, ctx.actor, id));
  Json items = Json::array();
  for (const auto& r : related) items.push_back(ToJson(r));
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

core::Result<Response> Link(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(other, f.Int("case_id"));
  IPA_TRY(note, f.String("note"));
  IPA_CHECK(f.Finish());
  if (!other) return Fail(ErrorCode::kInvalidArgument, "case_id: is required", "case_id");
  IPA_TRY(linked, service::LinkCases(ctx.app.db, ctx.actor, id, core::CaseId{*other}, note.value_or("")));
  Json ids = Json::array();
  for (auto c : linked) ids.push_back(c.value);
  return JsonResponse({{"case_id", id.value}, {"linked_case_ids", ids}}, 201);
}

core::Result<std::string> OptionalNote(const Context& ctx, const std::string& name = "note") {
  if (ctx.req.body.empty()) return std::string();
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(note, f.String(name));
  IPA_CHECK(f.Finish());
  return note.value_or("");
}

core::Result<Response> RequestJoin(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(note, OptionalNote(ctx));
  IPA_TRY(req, service::RequestJoin(ctx.app.db, ctx.actor, id, note));
  return JsonResponse(ToJson(req), 201);
}

core::Result<Response> ListJoins(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(list, service::ListJoinRequests(ctx.app.db, ctx.actor, id));
  Json items = Json::array();
  for (const auto& r : list) items.push_back(ToJson(r));
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

Handler DecideJoin(bool accept) {
  return [accept](Context& ctx) -> core::Result<Response> {
    IPA_TRY(id, CaseParam(ctx));
    IPA_TRY(rid, ParseId(ctx.Param("rid"), "join request"));
    IPA_TRY(req, service::DecideJoin(ctx.app.db, ctx.actor, id, rid, accept));
    return JsonResponse(ToJson(req));
  };
}

core::Result<Response> RequestTransfer(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(to_text, f.RequiredString("to"));
  IPA_TRY(reason_name, f.RequiredString("reason"));
  IPA_TRY(text, f.String("reason_text"));
  IPA_CHECK(f.Finish());
  auto to = core::ParseOffice(to_text);
  if (!to) return Fail(ErrorCode::kInvalidArgument, "to: BJ, TJ or HE", "to");
  auto reason = core::ParseTransferReason(reason_name);
  if (!reason) return Fail(ErrorCode::kInvalidArgument, "reason: respondent_domicile, place_of_infringement or other", "reason");
  IPA_TRY(t, service::RequestTransfer(ctx.app.db, ctx.actor, id, *to, *reason, text.value_or("")));
  return JsonResponse(ToJson(t), 201);
}

core::Result<Response> ListTransfers(Context& ctx) {
  IPA_TRY(id, CaseParam(ctx));
  IPA_TRY(list, service::ListTransfers(ctx.app.db, ctx.actor, id));
  Json items = Json::array();
  for (const auto& t : list) items.push_back(ToJson(t));
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

Handler DecideTransfer(service::TransferDecision decision) {
  return [decision](Context& ctx) -> core::Result<Response> {
    IPA_TRY(id, CaseParam(ctx));
    IPA_TRY(tid, ParseId(ctx.Param("tid"), "transfer"));
    IPA_TRY(note, OptionalNote(ctx));
    IPA_TRY(t, service::DecideTransfer(ctx.app.db, ctx.actor, id, tid, decision, note));
    return JsonResponse(ToJson(t));
  };
}

Json RulesJson(core::Office office, const core::CaseDeadlineRules& r) {
  return {{"office", core::OfficeCode(office)}, {"accept_days", r.accept_days}, {"resolve_days", r.resolve_days}};
}

core::Result<Response> ListDeadlines(Context& ctx) {
  Json items = Json::array();
  for (core::Office office : core::kAllOffices) {
    IPA_TRY(rules, service::GetDeadlineRules(ctx.app.db, ctx.actor, office));
    items.push_back(RulesJson(office, rules));
  }
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

core::Result<Response> SetDeadlines(Context& ctx) {
  auto office = core::ParseOffice(ctx.Param("office"));
  if (!office) return Fail(ErrorCode::kNotFound, "no office " + ctx.Param("office").substr(0, 10));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(accept, f.Int("accept_days"));
  IPA_TRY(resolve, f.Int("resolve_days"));
  IPA_CHECK(f.Finish());
  if (!accept) return Fail(ErrorCode::kInvalidArgument, "accept_days: is required", "accept_days");
  if (!resolve) return Fail(ErrorCode::kInvalidArgument, "resolve_days: is required", "resolve_days");
  // The service checks the real bounds; this only keeps the values inside an int.
  auto clamp = [](int64_t v) { return static_cast<int>(std::clamp<int64_t>(v, -1, 100000)); };
  core::CaseDeadlineRules rules{clamp(*accept), clamp(*resolve)};
  IPA_TRY(stored, service::SetDeadlineRules(ctx.app.db, ctx.actor, *office, rules));
  return JsonResponse(RulesJson(*office, stored));
}

}  // namespace

void RegisterCaseRoutes(Router& router) {
  const Policy offices = Policy::Roles({Role::kOffice});
  const Policy staff = Policy::Roles({Role::kAdmin, Role::kOffice});
  const std::string tag = "cases";
  router.Add({"GET", "/api/v1/cases", Policy::AnyUser(), "The shared case register (summary for other offices' cases; members: their own cases)", tag, ListCases,
              {{"office", "owning office: BJ, TJ, HE"}, {"status", "case status"}, {"type", "case type"},
               {"respondent", "respondent credit code or name"}, {"q", "case number or respondent contains"},
               {"cursor", "from next_cursor"}, {"limit", "1-200"}}});
  router.Add({"POST", "/api/v1/cases", offices, "Register a case in your office; answers related cases in other offices", tag, RegisterCase, {}, true, 201});
  router.Add({"GET", "/api/v1/cases/{id}", Policy::AnyUser(), "Read a case (full or summary by access)", tag, GetCase});
  router.Add({"PATCH", "/api/v1/cases/{id}", offices, "Change a case of your office (If-Match)", tag, PatchCase, {}, true});
  router.Add({"POST", "/api/v1/cases/{id}/transitions", offices, "A workflow step: {to, note}", tag, Transition, {}, true});
  router.Add({"GET", "/api/v1/cases/{id}/history", Policy::AnyUser(), "The case history (full access only)", tag, History});
  router.Add({"GET", "/api/v1/cases/{id}/events", Policy::AnyUser(), "Transfer steps as evidence-log leaves (leaf_index null until logged)", tag, Events});
  router.Add({"GET", "/api/v1/cases/{id}/related", staff, "Related cases in other offices: same respondent, same patent, overlapping period", tag, Related});
  router.Add({"POST", "/api/v1/cases/{id}/links", offices, "Link your case to another office's case: {case_id, note}", tag, Link, {}, true, 201});
  router.Add({"GET", "/api/v1/cases/{id}/join-requests", staff, "Join requests (the owner sees all, others their own)", tag, ListJoins});
  router.Add({"POST", "/api/v1/cases/{id}/join-requests", offices, "Ask to join another office's case: {note}", tag, RequestJoin, {}, true, 201});
  router.Add({"POST", "/api/v1/cases/{id}/join-requests/{rid}/accept", offices, "The owner grants the asking office read access", tag, DecideJoin(true), {}, true});
  router.Add({"POST", "/api/v1/cases/{id}/join-requests/{rid}/reject", offices, "The owner refuses a join request", tag, DecideJoin(false), {}, true});
  router.Add({"GET", "/api/v1/cases/{id}/transfers", staff, "Transfers of the case", tag, ListTransfers});
  router.Add({"POST", "/api/v1/cases/{id}/transfers", offices, "The owner asks another office to take the case: {to, reason, reason_text}", tag, RequestTransfer, {}, true, 201});
  router.Add({"POST", "/api/v1/cases/{id}/transfers/{tid}/accept", offices, "The receiving office takes the case over", tag, DecideTransfer(service::TransferDecision::kAccept), {}, true});
  router.Add({"POST", "/api/v1/cases/{id}/transfers/{tid}/reject", offices, "The receiving office refuses the transfer", tag, DecideTransfer(service::TransferDecision::kReject), {}, true});
  router.Add({"POST", "/api/v1/cases/{id}/transfers/{tid}/cancel", offices, "The requesting office withdraws its transfer request", tag, DecideTransfer(service::TransferDecision::kCancel), {}, true});
  router.Add({"GET", "/api/v1/case-deadlines", staff, "Each office's case deadlines (days)", tag, ListDeadlines});
  router.Add({"PUT", "/api/v1/case-deadlines/{office}", staff, "Set an office's deadlines: {accept_days, resolve_days}", tag, SetDeadlines, {}, true});
}

}  // namespace ipa::http
