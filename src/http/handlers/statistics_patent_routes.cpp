// /api/v1/statistics/{patents,overview,top-applicants,fields,flows}: statistics computed from the
// live patent index and store, each figure with its definition (zh and en). docs/statistics.md.
#include <charconv>
#include <set>

#include "core/ipc_reference.hpp"
#include "core/region.hpp"
#include "core/stats_official.hpp"
#include "core/text.hpp"
#include "core/tsv.hpp"
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "http/handlers/statistics_json.hpp"
#include "service/patent_statistics.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;

std::string Param(const Context& ctx, const char* key) {
  auto it = ctx.req.query.find(key);
  return it == ctx.req.query.end() ? std::string() : it->second;
}

core::Result<service::SearchService*> Engine(Context& ctx) {
  if (ctx.app.search == nullptr) return Fail(ErrorCode::kUnavailable, "the search index is not running");
  return ctx.app.search;
}

core::Result<int> YearParam(const Context& ctx, const char* key, int fallback) {
  const std::string text = Param(ctx, key);
  if (text.empty()) return fallback;
  int year = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || p != text.data() + text.size() || year < 1985 || year > 2100) {
    return Fail(ErrorCode::kInvalidArgument, std::string(key) + ": a year from 1985 to 2100", key);
  }
  return year;
}

// One province (code or name) or "" for all patents.
core::Result<std::string> OneRegion(const Context& ctx) {
  const std::string text = Param(ctx, "region");
  if (text.empty() || text == core::kNationalRegionCode) return std::string();
  auto code = core::ParseStatRegion(text);
  if (!code) return Fail(ErrorCode::kInvalidArgument, "region: a province code or name, or 100000 for the nation", "region");
  return *code == core::kNationalRegionCode ? std::string() : *code;
}

std::string RegionName(const std::string& code) {
  if (code.empty()) return "未知";
  if (code == core::kNationalRegionCode) return "全国";
  return core::RegionFullName(code);
}

Json Definition(std::string zh, std::string en) { return {{"zh", std::move(zh)}, {"en", std::move(en)}}; }

// ---- /statistics/patents -----------------------------------------------------------------

struct CountMeasure {
  const char* id;
  const char* zh;
  const char* en;
};
constexpr CountMeasure kCountMeasures[] = {
    {"patents", "专利件数：索引中符合条件的全部专利（申请），按所选维度分组；状态维度为截至日的法律状态。",
     "Patents: every patent (application) in the index matching the query, grouped by the chosen dimensions; "
     "status is the legal status on the as-of date."},
    {"valid_patents", "有效专利：截至日处于有效（含年费宽限期）状态的已授权专利。",
     "Valid patents: granted patents in force (including an annuity grace period) on the as-of date."},
    {"valid_inventions", "有效发明专利：截至日处于有效状态的发明专利。",
     "Valid invention patents: invention patents in force on the as-of date."},
    {"grants", "授权专利：截至日前（含）已公告授权的专利，按授权年份或其他维度分组。",
     "Grants: patents whose grant was announced on or before the as-of date."},
};

