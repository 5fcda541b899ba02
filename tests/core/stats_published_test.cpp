// The ratios published in ../shared/data/cn-stats/SOURCE.md and the figures of
// ../shared/data/cnipa-provincial-stats, recomputed from the shared files through the stats-csv
// reader and the indicator code, to the published precision. Skips when ../shared/data is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/stats_counts.hpp"
#include "core/stats_official.hpp"
#include "core/tsv.hpp"

namespace ipa::core {
namespace {

const std::string kShared = std::string(IPA_SOURCE_DIR) + "/../shared/data/";

std::string ReadShared(const std::string& rel) {
  std::ifstream in(kShared + rel, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class PublishedRatios : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kShared + "cn-stats/patents_by_province.csv")) {
      GTEST_SKIP() << "../shared/data/cn-stats is absent";
    }
    auto parsed = ParseOfficialCsv(ReadShared("cn-stats/patents_by_province.csv"));
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    ASSERT_TRUE(parsed->rejections.empty()) << parsed->rejections[0].line << " " << parsed->rejections[0].reason;
    rows_ = parsed->rows;
    counts_ = ToPatentCounts(rows_);
  }

  double Count(std::string_view region, int year, PatentMeasure m) {
    auto f = counts_.Get(region, year, m);
    EXPECT_TRUE(f.has_value()) << region << " " << year << " " << PatentMeasureId(m);
    return f ? f->value : 0;
  }
  double Jjj(int year, PatentMeasure m) {
    return Count("110000", year, m) + Count("120000", year, m) + Count("130000", year, m);
  }
  double JjjShare(int year, PatentMeasure m) {
    IndicatorValue v = ShareOfNational({Jjj(year, m), "jjj", "", ""}, *counts_.Get("100000", year, m));
    return *v.value;
  }

  std::vector<OfficialStatistic> rows_;
  PatentCounts counts_;
};

TEST_F(PublishedRatios, SharedFileMatchesTheShippedTables) {
  const auto& shipped = ShippedOfficialStatistics();
  ASSERT_EQ(shipped.size(), rows_.size());
  for (size_t i = 0; i < rows_.size(); ++i) {
    EXPECT_EQ(shipped[i].region_code, rows_[i].region_code);
    EXPECT_EQ(shipped[i].valid_patents, rows_[i].valid_patents);
    EXPECT_EQ(shipped[i].valid_inventions, rows_[i].valid_inventions);
    EXPECT_EQ(shipped[i].grants, rows_[i].grants);
    EXPECT_TRUE(shipped[i].source.starts_with(rows_[i].source)) << shipped[i].source;
  }
}

TEST_F(PublishedRatios, JingJinJiPatentSharesFromCnStats) {
  // End-2009: 9.2% of valid patents and 20.0% of valid inventions (national incl. HK/Macao/Taiwan).
  EXPECT_EQ(RoundTo(JjjShare(2009, PatentMeasure::kValidPatents), 1), 9.2);
  EXPECT_EQ(RoundTo(JjjShare(2009, PatentMeasure::kValidInventions), 1), 20.0);
  // End-2014: 10.5% of domestic valid patents: (274,667 + 83,628 + 66,529) / 4,032,362.
  EXPECT_EQ(Jjj(2014, PatentMeasure::kValidPatents), 274667 + 83628 + 66529);
  EXPECT_EQ(RoundTo(JjjShare(2014, PatentMeasure::kValidPatents), 1), 10.5);
  // 2015: 10.1% of domestic grants.
  EXPECT_EQ(RoundTo(JjjShare(2015, PatentMeasure::kGrants), 1), 10.1);
  // End-2013: Beijing alone 14.6% of domestic valid inventions (85,434 / 585,767).
  IndicatorValue bj = ComputeIndicator(counts_, {"share_of_national", "110000", 2013, PatentMeasure::kValidInventions});
  ASSERT_TRUE(bj.value) << bj.missing;
  EXPECT_EQ(RoundTo(*bj.value, 1), 14.6);
  // The People's Daily "58.7万" agrees with 585,767 to 0.2% (rounded).
  EXPECT_EQ(RoundTo(100 * (587000.0 / 585767.0 - 1), 1), 0.2);
}

TEST_F(PublishedRatios, ProvinceSumsOf2009BelowTheNationalTotal) {
  double valid = 0, inventions = 0;
  for (const OfficialStatistic& r : rows_) {
    if (r.year == 2009 && r.region_code != "100000") {
      valid += static_cast<double>(*r.valid_patents);
      inventions += static_cast<double>(*r.valid_inventions);
    }
  }
  EXPECT_EQ(valid, 1114531);       // against 全国总计 1,193,110 (incl. HK/Macao/Taiwan)
  EXPECT_EQ(inventions, 157756);   // against 180,042
  EXPECT_EQ(Count("100000", 2009, PatentMeasure::kValidPatents), 1193110);
}

TEST_F(PublishedRatios, CnipaProvincialStatsAgreeAndAddUp) {
  const std::string in_force = ReadShared("cnipa-provincial-stats/patents_in_force_2009.csv");
  const std::string service = ReadShared("cnipa-provincial-stats/patents_in_force_service_2014.csv");
  ASSERT_FALSE(in_force.empty());
  ASSERT_FALSE(service.empty());
  const std::vector<std::string> codes = {"100000", "110000", "120000", "130000"};
  size_t i = 0;
  for (std::string_view line : Split(in_force, '\n')) {
    auto f = Split(line, ',');
    if (f.size() < 7 || f[0] != "2009") continue;
    auto num = [&](size_t k) { return std::stod(std::string(f[k])); };
    EXPECT_EQ(num(3) + num(4) + num(5), num(6)) << line;  // invention + utility + design = total
    ASSERT_LT(i, codes.size());
    EXPECT_EQ(num(6), Count(codes[i], 2009, PatentMeasure::kValidPatents)) << line;
    EXPECT_EQ(num(3), Count(codes[i], 2009, PatentMeasure::kValidInventions)) << line;
    ++i;
  }
  EXPECT_EQ(i, 4u);
  i = 0;
  for (std::string_view line : Split(service, '\n')) {
    auto f = Split(line, ',');
    if (f.size() < 5 || f[0] != "2014") continue;
    auto num = [&](size_t k) { return std::stod(std::string(f[k])); };
    EXPECT_EQ(num(3) + num(4), num(2)) << line;  // service + non-service = total
    EXPECT_EQ(num(2), Count(codes[i], 2014, PatentMeasure::kValidPatents)) << line;
    ++i;
  }
  EXPECT_EQ(i, 4u);
}

TEST_F(PublishedRatios, SeedPatentIntensityIsNotReproduced) {
  // The seed's "seven patents per 100 million yuan of GDP" for JJJ (national 1.5) fits no count
  // in the shared data: grants in 2015 give 2.3 for both JJJ and the nation.
  const double jjj_gdp = 23014.59 + 16538.19 + 29806.11;  // NBS_GDP_PRE_EC4, 2015
  EXPECT_EQ(RoundTo(Jjj(2015, PatentMeasure::kGrants) / jjj_gdp, 1), 2.3);
  IndicatorValue national = ComputeIndicator(counts_, {"per_100m_gdp", "100000", 2015, PatentMeasure::kGrants, "NBS_GDP_EC4"});
  ASSERT_TRUE(national.value);
  EXPECT_EQ(RoundTo(*national.value, 1), 2.3);
}

}  // namespace
}  // namespace ipa::core
