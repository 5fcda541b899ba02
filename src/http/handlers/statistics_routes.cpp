// /api/v1/statistics/...: indicator definitions, NBS reference series, imported official
// tables and indicators computed from them. Every figure carries its definition and sources.
#include <charconv>

#include "core/stats_counts.hpp"
#include "core/stats_official.hpp"
#include "core/tsv.hpp"
#include "http/handlers/routes.hpp"
#include "http/handlers/statistics_json.hpp"
#include "http/json_io.hpp"
#include "service/statistic_service.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;

std::string QueryValue(const Context& ctx, const char* key) {
  auto it = ctx.req.query.find(key);
  return it == ctx.req.query.end() ? std::string() : it->second;
}

// "110000,120000" or names; "" gives `fallback`.
core::Result<std::vector<std::string>> ParseRegions(const Context& ctx, std::vector<std::string> fallback) {
  const std::string text = QueryValue(ctx, "region");
  if (text.empty()) return fallback;
  std::vector<std::string> out;
  for (std::string_view part : core::Split(text, ',')) {
    auto code = core::ParseStatRegion(part);
    if (!code) return Fail(ErrorCode::kInvalidArgument, "region: a province code or name, or 100000 for the nation", "region");
    out.push_back(*code);
    if (out.size() > 40) return Fail(ErrorCode::kInvalidArgument, "region: at most 40 regions", "region");
  }
  return out;
}

core::Result<int> ParseYear(const Context& ctx, const char* key) {
  const std::string text = QueryValue(ctx, key);
  if (text.empty()) return 0;
  int year = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || p != text.data() + text.size() || year < 1985 || year > 2100) {
    return Fail(ErrorCode::kInvalidArgument, std::string(key) + ": a year from 1985 to 2100", key);
  }
  return year;
}

core::Result<store::OfficialStatisticFilter> ParseFilter(const Context& ctx, std::vector<std::string> fallback) {
  store::OfficialStatisticFilter f;
  IPA_TRY(regions, ParseRegions(ctx, std::move(fallback)));
  IPA_TRY(from, ParseYear(ctx, "from"));
  IPA_TRY(to, ParseYear(ctx, "to"));
  if (from > 0 && to > 0 && from > to) return Fail(ErrorCode::kInvalidArgument, "from: after to", "from");
  f.region_codes = std::move(regions);
  f.from_year = from;
  f.to_year = to;
  return f;
}

Json OptJson(const auto& v) { return v ? Json(*v) : Json(nullptr); }

Json SeriesJson(const core::StatSeries& s) {
  Json sources = Json::array();
  for (const core::StatSource& src : core::AllStatSources()) {
    if (src.series_id != s.id) continue;
    sources.push_back({{"id", src.id}, {"scope", src.scope}, {"years", src.years}, {"origin", src.origin},
                       {"commit", src.commit}, {"licence", src.licence}});
  }
  return {{"id", s.id}, {"measure", core::StatMeasureId(s.measure)}, {"unit", s.unit}, {"revision", s.revision},
          {"latest", s.latest}, {"label_zh", s.label_zh}, {"label_en", s.label_en},
          {"revision_note", s.revision_note}, {"sources", sources}};
}

core::Result<Response> ListIndicators(Context&) {
  Json items = Json::array();
  for (const core::IndicatorDefinition& d : core::AllIndicatorDefinitions()) {
    items.push_back({{"id", d.id}, {"name_zh", d.name_zh}, {"name_en", d.name_en}, {"unit", d.unit},
                     {"definition_zh", d.definition_zh}, {"definition_en", d.definition_en}});
  }
  Json measures = Json::array();
  for (core::PatentMeasure m : core::kAllPatentMeasures) {
    measures.push_back({{"id", core::PatentMeasureId(m)}, {"name_zh", core::PatentMeasureNameZh(m)},
                        {"name_en", core::PatentMeasureNameEn(m)}});
  }
  return JsonResponse({{"items", items}, {"measures", measures}, {"next_cursor", nullptr}});
}

