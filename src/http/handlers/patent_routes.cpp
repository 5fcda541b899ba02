// /api/v1/patents (read, list, export) and /api/v1/imports (uploads running as jobs).
#include <sstream>

#include "core/cursor.hpp"
#include "core/ipc_reference.hpp"
#include "core/legal_status.hpp"
#include "core/patent_normalize.hpp"
#include "core/patent_term.hpp"
#include "core/region.hpp"
#include "core/time.hpp"
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "importer/jsonl_writer.hpp"
#include "service/import_jobs.hpp"
#include "store/patent_repo.hpp"

namespace ipa::http {
namespace {

using core::Date;
using core::ErrorCode;
using core::Fail;
using core::Patent;

Json DateJson(const std::optional<Date>& d) { return d ? Json(core::FormatDate(*d)) : Json(nullptr); }

Json EventJson(const core::LegalEvent& e) {
  Json j = {{"kind", core::EventKindName(e.kind)}, {"date", core::FormatDate(e.date)}};
  if (e.patent_year) j["patent_year"] = e.patent_year;
  if (e.days) j["days"] = e.days;
  if (!e.from.empty()) j["from"] = e.from;
  if (!e.to.empty()) j["to"] = e.to;
  if (e.licence_type) j["licence_type"] = core::LicenceTypeName(*e.licence_type);
  if (!e.licensee.empty()) j["licensee"] = e.licensee;
  if (e.term_start) j["term_start"] = core::FormatDate(*e.term_start);
  if (e.term_end) j["term_end"] = core::FormatDate(*e.term_end);
  if (!e.territory.empty()) j["territory"] = e.territory;
  if (!e.note.empty()) j["note"] = e.note;
  return j;
}

Json ApplicantsJson(const Patent& p) {
  Json out = Json::array();
  for (const auto& a : p.applicants) out.push_back({{"name", a.name}, {"org_id", a.org_id ? Json(a.org_id->value) : Json(nullptr)}});
  return out;
}

Json SummaryJson(const Patent& p, const core::LegalFacts& facts, Date on) {
  return {{"application_number", p.application_number},
          {"publication_number", p.publication_number},
          {"type", core::PatentTypeName(p.type)},
          {"title", p.title_zh.empty() ? p.title_en : p.title_zh},
          {"title_en", p.title_en},
          {"main_ipc", p.ipc.empty() ? Json(nullptr) : Json(p.ipc[0])},
          {"applicants", ApplicantsJson(p)},
          {"region_code", p.region_code},
          {"region_name", core::RegionFullName(p.region_code)},
          {"filing_date", DateJson(p.filing_date)},
          {"grant_date", DateJson(p.grant_date)},
          {"status", core::LegalStatusName(facts.StatusOn(on))}};
}

Json ScheduleJson(const core::AnnuitySchedule& s) {
  Json years = Json::array();
  for (const auto& y : s.years) {
    Json bands = Json::array();
    for (const auto& b : y.late_fee_bands) {
      bands.push_back({{"from", core::FormatDate(b.from)}, {"to", core::FormatDate(b.to)}, {"percent", b.percent}});
    }
    years.push_back({{"patent_year", y.patent_year}, {"due", core::FormatDate(y.due)},
                     {"grace_end", core::FormatDate(y.grace_end)}, {"fee_cny", y.fee_cny},
                     {"paid_at_registration", y.paid_at_registration}, {"assumed_paid", y.assumed_paid},
                     {"paid_on", DateJson(y.paid_on)},
                     {"late_fee_percent", y.late_fee_percent ? Json(*y.late_fee_percent) : Json(nullptr)},
                     {"late_fee_bands", bands}});
  }
  return {{"payments_tracked", s.payments_tracked}, {"years", years}};
}

Json DetailJson(const Patent& p, Date today, Date on) {
  const core::LegalFacts facts = core::CompileFacts(p);
  Json ipc = Json::array();
  for (const auto& code : p.ipc) {
    const auto field = core::WipoFieldFor(code);
    const core::WipoField* wipo = field ? core::FindWipoField(*field) : nullptr;
    ipc.push_back({{"code", code}, {"title_en", core::IpcTitleFor(code, core::Lang::kEn)},
                   {"title_zh", core::IpcTitleFor(code, core::Lang::kZh)},
                   {"wipo_field", wipo ? Json{{"number", wipo->number}, {"en", wipo->field_en}, {"zh", wipo->field_zh}} : Json(nullptr)}});
  }
  Json events = Json::array();
  for (const auto& e : p.events) events.push_back(EventJson(e));
  Json history = Json::array();
  for (const auto& period : core::StatusHistory(facts)) {
    history.push_back({{"from", core::FormatDate(period.from)}, {"status", core::LegalStatusName(period.status)}});
  }
  Json j = SummaryJson(p, facts, today);
  j.update({{"grant_number", p.grant_number}, {"title_zh", p.title_zh},
            {"abstract_zh", p.abstract_zh}, {"abstract_en", p.abstract_en}, {"first_claim", p.first_claim},
            {"ipc", ipc}, {"cpc", p.cpc}, {"inventors", p.inventors}, {"applicant_address", p.applicant_address},
            {"region_rule", core::RegionRuleName(p.region_rule)}, {"agency", p.agency}, {"agents", p.agents},
            {"publication_date", DateJson(p.publication_date)},
            {"examination_request_date", DateJson(p.examination_request_date)},
            {"expiry_date", DateJson(core::ExpiryDate(p))},
            {"events", events}, {"status_history", history},
            {"status_on", {{"date", core::FormatDate(on)}, {"status", core::LegalStatusName(facts.StatusOn(on))},
                           {"lapse_effective", DateJson(core::LapseEffectiveDate(facts, on))}}},
            {"source", p.source}, {"source_status", p.source_status}});
  const auto next = core::NextAnnuityDue(p, today);
  j["next_annuity"] = next ? Json{{"patent_year", next->patent_year}, {"due", core::FormatDate(next->due)},
                                  {"grace_end", core::FormatDate(next->grace_end)}, {"fee_cny", next->fee_cny}}
                           : Json(nullptr);
  j["annuities"] = ScheduleJson(core::BuildAnnuitySchedule(p));
  Json priorities = Json::array();
  for (const auto& pr : p.priorities) priorities.push_back({{"country", pr.country}, {"number", pr.number}, {"date", DateJson(pr.date)}});
  j["priorities"] = priorities;
  if (p.pct) {
    j["pct"] = {{"application_number", p.pct->application_number}, {"filing_date", DateJson(p.pct->filing_date)},
                {"publication_number", p.pct->publication_number}, {"publication_date", DateJson(p.pct->publication_date)},
                {"national_entry_date", DateJson(p.pct->national_entry_date)}};
  }
  return j;
}

core::Result<store::PatentFilter> FilterFrom(const Request& req) {
  const auto& q = req.query;
  auto get = [&](const char* k) -> std::string {
    auto it = q.find(k);
    return it == q.end() ? std::string() : it->second.substr(0, 200);
  };
  store::PatentFilter f;
  if (const std::string t = get("type"); !t.empty()) {
    f.type = core::ParsePatentType(t);
    if (!f.type) return Fail(ErrorCode::kInvalidArgument, "type: invention, utility_model or design", "type");
  }
  f.region_prefix = get("region");
  if (f.region_prefix.size() > 6 || f.region_prefix.find_first_not_of("0123456789") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "region: up to six digits of a GB/T 2260 code", "region");
  }
  f.ipc_prefix = get("ipc");
  f.applicant_contains = get("applicant");
  if (const std::string org = get("org_id"); !org.empty()) {
    IPA_TRY(id, ParseId(org, "organization"));
    f.applicant_org = core::OrgId{id};
  }
  if (!get("filed_from").empty()) {
    IPA_TRY(d, DateParam(req, "filed_from", {}));
    f.filed_from = d;
  }
  if (!get("filed_to").empty()) {
    IPA_TRY(d, DateParam(req, "filed_to", {}));
    f.filed_to = d;
  }
  return f;
}

core::Result<Response> ListPatents(Context& ctx) {
  IPA_TRY(filter, FilterFrom(ctx.req));
  IPA_TRY(limit, ParseLimit(ctx.req));
  int64_t after = 0;
  if (auto it = ctx.req.query.find("cursor"); it != ctx.req.query.end() && !it->second.empty()) {
    IPA_TRY(id, core::DecodeCursor(it->second));
    after = id;
  }
  IPA_TRY(rows, store::ReadValue<std::vector<std::pair<core::PatentId, Patent>>>(
                    ctx.app.db, [&](store::Tx& tx) { return store::ListPatents(tx, filter, after, limit + 1); }));
  Json items = Json::array();
  const Date today = core::Today();
  const size_t n = std::min(rows.size(), static_cast<size_t>(limit));
  for (size_t i = 0; i < n; ++i) items.push_back(SummaryJson(rows[i].second, core::CompileFacts(rows[i].second), today));
  Json next = rows.size() > n ? Json(core::EncodeCursor(rows[n - 1].first.value)) : Json(nullptr);
  return JsonResponse({{"items", items}, {"next_cursor", next}});
}

core::Result<Response> GetPatent(Context& ctx) {
  // Numbers as people type them ("CN201710601862.3", "ZL…", no dot) find the stored key.
  auto normal = core::NormalizeApplicationNumberText(ctx.Param("number"));
  const std::string number = normal ? *normal : ctx.Param("number");
  IPA_TRY(p, store::ReadValue<Patent>(ctx.app.db, [&](store::Tx& tx) { return store::GetPatent(tx, number); }));
  const Date today = core::Today();
  IPA_TRY(on, DateParam(ctx.req, "on", today));
  return JsonResponse(DetailJson(p, today, on));
}

core::Result<Response> ExportPatents(Context& ctx) {
  IPA_TRY(filter, FilterFrom(ctx.req));
  auto it = ctx.req.query.find("format");
  const std::string format = it == ctx.req.query.end() ? "jsonl" : it->second;
  if (format != "jsonl" && format != "csv") return Fail(ErrorCode::kInvalidArgument, "format: jsonl or csv", "format");
  constexpr int kMaxExport = 50000;
  IPA_TRY(rows, store::ReadValue<std::vector<std::pair<core::PatentId, Patent>>>(
                    ctx.app.db, [&](store::Tx& tx) { return store::ListPatents(tx, filter, 0, kMaxExport + 1); }));
  if (rows.size() > kMaxExport) {
    return Fail(ErrorCode::kInvalidArgument, "the selection has more than 50,000 patents; narrow it", "filter");
  }
  Response r;
  const Date today = core::Today();
  if (format == "jsonl") {
    r.content_type = "application/x-ndjson; charset=utf-8";
    for (const auto& [id, p] : rows) r.body += importer::ToJsonLine(p) + "\n";
  } else {
    r.content_type = "text/csv; charset=utf-8";
    r.body = "\xEF\xBB\xBF";  // a BOM so spreadsheet programs read the Chinese text as UTF-8
    r.body += "application_number,publication_number,type,title,applicants,region_code,filing_date,grant_date,main_ipc,status\r\n";
    for (const auto& [id, p] : rows) {
      std::string applicants;
      for (const auto& a : p.applicants) applicants += (applicants.empty() ? "" : ";") + a.name;
      r.body += CsvField(p.application_number) + "," + CsvField(p.publication_number) + "," +
                CsvField(core::PatentTypeName(p.type)) + "," + CsvField(p.title_zh.empty() ? p.title_en : p.title_zh) + "," +
                CsvField(applicants) + "," + CsvField(p.region_code) + "," +
                CsvField(p.filing_date ? core::FormatDate(*p.filing_date) : "") + "," +
                CsvField(p.grant_date ? core::FormatDate(*p.grant_date) : "") + "," +
                CsvField(p.ipc.empty() ? "" : p.ipc[0]) + "," +
                CsvField(core::LegalStatusName(core::CompileFacts(p).StatusOn(today))) + "\r\n";
    }
  }
  r.SetHeader("Content-Disposition", "attachment; filename=\"patents." + format + "\"");
  return r;
}

Json JobJson(const service::ImportJobView& j) {
  Json rejections = Json::array();
  for (const auto& r : j.summary.rejections) {
    rejections.push_back({{"file", r.where.file}, {"line", r.where.line}, {"record", r.where.record},
                          {"field", r.field}, {"reason", r.reason}});
  }
  return {{"id", j.id}, {"state", j.state}, {"file_name", j.file_name}, {"format", j.format},
          {"progress", j.progress}, {"records", j.records},
          {"summary", {{"imported", j.summary.imported}, {"updated", j.summary.updated},
                       {"rejected", j.summary.rejected}, {"events_added", j.summary.events_added},
                       {"line", service::SummaryLine(j.summary)}}},
          {"warnings", j.summary.warnings}, {"rejections", rejections},
          {"error", j.error.empty() ? Json(nullptr) : Json(j.error)},
          {"started_at", core::FormatIsoTime(j.started_at)},
          {"finished_at", j.finished_at ? Json(core::FormatIsoTime(j.finished_at)) : Json(nullptr)}};
}

core::Result<Response> StartImport(Context& ctx) {
  if (!ctx.app.imports) return Fail(ErrorCode::kUnavailable, "imports are not enabled on this server");
  auto it = ctx.req.query.find("format");
  IPA_TRY(format, importer::ParseFormat(it == ctx.req.query.end() ? "" : it->second));
  auto name = ctx.req.query.find("file_name");
  std::string file_name = name == ctx.req.query.end() ? "upload" : name->second;
  // A spooled upload is moved into the job's folder; an in-memory one (tests) is written there.
  auto started = ctx.req.spooled
                     ? ctx.app.imports->StartFromFile(ctx.actor, format, std::move(file_name), ctx.req.spooled->size(),
                                                      [&](const std::string& dest, std::string& error) {
                                                        return ctx.req.spooled->TakeFile(dest, error);
                                                      })
                     : ctx.app.imports->Start(ctx.actor, format, std::move(file_name), ctx.req.body);
  IPA_TRY(job, std::move(started));
  Response r = JsonResponse(JobJson(job), 202);
  r.SetHeader("Location", "/api/v1/imports/" + std::to_string(job.id));
  return r;
}

core::Result<Response> GetImport(Context& ctx) {
  if (!ctx.app.imports) return Fail(ErrorCode::kUnavailable, "imports are not enabled on this server");
  IPA_TRY(id, ParseId(ctx.Param("id"), "import"));
  IPA_TRY(job, ctx.app.imports->Get(ctx.actor, id));
  return JsonResponse(JobJson(job));
}

}  // namespace

