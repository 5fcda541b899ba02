// Indicator definitions and the arithmetic of each indicator, from counts alone.
#include <gtest/gtest.h>

#include <set>

#include "core/stats_counts.hpp"
#include "core/stats_indicator.hpp"

namespace ipa::core {
namespace {

TEST(StatsIndicator, EveryDefinitionHasIdNamesUnitAndText) {
  std::set<std::string_view> ids;
  for (const IndicatorDefinition& d : AllIndicatorDefinitions()) {
    EXPECT_TRUE(ids.insert(d.id).second) << d.id;
    EXPECT_FALSE(d.name_zh.empty());
    EXPECT_FALSE(d.name_en.empty());
    EXPECT_FALSE(d.unit.empty());
    EXPECT_GT(d.definition_zh.size(), 20u);
    EXPECT_GT(d.definition_en.size(), 40u);
  }
  EXPECT_EQ(ids, (std::set<std::string_view>{"per_100m_gdp", "per_10k_population", "share_of_national", "yoy_growth",
                                             "grant_ratio_cohort", "grant_ratio_naive"}));
}

TEST(StatsIndicator, MeasuresRoundTripTheirIds) {
  for (PatentMeasure m : kAllPatentMeasures) {
    EXPECT_EQ(ParsePatentMeasure(PatentMeasureId(m)), m);
    EXPECT_FALSE(PatentMeasureNameZh(m).empty());
  }
  EXPECT_FALSE(ParsePatentMeasure("patents"));
}

TEST(StatsIndicator, RatiosCarryTheirInputsAndRefuseAZeroDenominator) {
  IndicatorValue v = PatentsPerGdp({94031, "grants", "", "CNIPA"}, {23014.59, "gdp", "NBS_GDP_PRE_EC4", "NBS"});
  ASSERT_TRUE(v.value);
  EXPECT_NEAR(*v.value, 4.0857, 1e-4);
  EXPECT_EQ(v.definition->id, "per_100m_gdp");
  EXPECT_EQ(v.numerator->name, "grants");
  EXPECT_EQ(v.denominator->series, "NBS_GDP_PRE_EC4");
  IndicatorValue zero = ShareOfNational({5, "grants", "", ""}, {0, "grants", "", ""});
  EXPECT_FALSE(zero.value);
  EXPECT_NE(zero.missing.find("zero"), std::string::npos);
  EXPECT_NEAR(*YearOnYearGrowth({110, "", "", ""}, {100, "", "", ""}).value, 10.0, 1e-12);
  EXPECT_NEAR(*PatentsPerPopulation({2171, "", "", ""}, {2171, "", "", ""}).value, 1.0, 1e-12);
}

// A filing cohort: 1,000 applications in 2018, of which 600 were granted by now; 500 grants were
// announced in 2018 (mostly of older applications). The two ratios answer different questions.
TEST(StatsIndicator, CohortAndNaiveGrantRatiosDiffer) {
  PatentCounts c;
  c.Set("120000", 2018, PatentMeasure::kApplications, 1000, "index");
  c.Set("120000", 2018, PatentMeasure::kCohortGrants, 600, "index");
  c.Set("120000", 2018, PatentMeasure::kGrants, 500, "index");
  IndicatorValue cohort = ComputeIndicator(c, {"grant_ratio_cohort", "120000", 2018});
  IndicatorValue naive = ComputeIndicator(c, {"grant_ratio_naive", "120000", 2018});
  ASSERT_TRUE(cohort.value && naive.value);
  EXPECT_DOUBLE_EQ(*cohort.value, 60.0);
  EXPECT_DOUBLE_EQ(*naive.value, 50.0);
  EXPECT_EQ(cohort.numerator->name, "cohort_grants");
  EXPECT_EQ(naive.numerator->name, "grants");
  IndicatorValue none = ComputeIndicator(c, {"grant_ratio_cohort", "120000", 2019});
  EXPECT_FALSE(none.value);
  EXPECT_EQ(none.missing, "no cohort_grants count for 120000 in 2019");
}

TEST(StatsIndicator, PerGdpUsesTheChosenSeriesOrTheCountsOwnFigure) {
  PatentCounts c;
  c.Set("110000", 2015, PatentMeasure::kGrants, 94031, "CNIPA_AR2015_b4");
  IndicatorValue original = ComputeIndicator(c, {"per_100m_gdp", "110000", 2015, PatentMeasure::kGrants, "NBS_GDP_PRE_EC4"});
  IndicatorValue latest = ComputeIndicator(c, {"per_100m_gdp", "110000", 2015, PatentMeasure::kGrants, ""});
  ASSERT_TRUE(original.value && latest.value);
  EXPECT_EQ(RoundTo(*original.value, 2), RoundTo(94031 / 23014.59, 2));
  EXPECT_EQ(latest.denominator->series, "NBS_GDP_EC5");
  EXPECT_LT(*latest.value, *original.value);  // the revised GDP is higher
  c.SetDenominator("110000", 2015, StatMeasure::kGdp, 20000, "yearbook");
  IndicatorValue own = ComputeIndicator(c, {"per_100m_gdp", "110000", 2015, PatentMeasure::kGrants, ""});
  EXPECT_DOUBLE_EQ(*own.value, 94031 / 20000.0);
  EXPECT_EQ(own.denominator->series, "official table");
  IndicatorValue absent = ComputeIndicator(c, {"per_100m_gdp", "110000", 1990, PatentMeasure::kGrants, ""});
  EXPECT_FALSE(absent.value);
  IndicatorValue no_series = ComputeIndicator(c, {"per_10k_population", "110000", 2015, PatentMeasure::kGrants, "NBS_POP_PRE_C7"});
  ASSERT_TRUE(no_series.value);
  EXPECT_DOUBLE_EQ(*no_series.value, 94031 / 2171.0);
}

TEST(StatsIndicator, ShareAndGrowthNeedTheOtherFigure) {
  PatentCounts c;
  c.Set("130000", 2015, PatentMeasure::kGrants, 30130, "b4");
  IndicatorValue share = ComputeIndicator(c, {"share_of_national", "130000", 2015, PatentMeasure::kGrants});
  EXPECT_FALSE(share.value);
  EXPECT_EQ(share.missing, "no grants count for 100000 in 2015");
  c.Set("100000", 2015, PatentMeasure::kGrants, 1596977, "b4");
  share = ComputeIndicator(c, {"share_of_national", "130000", 2015, PatentMeasure::kGrants});
  EXPECT_EQ(RoundTo(*share.value, 2), 1.89);
  c.Set("130000", 2014, PatentMeasure::kGrants, 20132, "test");
  IndicatorValue growth = ComputeIndicator(c, {"yoy_growth", "130000", 2015, PatentMeasure::kGrants});
  EXPECT_NEAR(*growth.value, 100.0 * (30130.0 - 20132.0) / 20132.0, 1e-9);
  EXPECT_FALSE(ComputeIndicator(c, {"no_such", "130000", 2015}).definition);
}

}  // namespace
}  // namespace ipa::core
