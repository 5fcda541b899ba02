// /api/v1/search (ranked hits, facets, cursor paging), /api/v1/search/export (the whole result
// set streamed as CSV or JSON Lines) and /api/v1/saved-searches (each user's named queries).
#include <chrono>
#include <cmath>
#include <cstdlib>

#include "core/ipc_reference.hpp"
#include "core/region.hpp"
#include "core/text.hpp"
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "index/query.hpp"
#include "service/saved_search_service.hpp"
#include "service/search_service.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr uint32_t kDefaultLimit = 10;
constexpr uint32_t kMaxLimit = 100;

core::Result<service::SearchService*> Engine(Context& ctx) {
  if (ctx.app.search == nullptr) return Fail(ErrorCode::kUnavailable, "the search index is not running");
  return ctx.app.search;
}

std::string QueryParamOr(const Request& req, const char* name, std::string fallback = {}) {
  auto it = req.query.find(name);
  return it == req.query.end() ? fallback : it->second;
}

// q, sort, as_of, cursor and limit of a search or export request.
core::Result<service::SearchQuery> SearchQueryFrom(const Request& req) {
  service::SearchQuery q;
  q.q = QueryParamOr(req, "q");
  if (core::Trim(q.q).empty()) return Fail(ErrorCode::kInvalidArgument, "give a query", "q");
  const std::string sort = QueryParamOr(req, "sort", "relevance");
  auto by = service::ParseSortBy(sort);
  if (!by) {
    return Fail(ErrorCode::kInvalidArgument,
                "sort: relevance, filing_desc, filing_asc, publication_desc or grant_desc", "sort");
  }
  q.sort = *by;
  IPA_TRY(as_of, DateParam(req, "as_of", core::Today()));
  q.as_of = as_of;
  q.cursor = QueryParamOr(req, "cursor");
  const std::string limit = QueryParamOr(req, "limit");
  q.limit = kDefaultLimit;
  if (!limit.empty()) {
    char* end = nullptr;
    const long v = std::strtol(limit.c_str(), &end, 10);
    if (*end != '\0' || v < 1 || v > static_cast<long>(kMaxLimit)) {
      return Fail(ErrorCode::kInvalidArgument, "limit: a number from 1 to " + std::to_string(kMaxLimit), "limit");
    }
    q.limit = static_cast<uint32_t>(v);
  }
  return q;
}

Json HitJson(const service::SearchHit& h) {
  return {{"application_number", h.application_number},
          {"publication_number", h.publication_number},
          {"title", h.title},
          {"title_html", h.title_html},
          {"snippet_html", h.abstract_html},
          {"applicants", h.applicants},
          {"filing_date", h.filing_date ? Json(core::FormatDate(*h.filing_date)) : Json(nullptr)},
          {"type", core::PatentTypeName(h.type)},
          {"region_code", h.region_code},
          {"region_name", h.region_code.empty() ? std::string() : core::RegionFullName(h.region_code)},
          {"status", core::LegalStatusName(h.status)},
          {"score", h.score}};
}

// A facet's buckets with a display label where the value is a code.
Json FacetJson(const std::vector<index::FacetValue>& values, std::string (*label)(const std::string&)) {
  Json out = Json::array();
  for (const auto& v : values) {
    Json b = {{"key", v.value}, {"count", v.count}};
    if (label != nullptr) b["label"] = label(v.value);
    out.push_back(std::move(b));
  }
  return out;
}

std::string RegionLabel(const std::string& code) { return code.empty() ? "未知" : core::RegionFullName(code); }
std::string IpcLabel(const std::string& symbol) {
  std::string zh = core::IpcTitleFor(symbol, core::Lang::kZh);
  return symbol + (zh.empty() ? "" : " " + zh);
}
std::string WipoLabel(const std::string& number) {
  const core::WipoField* f = core::FindWipoField(std::atoi(number.c_str()));
  return f == nullptr ? number : f->field_zh;
}

Json FacetsJson(const index::Facets& f) {
  return {{"region", FacetJson(f.region, RegionLabel)},
          {"type", FacetJson(f.type, nullptr)},
          {"status", FacetJson(f.status, nullptr)},
          {"year", FacetJson(f.year, nullptr)},
          {"ipc_section", FacetJson(f.ipc_section, IpcLabel)},
          {"ipc_subclass", FacetJson(f.ipc_subclass, IpcLabel)},
          {"applicant", FacetJson(f.applicant, nullptr)},
          {"wipo_field", FacetJson(f.wipo, WipoLabel)}};
}

core::Result<Response> Search(Context& ctx) {
  IPA_TRY(engine, Engine(ctx));
  IPA_TRY(q, SearchQueryFrom(ctx.req));
  q.facets = QueryParamOr(ctx.req, "facets", "1") != "0";
  const auto start = std::chrono::steady_clock::now();
  IPA_TRY(page, engine->Search(q));
  const double took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  Json items = Json::array();
  for (const auto& h : page.items) items.push_back(HitJson(h));
  Json body = {{"total", page.total},
               {"items", std::move(items)},
               {"next_cursor", page.next_cursor.empty() ? Json(nullptr) : Json(page.next_cursor)},
               {"query", page.query},
               {"as_of", core::FormatDate(*q.as_of)},
               {"took_ms", std::round(took_ms * 100) / 100}};
  if (q.facets) body["facets"] = FacetsJson(page.facets);
  return JsonResponse(body);
}

