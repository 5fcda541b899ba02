#include "core/stats_indicator.hpp"

#include <cmath>

namespace ipa::core {
namespace {

const std::vector<IndicatorDefinition> kDefinitions = {
    {"per_100m_gdp", "每亿元GDP专利数", "Patents per 100 million yuan of GDP", "patents per 100 million yuan",
     "所选专利计数(申请量、授权量、有效专利量或有效发明专利量)除以同一地区同一年的地区生产总值(亿元,当年价格)；"
     "GDP 数据系列(国家统计局修订版本)随数值给出。",
     "The chosen patent count (applications, grants, valid patents or valid invention patents) divided by the "
     "region's gross domestic product of the same year in 100 million yuan at current prices; the NBS series "
     "(revision) of the GDP figure is named with the value."},
    {"per_10k_population", "每万人专利数", "Patents per 10,000 people", "patents per 10,000 persons",
     "所选专利计数除以同一地区同一年的年末常住人口(万人)；人口数据系列随数值给出。",
     "The chosen patent count divided by the region's year-end resident population of the same year in "
     "10,000 persons; the NBS series (revision) of the population figure is named with the value."},
    {"share_of_national", "占全国比重", "Share of the national total", "percent",
     "地区的计数除以同一口径的全国合计,乘以100。全国合计的口径(如是否含港澳台)见分母来源。",
     "The region's figure divided by the national total of the same measure and year, times 100. Whether the "
     "national total includes Hong Kong, Macao and Taiwan is stated by the denominator's source."},
    {"yoy_growth", "同比增长率", "Year-on-year growth", "percent",
     "(本年数值 − 上年数值) ÷ 上年数值 × 100,同一地区、同一口径。",
     "(this year's figure − last year's figure) ÷ last year's figure × 100, same region and measure."},
    {"grant_ratio_cohort", "授权率(按申请年队列)", "Grant ratio by filing cohort", "percent",
     "Y 年提交的申请中截至统计日已获授权的件数 ÷ Y 年提交的申请件数 × 100。近年的队列仍在审查中,比率会上升。",
     "Grants of applications filed in year Y (as of the count date) ÷ applications filed in year Y × 100. "
     "Recent cohorts are still under examination, so their ratio still rises."},
    {"grant_ratio_naive", "授权率(当年授权/当年申请)", "Naive grant ratio (grants in Y / applications in Y)",
     "percent",
     "Y 年授权公告的件数 ÷ Y 年提交的申请件数 × 100。分子与分母属于不同的申请队列,仅作粗略比较。",
     "Grants announced in year Y ÷ applications filed in year Y × 100. Numerator and denominator belong to "
     "different filing cohorts; a rough comparison only."},
};

IndicatorValue Ratio(std::string_view id, const Figure& num, const Figure& den, double scale) {
  IndicatorValue v;
  v.definition = FindIndicatorDefinition(id);
  v.numerator = num;
  v.denominator = den;
  if (den.value == 0) {
    v.missing = "the denominator (" + den.name + ") is zero";
  } else {
    v.value = scale * num.value / den.value;
  }
  return v;
}

}  // namespace

std::string_view PatentMeasureId(PatentMeasure m) {
  switch (m) {
    case PatentMeasure::kApplications: return "applications";
    case PatentMeasure::kGrants: return "grants";
    case PatentMeasure::kValidPatents: return "valid_patents";
    case PatentMeasure::kValidInventions: return "valid_inventions";
    case PatentMeasure::kCohortGrants: return "cohort_grants";
  }
  return "applications";
}

std::optional<PatentMeasure> ParsePatentMeasure(std::string_view id) {
  for (PatentMeasure m : kAllPatentMeasures) {
    if (PatentMeasureId(m) == id) return m;
  }
  return std::nullopt;
}

std::string_view PatentMeasureNameZh(PatentMeasure m) {
  switch (m) {
    case PatentMeasure::kApplications: return "专利申请量";
    case PatentMeasure::kGrants: return "专利授权量";
    case PatentMeasure::kValidPatents: return "有效专利量";
    case PatentMeasure::kValidInventions: return "有效发明专利量";
    case PatentMeasure::kCohortGrants: return "当年申请中已授权量";
  }
  return "";
}

std::string_view PatentMeasureNameEn(PatentMeasure m) {
  switch (m) {
    case PatentMeasure::kApplications: return "patent applications filed in the year";
    case PatentMeasure::kGrants: return "patents granted in the year";
    case PatentMeasure::kValidPatents: return "patents in force at year end";
    case PatentMeasure::kValidInventions: return "invention patents in force at year end";
    case PatentMeasure::kCohortGrants: return "applications filed in the year that were granted";
  }
  return "";
}

const std::vector<IndicatorDefinition>& AllIndicatorDefinitions() { return kDefinitions; }

const IndicatorDefinition* FindIndicatorDefinition(std::string_view id) {
  for (const IndicatorDefinition& d : kDefinitions) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

IndicatorValue PatentsPerGdp(const Figure& patents, const Figure& gdp_100m_yuan) {
  return Ratio("per_100m_gdp", patents, gdp_100m_yuan, 1.0);
}

IndicatorValue PatentsPerPopulation(const Figure& patents, const Figure& population_10k) {
  return Ratio("per_10k_population", patents, population_10k, 1.0);
}

IndicatorValue ShareOfNational(const Figure& part, const Figure& national) {
  return Ratio("share_of_national", part, national, 100.0);
}

IndicatorValue YearOnYearGrowth(const Figure& current, const Figure& previous) {
  IndicatorValue v = Ratio("yoy_growth", current, previous, 100.0);
  if (v.value) *v.value -= 100.0;
  return v;
}

IndicatorValue CohortGrantRatio(const Figure& cohort_grants, const Figure& applications) {
  return Ratio("grant_ratio_cohort", cohort_grants, applications, 100.0);
}

IndicatorValue NaiveGrantRatio(const Figure& grants, const Figure& applications) {
  return Ratio("grant_ratio_naive", grants, applications, 100.0);
}

IndicatorValue MissingIndicator(std::string_view indicator_id, std::string reason) {
  IndicatorValue v;
  v.definition = FindIndicatorDefinition(indicator_id);
  v.missing = std::move(reason);
  return v;
}

double RoundTo(double value, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::round(value * scale) / scale;
}

}  // namespace ipa::core
