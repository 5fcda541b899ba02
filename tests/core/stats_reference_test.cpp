// The shipped NBS reference series: vintages kept apart, the preferred-series rule, and the
// seed article's "10.9% of GDP" against what the shipped figures give.
#include <gtest/gtest.h>

#include <map>

#include "core/stats_counts.hpp"
#include "core/stats_reference.hpp"

namespace ipa::core {
namespace {

double Gdp(std::string_view region, int year, std::string_view series) {
  auto v = FindReferenceValue(StatMeasure::kGdp, region, year, series);
  EXPECT_TRUE(v.has_value()) << region << " " << year << " " << series;
  return v ? v->value : 0;
}

double JjjGdp(int year, std::string_view series) {
  return Gdp("110000", year, series) + Gdp("120000", year, series) + Gdp("130000", year, series);
}

double ProvinceSum(StatMeasure m, int year, std::string_view series) {
  double sum = 0;
  int n = 0;
  for (const ReferenceValue& v : ReferenceValues(m, "", series)) {
    if (v.year == year && v.region_code != kNationalRegionCode) {
      sum += v.value;
      ++n;
    }
  }
  EXPECT_EQ(n, 31) << series << " " << year;
  return sum;
}

TEST(StatsReference, EverySeriesHasSourcesRevisionAndValues) {
  ASSERT_EQ(AllStatSeries().size(), 5u);
  for (const StatSeries& s : AllStatSeries()) {
    EXPECT_TRUE(s.revision == "original" || s.revision == "revised") << s.id;
    EXPECT_FALSE(s.label_zh.empty());
    EXPECT_FALSE(s.label_en.empty());
    EXPECT_FALSE(ReferenceValues(s.measure, "", s.id).empty()) << s.id;
  }
  for (const StatSource& src : AllStatSources()) {
    EXPECT_NE(FindStatSeries(src.series_id), nullptr) << src.id;
    EXPECT_EQ(src.commit.size(), 40u) << src.id;
  }
  for (StatMeasure m : {StatMeasure::kGdp, StatMeasure::kPopulation}) {
    for (const ReferenceValue& v : ReferenceValues(m)) {
      ASSERT_NE(v.series, nullptr);
      ASSERT_NE(v.source, nullptr);
      EXPECT_EQ(v.source->series_id, v.series->id);
      EXPECT_GT(v.value, 0);
    }
  }
}

TEST(StatsReference, BeijingTianjinHebeiAndTheNationAreCoveredEveryYear) {
  for (std::string_view region : {"110000", "120000", "130000"}) {
    for (int year = 2000; year <= 2024; ++year) {
      EXPECT_TRUE(PreferredReferenceValue(StatMeasure::kGdp, region, year)) << region << " " << year;
      EXPECT_TRUE(PreferredReferenceValue(StatMeasure::kPopulation, region, year)) << region << " " << year;
    }
  }
  for (int year = 2000; year <= 2024; ++year) {
    EXPECT_TRUE(PreferredReferenceValue(StatMeasure::kGdp, kNationalRegionCode, year)) << year;
  }
  for (int year = 2003; year <= 2022; ++year) {
    EXPECT_TRUE(PreferredReferenceValue(StatMeasure::kPopulation, kNationalRegionCode, year)) << year;
  }
}

TEST(StatsReference, RevisionsStaySideBySide) {
  // Beijing 2013 GDP: 19800.81 as first published, 21746.0 after the 5th economic census (+9.8%).
  EXPECT_DOUBLE_EQ(Gdp("110000", 2013, "NBS_GDP_PRE_EC4"), 19800.81);
  EXPECT_DOUBLE_EQ(Gdp("110000", 2013, "NBS_GDP_EC5"), 21746.0);
  EXPECT_EQ(RoundTo(100.0 * (21746.0 / 19800.81 - 1), 1), 9.8);
  // Beijing 2013 population: 2115 original, 2125 after the 7th census.
  EXPECT_DOUBLE_EQ(FindReferenceValue(StatMeasure::kPopulation, "110000", 2013, "NBS_POP_PRE_C7")->value, 2115);
  EXPECT_DOUBLE_EQ(FindReferenceValue(StatMeasure::kPopulation, "110000", 2013, "NBS_POP_C7")->value, 2125);
  // Preferred: the latest vintage that has the figure; the national 2013 GDP exists only in EC4.
  EXPECT_EQ(PreferredReferenceValue(StatMeasure::kGdp, "110000", 2013)->series->id, "NBS_GDP_EC5");
  EXPECT_EQ(PreferredReferenceValue(StatMeasure::kGdp, kNationalRegionCode, 2013)->series->id, "NBS_GDP_EC4");
  EXPECT_EQ(PreferredReferenceValue(StatMeasure::kGdp, "110000", 2003)->series->id, "NBS_GDP_PRE_EC4");
  EXPECT_FALSE(FindReferenceValue(StatMeasure::kGdp, kNationalRegionCode, 2013, "NBS_GDP_PRE_EC4"));
}

TEST(StatsReference, SeedGdpShareIsTenPointNineClaimedAndTenPointFiveSevenOnTheData) {
  const PublishedClaim* claim = FindPublishedClaim("seed_jjj_gdp_share");
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->year, 2013);
  EXPECT_DOUBLE_EQ(claim->value, 10.9);
  // JJJ as first published (PRE_EC4) over the national GDP revised after the 4th census.
  const double jjj = JjjGdp(2013, "NBS_GDP_PRE_EC4");
  EXPECT_NEAR(jjj, 62685.77, 1e-6);
  auto national = ReferenceFigure(StatMeasure::kGdp, kNationalRegionCode, 2013, "NBS_GDP_EC4");
  ASSERT_TRUE(national);
  EXPECT_DOUBLE_EQ(national->value, 592963.2);
  IndicatorValue share = ShareOfNational({jjj, "gdp", "NBS_GDP_PRE_EC4", "sum of 3 provinces"}, *national);
  ASSERT_TRUE(share.value);
  EXPECT_EQ(RoundTo(*share.value, 2), 10.57);
  EXPECT_EQ(share.denominator->series, "NBS_GDP_EC4");
  EXPECT_NEAR(claim->value - RoundTo(*share.value, 2), 0.33, 1e-9);
}

TEST(StatsReference, GdpSharesNameBothSeriesForEveryCombination) {
  std::vector<IndicatorValue> shares = GdpShares({"110000", "120000", "130000"}, 2013);
  std::map<std::pair<std::string, std::string>, double> by_series;
  for (const IndicatorValue& v : shares) {
    ASSERT_TRUE(v.value);
    EXPECT_EQ(v.region_code, "110000+120000+130000");
    by_series[{v.numerator->series, v.denominator->series + " " + v.denominator->source}] = RoundTo(*v.value, 2);
  }
  const std::string national = std::string(" ") + FindStatSource("NBS_NATGDP_V2020_vasantlong")->origin;
  EXPECT_EQ((by_series[{"NBS_GDP_PRE_EC4", "NBS_GDP_EC4" + national}]), 10.57);
  EXPECT_EQ((by_series[{"NBS_GDP_PRE_EC4", "NBS_GDP_PRE_EC4 sum of the 31 provinces"}]), 9.88);
  EXPECT_EQ((by_series[{"NBS_GDP_EC5", "NBS_GDP_EC5 sum of the 31 provinces"}]), 9.29);
  // EC5 provinces over the EC4 national figure is listed too, its mixed vintages named.
  EXPECT_EQ((by_series[{"NBS_GDP_EC5", "NBS_GDP_EC4" + national}]), 9.53);
  EXPECT_EQ(shares.size(), 4u);
  for (const IndicatorValue& v : GdpShares({"110000", "120000", "130000"}, 2015)) {
    if (v.numerator->series == "NBS_GDP_EC5" && v.denominator->series == "NBS_GDP_EC5" &&
        v.denominator->source != "sum of the 31 provinces") {
      EXPECT_EQ(RoundTo(*v.value, 2), 9.06);
    }
  }
}

TEST(StatsReference, GdpSharesPublishedInCnStatsAreReproduced) {
  // cn-stats/SOURCE.md "Jing-Jin-Ji share of national GDP".
  const double sum31_2013 = ProvinceSum(StatMeasure::kGdp, 2013, "NBS_GDP_PRE_EC4");
  EXPECT_NEAR(sum31_2013, 634345.33, 1e-6);
  EXPECT_EQ(RoundTo(100 * JjjGdp(2013, "NBS_GDP_PRE_EC4") / sum31_2013, 2), 9.88);
  EXPECT_NEAR(JjjGdp(2013, "NBS_GDP_EC5"), 56480.3, 1e-6);
  const double sum31_2013_ec5 = ProvinceSum(StatMeasure::kGdp, 2013, "NBS_GDP_EC5");
  EXPECT_NEAR(sum31_2013_ec5, 607950.8, 1e-6);
  EXPECT_EQ(RoundTo(100 * JjjGdp(2013, "NBS_GDP_EC5") / sum31_2013_ec5, 2), 9.29);
  EXPECT_NEAR(JjjGdp(2015, "NBS_GDP_PRE_EC4"), 69358.89, 1e-6);
  EXPECT_EQ(RoundTo(100 * JjjGdp(2015, "NBS_GDP_PRE_EC4") / Gdp("100000", 2015, "NBS_GDP_EC4"), 2), 10.07);
  EXPECT_NEAR(ProvinceSum(StatMeasure::kGdp, 2015, "NBS_GDP_PRE_EC4"), 722767.87, 1e-6);
  EXPECT_EQ(RoundTo(100 * JjjGdp(2015, "NBS_GDP_PRE_EC4") / ProvinceSum(StatMeasure::kGdp, 2015, "NBS_GDP_PRE_EC4"), 2), 9.60);
  EXPECT_NEAR(JjjGdp(2015, "NBS_GDP_EC5"), 63667.4, 1e-6);
  EXPECT_DOUBLE_EQ(Gdp("100000", 2015, "NBS_GDP_EC5"), 702511.5);
  EXPECT_EQ(RoundTo(100 * JjjGdp(2015, "NBS_GDP_EC5") / Gdp("100000", 2015, "NBS_GDP_EC5"), 2), 9.06);
  // The 10.9% would need a national 2013 GDP of about 575,100 (62,685.77 / 0.109).
  EXPECT_NEAR(JjjGdp(2013, "NBS_GDP_PRE_EC4") / 0.109, 575100, 100);
}

TEST(StatsReference, NationalPopulationIncludesTheMilitary) {
  // 2013: national 136,726 against a 31-province sum of 136,496 (+0.17%).
  const double national = FindReferenceValue(StatMeasure::kPopulation, kNationalRegionCode, 2013, "NBS_POP_C7")->value;
  EXPECT_DOUBLE_EQ(national, 136726);
  const double sum = ProvinceSum(StatMeasure::kPopulation, 2013, "NBS_POP_C7");
  EXPECT_DOUBLE_EQ(sum, 136496);
  EXPECT_EQ(RoundTo(100 * (national / sum - 1), 2), 0.17);
}

TEST(StatsReference, RegionNames) {
  EXPECT_EQ(StatRegionName("100000"), "全国");
  EXPECT_EQ(StatRegionName("130000"), "河北省");
  EXPECT_EQ(StatRegionName("999999"), "");
}

}  // namespace
}  // namespace ipa::core