constexpr size_t kExportChunkBytes = 256 * 1024;

// Every hit, in result order, streamed: CSV with a UTF-8 BOM (for spreadsheets) or JSON Lines.
core::Result<Response> ExportSearch(Context& ctx) {
  IPA_TRY(engine, Engine(ctx));
  IPA_TRY(q, SearchQueryFrom(ctx.req));
  q.snippets = false;
  const std::string format = QueryParamOr(ctx.req, "format", "csv");
  if (format != "csv" && format != "jsonl") return Fail(ErrorCode::kInvalidArgument, "format: csv or jsonl", "format");
  // A bad query must fail here, with a problem document, not halfway through a 200.
  IPA_CHECK(engine->Search({q.q, q.sort, 0, q.cursor, q.as_of, false, false}));
  Response r;
  r.content_type = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
  r.SetHeader("Content-Disposition", "attachment; filename=\"search." + format + "\"");
  const bool csv = format == "csv";
  r.stream = ProduceBody([engine, q, csv](const std::function<bool(std::string)>& emit) {
    std::string buf;
    if (csv) {
      buf = "\xEF\xBB\xBF";  // BOM: spreadsheet programs then read the Chinese text as UTF-8
      buf += "application_number,publication_number,title,applicants,filing_date,type,region_code,region_name,status,score\r\n";
    }
    bool open = true;
    auto result = engine->ForEachHit(q, [&](const service::SearchHit& h) {
      if (csv) {
        std::string applicants;
        for (const auto& a : h.applicants) applicants += (applicants.empty() ? "" : ";") + a;
        buf += CsvField(h.application_number) + "," + CsvField(h.publication_number) + "," + CsvField(h.title) + "," +
               CsvField(applicants) + "," + CsvField(h.filing_date ? core::FormatDate(*h.filing_date) : "") + "," +
               CsvField(core::PatentTypeName(h.type)) + "," + CsvField(h.region_code) + "," +
               CsvField(h.region_code.empty() ? "" : core::RegionFullName(h.region_code)) + "," +
               CsvField(core::LegalStatusName(h.status)) + "," + std::to_string(h.score) + "\r\n";
      } else {
        Json j = HitJson(h);
        j.erase("title_html");
        j.erase("snippet_html");
        buf += j.dump(-1, ' ', false, Json::error_handler_t::replace);
        buf += '\n';
      }
      if (buf.size() >= kExportChunkBytes) {
        open = emit(std::move(buf));
        buf.clear();
      }
      return open;
    });
    if (open && !buf.empty()) emit(std::move(buf));
    (void)result;
  });
  return r;
}

Json ToJson(const service::SavedSearch& s) {
  return {{"id", s.id}, {"name", s.name}, {"query", s.query}, {"sort", s.sort},
          {"created_at", s.created_at}};
}

core::Result<Response> ListSavedSearches(Context& ctx) {
  IPA_TRY(list, service::SavedSearchService(ctx.app.db).List(ctx.actor));
  Json items = Json::array();
  for (const auto& s : list) items.push_back(ToJson(s));
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

core::Result<Response> CreateSavedSearch(Context& ctx) {
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(name, f.RequiredString("name"));
  IPA_TRY(query, f.RequiredString("query"));
  IPA_TRY(sort, f.String("sort"));
  IPA_CHECK(f.Finish());
  IPA_TRY(created, service::SavedSearchService(ctx.app.db)
                       .Create(ctx.actor, name, query, sort.value_or("relevance")));
  return JsonResponse(ToJson(created), 201);
}

core::Result<Response> DeleteSavedSearch(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "saved search"));
  IPA_CHECK(service::SavedSearchService(ctx.app.db).Delete(ctx.actor, id));
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void RegisterSearchRoutes(Router& router) {
  std::vector<QueryParam> params = {
      {"q", "the query (docs/search-syntax.md)"},
      {"sort", "relevance (default), filing_desc, filing_asc, publication_desc, grant_desc"},
      {"as_of", "YYYY-MM-DD: the day for status conditions without @ and the status shown (default today)"},
      {"cursor", "next_cursor of the previous page"}};
  std::vector<QueryParam> search_params = params;
  search_params.push_back({"limit", "1..100, default 10"});
  search_params.push_back({"facets", "0 to leave out the facet counts"});
  std::vector<QueryParam> export_params = params;
  export_params.push_back({"format", "csv (UTF-8 with BOM, default) or jsonl"});
  router.Add({"GET", "/api/v1/search", Policy::AnyUser(), "Search patents: ranked hits, highlights, facets", "search",
              Search, search_params});
  router.Add({"GET", "/api/v1/search/export", Policy::AnyUser(),
              "Every hit of a search, streamed as CSV or JSON Lines (no cap)", "search", ExportSearch, export_params});
  router.Add({"GET", "/api/v1/saved-searches", Policy::AnyUser(), "My saved searches", "search",
              ListSavedSearches});
  router.Add({"POST", "/api/v1/saved-searches", Policy::AnyUser(),
              "Save a search (name, query in the search language, sort)", "search", CreateSavedSearch,
              {}, true, 201});
  router.Add({"DELETE", "/api/v1/saved-searches/{id}", Policy::AnyUser(), "Delete one of my saved searches",
              "search", DeleteSavedSearch});
}

}  // namespace ipa::http