core::Result<Response> ListReference(Context& ctx) {
  IPA_TRY(filter, ParseFilter(ctx, {"100000", "110000", "120000", "130000"}));
  const std::string series = QueryValue(ctx, "series");
  if (!series.empty() && !core::FindStatSeries(series)) {
    return Fail(ErrorCode::kInvalidArgument, "series: one of the ids in the series list", "series");
  }
  const std::string measure_text = QueryValue(ctx, "measure");
  const auto measure = core::ParseStatMeasure(measure_text);
  if (!measure_text.empty() && !measure) return Fail(ErrorCode::kInvalidArgument, "measure: gdp or population", "measure");
  Json series_list = Json::array();
  for (const core::StatSeries& s : core::AllStatSeries()) series_list.push_back(SeriesJson(s));
  Json items = Json::array();
  // By series in their order (original before revised), then region, then year.
  for (const core::StatSeries& s : core::AllStatSeries()) {
    if ((measure && s.measure != *measure) || (!series.empty() && s.id != series)) continue;
    for (const std::string& region : filter.region_codes) {
      for (const core::ReferenceValue& v : core::ReferenceValues(s.measure, region, s.id)) {
        if ((filter.from_year && v.year < filter.from_year) || (filter.to_year && v.year > filter.to_year)) continue;
        items.push_back({{"measure", core::StatMeasureId(s.measure)}, {"region_code", v.region_code},
                         {"region_name", core::StatRegionName(v.region_code)}, {"year", v.year}, {"value", v.value},
                         {"unit", v.series->unit}, {"series", v.series->id}, {"revision", v.series->revision},
                         {"source", v.source->id}});
      }
    }
  }
  Json claims = Json::array();
  for (const core::PublishedClaim& c : core::AllPublishedClaims()) {
    Json checks = Json::array();
    if (c.indicator_id == "share_of_national_gdp") {
      for (const core::IndicatorValue& v : core::GdpShares(c.region_codes, c.year)) checks.push_back(IndicatorJson(v));
    }
    claims.push_back({{"id", c.id}, {"indicator", c.indicator_id}, {"year", c.year}, {"regions", c.region_codes},
                      {"value", c.value}, {"unit", c.unit}, {"source", c.source}, {"text", c.text},
                      {"computed", checks}});
  }
  Response resp = JsonResponse({{"series", series_list}, {"items", items}, {"claims", claims}, {"next_cursor", nullptr}});
  resp.SetHeader("Cache-Control", "private, max-age=3600");
  return resp;
}