void RegisterPatentRoutes(Router& router) {
  const std::vector<QueryParam> filters = {
      {"type", "invention, utility_model, design"}, {"region", "GB/T 2260 code prefix"}, {"ipc", "IPC prefix, e.g. H01M or H01M 10"},
      {"applicant", "applicant name contains"}, {"org_id", "applicant organisation"}, {"filed_from", "YYYY-MM-DD"},
      {"filed_to", "YYYY-MM-DD"}};
  std::vector<QueryParam> list_params = filters;
  list_params.push_back({"cursor", "from next_cursor"});
  list_params.push_back({"limit", "1-200"});
  std::vector<QueryParam> export_params = filters;
  export_params.push_back({"format", "jsonl or csv (UTF-8 with BOM)"});
  const Policy importers = Policy::Roles({core::Role::kAdmin, core::Role::kOffice});
  router.Add({"GET", "/api/v1/patents", Policy::AnyUser(), "List patents with their status today", "patents", ListPatents, list_params});
  router.Add({"GET", "/api/v1/patents/export", Policy::AnyUser(), "Export a selection (at most 50,000) as JSON Lines or CSV", "patents", ExportPatents, export_params});
  router.Add({"GET", "/api/v1/patents/{number}", Policy::AnyUser(), "A patent: bibliographic data, events, status today and on a date, annuities", "patents", GetPatent, {{"on", "YYYY-MM-DD: the status on this day"}}});
  Route upload{"POST", "/api/v1/imports", importers, "Upload a file to import (body: the file; up to 256 MiB); answers a job", "patents", StartImport,
               {{"format", "cn-csv, jsonl, uspto-xml or events-csv"}, {"file_name", "the uploaded file's name"}}};
  upload.raw_body = true;
  upload.max_body = 256u << 20;
  router.Add(std::move(upload));
  router.Add({"GET", "/api/v1/imports/{id}", importers, "An import job's progress, summary and rejections", "patents", GetImport});
}

}  // namespace ipa::http
