// Patent statistics indicators: their definitions (shown beside every figure) and pure
// functions computing them from counts and reference figures. No I/O: the counts come from the
// search index or from imported official tables, GDP and population from stats_reference.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipa::core {

// What a patent count counts.
enum class PatentMeasure {
  kApplications,     // applications filed in the year
  kGrants,           // grants announced in the year
  kValidPatents,     // patents in force at the end of the year
  kValidInventions,  // invention patents in force at the end of the year
  kCohortGrants,     // applications filed in the year that have been granted (by any later date)
};
inline constexpr PatentMeasure kAllPatentMeasures[] = {PatentMeasure::kApplications, PatentMeasure::kGrants,
                                                      PatentMeasure::kValidPatents, PatentMeasure::kValidInventions,
                                                      PatentMeasure::kCohortGrants};
std::string_view PatentMeasureId(PatentMeasure m);  // "applications", "grants", ...
std::optional<PatentMeasure> ParsePatentMeasure(std::string_view id);
std::string_view PatentMeasureNameZh(PatentMeasure m);
std::string_view PatentMeasureNameEn(PatentMeasure m);

struct IndicatorDefinition {
  std::string_view id;
  std::string_view name_zh, name_en;
  std::string_view unit;
  std::string_view definition_zh, definition_en;
};

// Every indicator, in display order. Ids: per_100m_gdp, per_10k_population, share_of_national,
// yoy_growth, grant_ratio_cohort, grant_ratio_naive.
const std::vector<IndicatorDefinition>& AllIndicatorDefinitions();
const IndicatorDefinition* FindIndicatorDefinition(std::string_view id);

// One input of an indicator with its provenance: a patent count, a GDP or population figure.
struct Figure {
  double value = 0;
  std::string name;    // "valid_inventions", "gdp", "population", or a sum's description
  std::string series;  // the reference series ("NBS_GDP_EC4") or "" for counts
  std::string source;  // where the figure comes from
};

// A computed indicator with everything needed to show it honestly.
struct IndicatorValue {
  const IndicatorDefinition* definition = nullptr;
  std::string region_code;
  int year = 0;
  std::optional<double> value;  // nullopt when an input is missing or the denominator is zero
  std::optional<Figure> numerator, denominator;
  std::string missing;  // why `value` is absent
};

// numerator / (gdp / 1): patents per 100 million yuan when gdp is in 100 million yuan.
IndicatorValue PatentsPerGdp(const Figure& patents, const Figure& gdp_100m_yuan);
// numerator / population, population in 10,000 persons: patents per 10,000 people.
IndicatorValue PatentsPerPopulation(const Figure& patents, const Figure& population_10k);
// 100 * part / whole: percent of the national total.
IndicatorValue ShareOfNational(const Figure& part, const Figure& national);
// 100 * (current - previous) / previous.
IndicatorValue YearOnYearGrowth(const Figure& current, const Figure& previous);
// 100 * cohort grants / applications of the same filing year.
IndicatorValue CohortGrantRatio(const Figure& cohort_grants, const Figure& applications);
// 100 * grants in a year / applications in the same year (mixes cohorts).
IndicatorValue NaiveGrantRatio(const Figure& grants, const Figure& applications);

// An indicator that could not be computed, naming what is missing.
IndicatorValue MissingIndicator(std::string_view indicator_id, std::string reason);

// `value` rounded half away from zero to `digits` decimals (to compare with published figures).
double RoundTo(double value, int digits);

}  // namespace ipa::core