const CountMeasure* FindCountMeasure(std::string_view id) {
  for (const CountMeasure& m : kCountMeasures) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

core::Result<std::vector<index::CountDim>> ParseGroup(const std::string& text) {
  std::vector<index::CountDim> dims;
  const std::string list = text.empty() ? "province,filing_year" : text;
  for (std::string_view part : core::Split(list, ',')) {
    auto dim = service::ParseCountDim(core::Trim(part));
    if (!dim) {
      return Fail(ErrorCode::kInvalidArgument, "group: province, filing_year, grant_year, type, status or wipo", "group");
    }
    if (std::find(dims.begin(), dims.end(), *dim) != dims.end()) {
      return Fail(ErrorCode::kInvalidArgument, "group: a dimension is repeated", "group");
    }
    dims.push_back(*dim);
  }
  if (dims.empty() || dims.size() > 4) return Fail(ErrorCode::kInvalidArgument, "group: 1 to 4 dimensions", "group");
  return dims;
}

const char* DimName(index::CountDim d) {
  switch (d) {
    case index::CountDim::kProvince: return "province";
    case index::CountDim::kFilingYear: return "filing_year";
    case index::CountDim::kGrantYear: return "grant_year";
    case index::CountDim::kType: return "type";
    case index::CountDim::kStatus: return "status";
    case index::CountDim::kWipo: return "wipo";
  }
  return "";
}

// Appends `dim` to the internal dimensions when the caller did not group by it; its position.
size_t EnsureDim(std::vector<index::CountDim>& dims, index::CountDim dim) {
  auto it = std::find(dims.begin(), dims.end(), dim);
  if (it != dims.end()) return static_cast<size_t>(it - dims.begin());
  dims.push_back(dim);
  return dims.size() - 1;
}

core::Result<Response> PatentCounts(Context& ctx) {
  IPA_TRY(engine, Engine(ctx));
  IPA_TRY(dims, ParseGroup(Param(ctx, "group")));
  IPA_TRY(as_of, DateParam(ctx.req, "as_of", core::Today()));
  const std::string measure_id = Param(ctx, "measure").empty() ? "patents" : Param(ctx, "measure");
  const CountMeasure* measure = FindCountMeasure(measure_id);
  if (!measure) return Fail(ErrorCode::kInvalidArgument, "measure: patents, valid_patents, valid_inventions or grants", "measure");
  std::string q(core::Trim(Param(ctx, "q")));
  if (measure_id == "grants") q = (q.empty() ? "" : "(" + q + ") AND ") + "GD<=" + core::FormatDate(as_of);
  std::vector<index::CountDim> internal = dims;
  const bool valid = measure_id.starts_with("valid");
  size_t status_at = 0, type_at = 0;
  if (valid) status_at = EnsureDim(internal, index::CountDim::kStatus);
  if (measure_id == "valid_inventions") type_at = EnsureDim(internal, index::CountDim::kType);
  if (internal.size() > 4) return Fail(ErrorCode::kInvalidArgument, "group: too many dimensions for this measure", "group");
  auto rows = engine->Counts(q, internal, as_of);
  if (!rows) {
    core::Error e = rows.error();
    if (e.code == ErrorCode::kInvalidArgument) e.field = "q";
    return std::unexpected(std::move(e));
  }
  std::map<std::vector<std::string>, uint64_t> merged;
  for (const index::CountRow& r : *rows) {
    if (valid && r.key[status_at] != "valid" && r.key[status_at] != "valid_grace") continue;
    if (measure_id == "valid_inventions" && r.key[type_at] != "invention") continue;
    merged[std::vector<std::string>(r.key.begin(), r.key.begin() + static_cast<long>(dims.size()))] += r.count;
  }
  Json items = Json::array();
  uint64_t total = 0;
  for (const auto& [key, count] : merged) {
    Json item = Json::object();
    for (size_t i = 0; i < dims.size(); ++i) {
      item[DimName(dims[i])] = key[i];
      if (dims[i] == index::CountDim::kProvince) item["region_name"] = RegionName(key[i]);
    }
    item["count"] = count;
    total += count;
    items.push_back(std::move(item));
  }
  Json group = Json::array();
  for (index::CountDim d : dims) group.push_back(DimName(d));
  return JsonResponse({{"group", group}, {"as_of", core::FormatDate(as_of)}, {"q", Param(ctx, "q")},
                       {"measure", measure_id}, {"definition", Definition(measure->zh, measure->en)},
                       {"total", total}, {"items", items}, {"source", "patent index"}});
}

// ---- /statistics/overview ----------------------------------------------------------------

core::Result<core::PatentMeasure> ParseNumerator(const std::string& text) {
  if (text.empty() || text == "applications") return core::PatentMeasure::kApplications;
  if (text == "grants") return core::PatentMeasure::kGrants;
  if (text == "valid" || text == "valid_patents") return core::PatentMeasure::kValidPatents;
  if (text == "valid_inventions") return core::PatentMeasure::kValidInventions;
  return Fail(ErrorCode::kInvalidArgument, "numerator: applications, grants, valid or valid_inventions", "numerator");
}

core::Result<std::vector<std::string>> ParseRegionList(const std::string& text) {
  std::vector<std::string> out;
  const std::string list = text.empty() ? "110000,120000,130000" : text;
  for (std::string_view part : core::Split(list, ',')) {
    auto code = core::ParseStatRegion(core::Trim(part));
    if (!code) return Fail(ErrorCode::kInvalidArgument, "regions: province codes or names, comma-separated", "regions");
    if (*code != core::kNationalRegionCode) out.push_back(*code);
    if (out.size() > 40) return Fail(ErrorCode::kInvalidArgument, "regions: at most 40 regions", "regions");
  }
  return out;
}

Json CountDefinitions() {
  return {{"applications", Definition("申请量：当年提交的专利申请件数（按申请日年份）。",
                                      "Applications: patent applications filed in the year (by filing date).")},
          {"grants", Definition("授权量：当年公告授权的专利件数（按授权日年份）。",
                                "Grants: patents whose grant was announced in the year (by grant date).")},
          {"cohort_grants", Definition("同批授权量：当年提交的申请中截至日前已获授权的件数。",
                                       "Cohort grants: applications filed in the year that were granted by the as-of date.")},
          {"valid_patents", Definition("有效专利：年末（当年为截至日）处于有效状态（含宽限期）的专利。",
                                       "Valid patents: patents in force (incl. grace period) at the end of the year, or on the as-of date in its year.")},
          {"valid_inventions", Definition("有效发明专利：年末（当年为截至日）处于有效状态的发明专利。",
                                          "Valid invention patents: invention patents in force at the end of the year, or on the as-of date.")},
          {"nation", Definition("全国：索引中的全部专利（含地区未知者）。",
                                "Nation: every patent in the index, including those of unknown region.")}};
}

Json OverviewYearJson(const service::OverviewYear& y, std::set<std::string>& series_used) {
  Json indicators = Json::object();
  for (const core::IndicatorValue& v : y.indicators) {
    if (v.definition) indicators[std::string(v.definition->id)] = IndicatorJson(v);
    if (v.denominator && !v.denominator->series.empty() && v.denominator->name != "applications") {
      series_used.insert(v.denominator->series);
    }
  }
  return {{"region_code", y.region_code}, {"region_name", RegionName(y.region_code)}, {"year", y.year},
          {"applications", y.applications}, {"grants", y.grants}, {"cohort_grants", y.cohort_grants},
          {"valid_patents", y.valid_patents}, {"valid_inventions", y.valid_inventions},
          {"valid_on", core::FormatDate(y.valid_on)}, {"indicators", indicators}};
}

core::Result<Response> Overview(Context& ctx) {
  IPA_TRY(engine, Engine(ctx));
  service::OverviewRequest r;
  IPA_TRY(regions, ParseRegionList(Param(ctx, "regions")));
  r.regions = std::move(regions);
  IPA_TRY(as_of, DateParam(ctx.req, "as_of", core::Today()));
  r.as_of = as_of;
  int as_of_year = 0;
  unsigned m = 0, d = 0;
  core::SplitDate(as_of, as_of_year, m, d);
  IPA_TRY(to, YearParam(ctx, "to", std::min(as_of_year, 2100)));
  IPA_TRY(from, YearParam(ctx, "from", std::max(1985, to - 9)));
  r.from_year = from;
  r.to_year = to;
  IPA_TRY(numerator, ParseNumerator(Param(ctx, "numerator")));
  r.numerator = numerator;
  r.series = Param(ctx, "series");
  if (!r.series.empty() && !core::FindStatSeries(r.series)) {
    return Fail(ErrorCode::kInvalidArgument, "series: one of the ids of /api/v1/statistics/reference", "series");
  }
  IPA_TRY(overview, service::PatentOverview(*engine, r));
  std::set<std::string> series_used;
  Json items = Json::array();
  for (const service::OverviewYear& y : overview.years) items.push_back(OverviewYearJson(y, series_used));
  Json as_of_items = Json::array();
  for (const service::OverviewAsOf& a : overview.as_of) {
    as_of_items.push_back({{"region_code", a.region_code}, {"region_name", RegionName(a.region_code)},
                           {"valid_patents", a.valid_patents}, {"valid_inventions", a.valid_inventions},
                           {"valid_share", IndicatorJson(a.valid_share)},
                           {"invention_share", IndicatorJson(a.invention_share)}});
  }
  Json series = Json::array();
  for (const std::string& id : series_used) {
    const core::StatSeries* s = core::FindStatSeries(id);
    series.push_back({{"id", id}, {"revision", s ? s->revision : ""}, {"label_zh", s ? s->label_zh : ""},
                      {"label_en", s ? s->label_en : ""}});
  }
  Json indicator_defs = Json::array();
  for (const core::IndicatorDefinition& def : core::AllIndicatorDefinitions()) {
    indicator_defs.push_back({{"id", def.id}, {"name_zh", def.name_zh}, {"name_en", def.name_en}, {"unit", def.unit},
                              {"definition_zh", def.definition_zh}, {"definition_en", def.definition_en}});
  }
  return JsonResponse(
      {{"as_of", core::FormatDate(as_of)}, {"from", from}, {"to", to},
       {"numerator", {{"id", core::PatentMeasureId(numerator)}, {"name_zh", core::PatentMeasureNameZh(numerator)},
                      {"name_en", core::PatentMeasureNameEn(numerator)}}},
       {"series_requested", r.series.empty() ? Json(nullptr) : Json(r.series)},
       {"series_used", series}, {"definitions", CountDefinitions()}, {"indicators", indicator_defs},
       {"items", items}, {"as_of_items", as_of_items}, {"source", "patent index"}});
}

// ---- /statistics/top-applicants and /statistics/fields -----------------------------------

core::Result<uint32_t> LimitParam(const Context& ctx) {
  const std::string text = Param(ctx, "limit");
  if (text.empty()) return 10;
  uint32_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < 1 || v > 100) {
    return Fail(ErrorCode::kInvalidArgument, "limit: a number from 1 to 100", "limit");
  }
  return v;
}

