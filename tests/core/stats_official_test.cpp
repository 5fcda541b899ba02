// The stats-csv format: good rows, each kind of bad row with line, field and reason, and the
// official tables shipped in data/stats/.
#include <gtest/gtest.h>

#include "core/stats_official.hpp"

namespace ipa::core {
namespace {

TEST(StatsOfficialCsv, ReadsRowsWithOptionalColumnsQuotesAndBom) {
  const std::string csv =
      "\xEF\xBB\xBFregion,year,applications,grants,valid_patents,valid_inventions,gdp,population,source\r\n"
      "北京市,2015,156312,94031,,,23014.59,2171,\"CNIPA 年报, 表 b4\"\r\n"
      "130000,2015,,30130,,,,,\"say \"\"b4\"\"\"\r\n"
      "\r\n"
      "全国,2015,,1596977,,,,,\"multi\nline\"\n"
      "河北,2014,,20132,,,,,x\n";
  auto parsed = ParseOfficialCsv(csv);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_TRUE(parsed->rejections.empty()) << parsed->rejections[0].reason;
  ASSERT_EQ(parsed->rows.size(), 4u);
  const OfficialStatistic& bj = parsed->rows[0];
  EXPECT_EQ(bj.region_code, "110000");
  EXPECT_EQ(bj.year, 2015);
  EXPECT_EQ(bj.applications, 156312);
  EXPECT_EQ(bj.grants, 94031);
  EXPECT_FALSE(bj.valid_patents);
  EXPECT_DOUBLE_EQ(*bj.gdp, 23014.59);
  EXPECT_DOUBLE_EQ(*bj.population, 2171);
  EXPECT_EQ(bj.source, "CNIPA 年报, 表 b4");
  EXPECT_EQ(parsed->rows[1].source, "say \"b4\"");
  EXPECT_EQ(parsed->rows[2].region_code, "100000");
  EXPECT_EQ(parsed->lines[2], 5);
  EXPECT_EQ(parsed->rows[3].region_code, "130000");
  EXPECT_EQ(parsed->lines[3], 7);
}

TEST(StatsOfficialCsv, RejectsBadRowsWithLineFieldAndReason) {
  const std::string csv =
      "region,year,applications,grants,valid_patents,valid_inventions,source\n"
      "110000,2015,1,2,3,1,ok\n"
      "海淀区,2015,1,,,,s\n"
      "120000,20x5,1,,,,s\n"
      "120000,2015,-4,,,,s\n"
      "120000,2016,1,,,,\n"
      "120000,2017,,,,,s\n"
      "120000,2018,,,5,9,s\n"
      "110000,2015,1,2,3,1,again\n"
      "120000,2019,\"1\"2,,,,s\n";
  auto parsed = ParseOfficialCsv(csv);
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->rows.size(), 1u);
  ASSERT_EQ(parsed->rejections.size(), 8u);
  const std::vector<std::pair<int64_t, std::string>> expected = {
      {3, "region"}, {4, "year"}, {5, "applications"}, {6, "source"}, {7, "applications"},
      {8, "valid_inventions"}, {9, "region"}, {10, ""}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(parsed->rejections[i].line, expected[i].first) << i;
    EXPECT_EQ(parsed->rejections[i].field, expected[i].second) << i;
    EXPECT_FALSE(parsed->rejections[i].reason.empty());
  }
}

TEST(StatsOfficialCsv, RefusesAFileWithoutTheRequiredColumnsOrNotUtf8) {
  auto no_source = ParseOfficialCsv("region,year,applications,grants,valid_patents,valid_inventions\n");
  ASSERT_FALSE(no_source.has_value());
  EXPECT_EQ(no_source.error().field, "source");
  EXPECT_FALSE(ParseOfficialCsv("").has_value());
  auto gbk = ParseOfficialCsv("region,year\n\xB1\xB1\xBE\xA9,2015\n");
  ASSERT_FALSE(gbk.has_value());
  EXPECT_NE(gbk.error().message.find("UTF-8"), std::string::npos);
}

TEST(StatsOfficialCsv, RegionsByCodeOrName) {
  EXPECT_EQ(ParseStatRegion("北京"), "110000");
  EXPECT_EQ(ParseStatRegion("内蒙古"), "150000");
  EXPECT_EQ(ParseStatRegion(" 100000 "), "100000");
  EXPECT_FALSE(ParseStatRegion("130102"));  // a district, not a province
  EXPECT_FALSE(ParseStatRegion("北"));
}

TEST(StatsOfficialCsv, ShippedTablesParseCompletely) {
  const auto& rows = ShippedOfficialStatistics();
  EXPECT_EQ(rows.size(), 80u);
  PatentCounts counts = ToPatentCounts(rows);
  auto bj = counts.Get("110000", 2013, PatentMeasure::kValidInventions);
  ASSERT_TRUE(bj);
  EXPECT_DOUBLE_EQ(bj->value, 85434);
  EXPECT_NE(bj->source.find("people.com.cn"), std::string::npos);
}

}  // namespace
}  // namespace ipa::core