core::Result<Response> ListOfficial(Context& ctx) {
  IPA_TRY(filter, ParseFilter(ctx, {}));
  IPA_TRY(rows, service::ListOfficialStatistics(ctx.app.db, filter));
  Json items = Json::array();
  for (const core::OfficialStatistic& r : rows) {
    items.push_back({{"region_code", r.region_code}, {"region_name", core::StatRegionName(r.region_code)},
                     {"year", r.year}, {"applications", OptJson(r.applications)}, {"grants", OptJson(r.grants)},
                     {"valid_patents", OptJson(r.valid_patents)}, {"valid_inventions", OptJson(r.valid_inventions)},
                     {"gdp", OptJson(r.gdp)}, {"population", OptJson(r.population)}, {"source", r.source}});
  }
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

core::Result<Response> OfficialIndicators(Context& ctx) {
  service::OfficialIndicatorRequest request;
  IPA_TRY(filter, ParseFilter(ctx, {}));
  request.filter = std::move(filter);
  const std::string indicators = QueryValue(ctx, "indicator"), measures = QueryValue(ctx, "measure");
  for (std::string_view id : core::Split(indicators, ',')) {
    if (id.empty()) continue;
    if (!core::FindIndicatorDefinition(id)) return Fail(ErrorCode::kInvalidArgument, "indicator: unknown indicator id", "indicator");
    request.indicator_ids.emplace_back(id);
  }
  for (std::string_view id : core::Split(measures, ',')) {
    if (id.empty()) continue;
    auto m = core::ParsePatentMeasure(id);
    if (!m) return Fail(ErrorCode::kInvalidArgument, "measure: applications, grants, valid_patents or valid_inventions", "measure");
    request.measures.push_back(*m);
  }
  request.series = QueryValue(ctx, "series");
  if (!request.series.empty() && !core::FindStatSeries(request.series)) {
    return Fail(ErrorCode::kInvalidArgument, "series: one of the ids of /api/v1/statistics/reference", "series");
  }
  IPA_TRY(values, service::OfficialIndicators(ctx.app.db, request));
  Json items = Json::array();
  for (const core::IndicatorValue& v : values) items.push_back(IndicatorJson(v));
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

}  // namespace

Json FigureJson(const std::optional<core::Figure>& f) {
  if (!f) return nullptr;
  Json j = {{"name", f->name}, {"value", f->value}, {"source", f->source}};
  if (auto m = core::ParsePatentMeasure(f->name)) {
    j["name_zh"] = core::PatentMeasureNameZh(*m);
    j["name_en"] = core::PatentMeasureNameEn(*m);
  }
  if (!f->series.empty()) {
    j["series"] = f->series;
    if (const core::StatSeries* s = core::FindStatSeries(f->series)) {
      j["series_label_en"] = s->label_en;
      j["revision"] = s->revision;
    }
  }
  return j;
}

Json IndicatorJson(const core::IndicatorValue& v) {
  Json j = {{"region_code", v.region_code}, {"region_name", core::StatRegionName(v.region_code)}, {"year", v.year},
            {"value", OptJson(v.value)}, {"numerator", FigureJson(v.numerator)},
            {"denominator", FigureJson(v.denominator)}, {"missing", v.missing.empty() ? Json(nullptr) : Json(v.missing)}};
  if (v.definition) {
    j["indicator"] = v.definition->id;
    j["unit"] = v.definition->unit;
    j["name_zh"] = v.definition->name_zh;
    j["name_en"] = v.definition->name_en;
    j["definition_zh"] = v.definition->definition_zh;
    j["definition_en"] = v.definition->definition_en;
  }
  return j;
}

void RegisterStatisticsRoutes(Router& router) {
  router.Add({"GET", "/api/v1/statistics/indicators", Policy::AnyUser(),
              "Indicator definitions (id, zh/en name, unit, definition) and the patent measures", "statistics",
              ListIndicators});
  router.Add({"GET", "/api/v1/statistics/reference", Policy::AnyUser(),
              "NBS GDP and population by region and year, per series (revision), with sources and published claims",
              "statistics", ListReference,
              {{"region", "comma-separated province codes or names; 100000 = nation (default: BJ, TJ, HE, nation)"},
               {"series", "series id (default: every series)"}, {"measure", "gdp or population"},
               {"from", "first year"}, {"to", "last year"}}});
  router.Add({"GET", "/api/v1/statistics/official", Policy::AnyUser(), "Imported official aggregate patent tables",
              "statistics", ListOfficial,
              {{"region", "comma-separated province codes or names; 100000 = nation"}, {"from", "first year"},
               {"to", "last year"}}});
  router.Add({"GET", "/api/v1/statistics/official/indicators", Policy::AnyUser(),
              "Indicators computed from the official tables, each with definition, numerator and denominator series",
              "statistics", OfficialIndicators,
              {{"region", "comma-separated province codes or names (default: BJ, TJ, HE, nation)"},
               {"from", "first year"}, {"to", "last year"},
               {"indicator", "comma-separated indicator ids (default: per_100m_gdp, per_10k_population, share_of_national, yoy_growth)"},
               {"measure", "comma-separated numerators: applications, grants, valid_patents, valid_inventions"},
               {"series", "GDP/population series id (default: the table's own figure, else the newest vintage)"}}});
}

}  // namespace ipa::http