core::Result<Response> TopApplicants(Context& ctx) {
  IPA_TRY(engine, Engine(ctx));
  IPA_TRY(region, OneRegion(ctx));
  IPA_TRY(limit, LimitParam(ctx));
  IPA_TRY(rows, service::TopApplicants(*engine, region, limit));
  Json items = Json::array();
  for (const service::NamedCount& c : rows) items.push_back({{"name", c.key}, {"count", c.count}});
  const std::string code = region.empty() ? std::string(core::kNationalRegionCode) : region;
  return JsonResponse(
      {{"region_code", code}, {"region_name", RegionName(code)}, {"items", items},
       {"definition", Definition("申请人专利数：该地区专利中列为申请人（规范化名称）的专利件数，按件数排序。",
                                 "Patents per applicant: patents of the region listing the applicant (normalised "
                                 "name), most first.")}});
}

core::Result<Response> Fields(Context& ctx) {
  IPA_TRY(engine, Engine(ctx));
  IPA_TRY(region, OneRegion(ctx));
  const std::string level = Param(ctx, "level").empty() ? "section" : Param(ctx, "level");
  if (level != "section" && level != "wipo") return Fail(ErrorCode::kInvalidArgument, "level: section or wipo", "level");
  Json items = Json::array();
  Json definition;
  if (level == "section") {
    IPA_TRY(rows, service::IpcSections(*engine, region));
    for (const service::NamedCount& c : rows) {
      items.push_back({{"key", c.key}, {"name_zh", core::IpcTitleFor(c.key, core::Lang::kZh)},
                       {"name_en", core::IpcTitleFor(c.key, core::Lang::kEn)}, {"count", c.count}});
    }
    definition = Definition("IPC部：按专利的IPC分类号所属部计数（一件专利可计入多个部）。",
                            "IPC sections: patents counted under each IPC section of their classification codes "
                            "(a patent may count in several sections).");
  } else {
    IPA_TRY(rows, service::WipoFields(*engine, region));
    for (const service::NamedCount& c : rows) {
      const core::WipoField* f = core::FindWipoField(std::atoi(c.key.c_str()));
      items.push_back({{"key", c.key}, {"name_zh", f ? f->field_zh : ""}, {"name_en", f ? f->field_en : ""},
                       {"sector_zh", f ? f->sector_zh : ""}, {"sector_en", f ? f->sector_en : ""},
                       {"count", c.count}});
    }
    definition = Definition("WIPO技术领域：按主IPC分类号经WIPO IPC-技术对照表归入35个技术领域之一计数。",
                            "WIPO fields: patents counted in one of the 35 fields of the WIPO IPC-technology "
                            "concordance, by main IPC code.");
  }
  const std::string code = region.empty() ? std::string(core::kNationalRegionCode) : region;
  return JsonResponse({{"region_code", code}, {"region_name", RegionName(code)}, {"level", level},
                       {"items", items}, {"definition", definition}});
}

