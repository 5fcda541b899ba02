#include "core/stats_counts.hpp"

namespace ipa::core {
namespace {

std::string YearText(int year) { return std::to_string(year); }

IndicatorValue Missing(const IndicatorRequest& r, std::string what) {
  IndicatorValue v = MissingIndicator(r.indicator_id, std::move(what));
  v.region_code = r.region_code;
  v.year = r.year;
  return v;
}

IndicatorValue WithKey(IndicatorValue v, const IndicatorRequest& r) {
  v.region_code = r.region_code;
  v.year = r.year;
  return v;
}

std::string NoCount(PatentMeasure m, std::string_view region, int year) {
  return "no " + std::string(PatentMeasureId(m)) + " count for " + std::string(region) + " in " + YearText(year);
}

IndicatorValue PerReference(const PatentCounts& counts, const IndicatorRequest& r, StatMeasure measure) {
  auto num = counts.Get(r.region_code, r.year, r.measure);
  if (!num) return Missing(r, NoCount(r.measure, r.region_code, r.year));
  std::optional<Figure> den;
  if (r.series.empty()) den = counts.GetDenominator(r.region_code, r.year, measure);
  if (!den) den = ReferenceFigure(measure, r.region_code, r.year, r.series);
  if (!den) {
    return Missing(r, "no " + std::string(StatMeasureId(measure)) + " figure for " + r.region_code + " in " +
                          YearText(r.year) + (r.series.empty() ? "" : " in series " + r.series));
  }
  return WithKey(measure == StatMeasure::kGdp ? PatentsPerGdp(*num, *den) : PatentsPerPopulation(*num, *den), r);
}

}  // namespace

void PatentCounts::Set(std::string_view region_code, int year, PatentMeasure measure, double value,
                       std::string source) {
  counts_[{std::string(region_code), year, static_cast<int>(measure)}] =
      Figure{value, std::string(PatentMeasureId(measure)), "", std::move(source)};
}

void PatentCounts::SetDenominator(std::string_view region_code, int year, StatMeasure measure, double value,
                                  std::string source) {
  denominators_[{std::string(region_code), year, static_cast<int>(measure)}] =
      Figure{value, std::string(StatMeasureId(measure)), "official table", std::move(source)};
}

std::optional<Figure> PatentCounts::Get(std::string_view region_code, int year, PatentMeasure measure) const {
  auto it = counts_.find({std::string(region_code), year, static_cast<int>(measure)});
  if (it == counts_.end()) return std::nullopt;
  return it->second;
}

std::optional<Figure> PatentCounts::GetDenominator(std::string_view region_code, int year,
                                                   StatMeasure measure) const {
  auto it = denominators_.find({std::string(region_code), year, static_cast<int>(measure)});
  if (it == denominators_.end()) return std::nullopt;
  return it->second;
}

std::optional<Figure> ReferenceFigure(StatMeasure measure, std::string_view region_code, int year,
                                      std::string_view series_id) {
  std::optional<ReferenceValue> v = series_id.empty() ? PreferredReferenceValue(measure, region_code, year)
                                                      : FindReferenceValue(measure, region_code, year, series_id);
  if (!v) return std::nullopt;
  std::string source = v->source ? v->source->origin : std::string();
  return Figure{v->value, std::string(StatMeasureId(measure)), v->series ? v->series->id : std::string(),
                std::move(source)};
}

std::vector<IndicatorValue> GdpShares(const std::vector<std::string>& region_codes, int year) {
  std::vector<IndicatorValue> out;
  std::string names;
  for (const std::string& code : region_codes) names += (names.empty() ? "" : "+") + code;
  for (const StatSeries& num_series : AllStatSeries()) {
    if (num_series.measure != StatMeasure::kGdp) continue;
    Figure part{0, "gdp", num_series.id, "sum of " + names};
    bool complete = !region_codes.empty();
    for (const std::string& code : region_codes) {
      auto v = FindReferenceValue(StatMeasure::kGdp, code, year, num_series.id);
      complete = complete && v.has_value();
      if (v) part.value += v->value;
    }
    if (!complete) continue;
    for (const StatSeries& den_series : AllStatSeries()) {
      if (auto national = ReferenceFigure(StatMeasure::kGdp, kNationalRegionCode, year, den_series.id)) {
        out.push_back(ShareOfNational(part, *national));
      }
    }
    Figure provinces{0, "gdp", num_series.id, "sum of the 31 provinces"};
    int n = 0;
    for (const ReferenceValue& v : ReferenceValues(StatMeasure::kGdp, "", num_series.id)) {
      if (v.year == year && v.region_code != kNationalRegionCode) {
        provinces.value += v.value;
        ++n;
      }
    }
    if (n == 31) out.push_back(ShareOfNational(part, provinces));
  }
  for (IndicatorValue& v : out) {
    v.region_code = names;
    v.year = year;
  }
  return out;
}

IndicatorValue ComputeIndicator(const PatentCounts& counts, const IndicatorRequest& r) {
  const std::string& id = r.indicator_id;
  if (FindIndicatorDefinition(id) == nullptr) return Missing(r, "unknown indicator " + id);
  if (id == "per_100m_gdp") return PerReference(counts, r, StatMeasure::kGdp);
  if (id == "per_10k_population") return PerReference(counts, r, StatMeasure::kPopulation);
  if (id == "share_of_national" || id == "yoy_growth") {
    auto num = counts.Get(r.region_code, r.year, r.measure);
    if (!num) return Missing(r, NoCount(r.measure, r.region_code, r.year));
    const bool share = id == "share_of_national";
    const std::string other_region = share ? std::string(kNationalRegionCode) : r.region_code;
    const int other_year = share ? r.year : r.year - 1;
    auto den = counts.Get(other_region, other_year, r.measure);
    if (!den) return Missing(r, NoCount(r.measure, other_region, other_year));
    return WithKey(share ? ShareOfNational(*num, *den) : YearOnYearGrowth(*num, *den), r);
  }
  const bool cohort = id == "grant_ratio_cohort";
  const PatentMeasure grants = cohort ? PatentMeasure::kCohortGrants : PatentMeasure::kGrants;
  auto num = counts.Get(r.region_code, r.year, grants);
  if (!num) return Missing(r, NoCount(grants, r.region_code, r.year));
  auto den = counts.Get(r.region_code, r.year, PatentMeasure::kApplications);
  if (!den) return Missing(r, NoCount(PatentMeasure::kApplications, r.region_code, r.year));
  return WithKey(cohort ? CohortGrantRatio(*num, *den) : NaiveGrantRatio(*num, *den), r);
}

}  // namespace ipa::core