// ---- /statistics/flows -------------------------------------------------------------------

core::Result<Response> Flows(Context& ctx) {
  IPA_TRY(engine, Engine(ctx));
  service::FlowRequest r;
  IPA_TRY(from, YearParam(ctx, "from", 0));
  IPA_TRY(to, YearParam(ctx, "to", 0));
  if (from && to && from > to) return Fail(ErrorCode::kInvalidArgument, "from: after to", "from");
  r.from_year = from;
  r.to_year = to;
  const std::string kind = Param(ctx, "kind");
  if (kind == "transfer") r.kinds = {core::EventKind::kTransfer};
  else if (kind == "licence") r.kinds = {core::EventKind::kLicence};
  else if (!kind.empty()) return Fail(ErrorCode::kInvalidArgument, "kind: transfer or licence", "kind");
  IPA_TRY(flows, service::PatentFlows(ctx.app.db, engine->Stats().applied_seq, r));
  Json items = Json::array();
  for (const service::FlowRow& row : flows.rows) {
    items.push_back({{"kind", row.kind == core::EventKind::kTransfer ? "transfer" : "licence"},
                     {"from_region", row.from_region}, {"from_name", RegionName(row.from_region)},
                     {"to_region", row.to_region}, {"to_name", RegionName(row.to_region)}, {"count", row.count}});
  }
  return JsonResponse(
      {{"from", from ? Json(from) : Json(nullptr)}, {"to", to ? Json(to) : Json(nullptr)},
       {"kind", kind.empty() ? Json(nullptr) : Json(kind)}, {"events", flows.events},
       {"unknown_from", flows.unknown_from}, {"unknown_to", flows.unknown_to}, {"unknown", flows.unknown_any},
       {"items", items},
       {"definition",
        Definition("流向：按事件日期年份统计的专利权转让（转让人→受让人）与实施许可备案（许可人→被许可人）件数；"
                   "一方的地区取其作为申请人的专利所在地区（最多者），否则取名称开头的地名；河北细分到地级市。",
                   "Flows: recorded transfers (assignor to assignee) and licences (licensor to licensee) by year of "
                   "the event; a party's region is the most frequent region of the patents it applied for, else the "
                   "place its name starts with; Hebei is split into its cities.")}});
}

}  // namespace

void RegisterStatisticsPatentRoutes(Router& router) {
  router.Add({"GET", "/api/v1/statistics/patents", Policy::AnyUser(),
              "Patent counts from the live index grouped by 1-4 dimensions, as of a date", "statistics", PatentCounts,
              {{"group", "comma-separated: province, filing_year, grant_year, type, status, wipo (default province,filing_year)"},
               {"as_of", "YYYY-MM-DD for status (default today)"},
               {"q", "restrict to the hits of a search query"},
               {"measure", "patents (default), valid_patents, valid_inventions or grants"}}});
  router.Add({"GET", "/api/v1/statistics/overview", Policy::AnyUser(),
              "Per region and year: applications, grants, grant ratios, valid patents, shares, growth, per GDP and "
              "per population, each with its definition",
              "statistics", Overview,
              {{"regions", "comma-separated province codes or names (default 110000,120000,130000); the nation is added"},
               {"from", "first year (default to - 9)"}, {"to", "last year (default the as-of year)"},
               {"as_of", "YYYY-MM-DD (default today)"},
               {"numerator", "applications (default), grants, valid or valid_inventions"},
               {"series", "GDP/population series id (default the newest vintage per year)"}}});
  router.Add({"GET", "/api/v1/statistics/top-applicants", Policy::AnyUser(), "Applicants with the most patents",
              "statistics", TopApplicants,
              {{"region", "a province code or name (default the nation)"}, {"limit", "1..100, default 10"}}});
  router.Add({"GET", "/api/v1/statistics/fields", Policy::AnyUser(), "Patents by IPC section or WIPO field",
              "statistics", Fields,
              {{"region", "a province code or name (default the nation)"}, {"level", "section (default) or wipo"}}});
  router.Add({"GET", "/api/v1/statistics/flows", Policy::AnyUser(),
              "Region-to-region counts of patent transfers and licences", "statistics", Flows,
              {{"from", "first year of the event"}, {"to", "last year"}, {"kind", "transfer or licence (default both)"}}});
}

}  // namespace ipa::http
