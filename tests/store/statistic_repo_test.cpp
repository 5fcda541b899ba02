// Official statistics in the store behave the same on SQLite and PostgreSQL: migration 6,
// insert-or-replace by (region, year), optional figures kept as NULL, filters, the import use case.
#include "store/statistic_repo.hpp"

#include "service/statistic_service.hpp"
#include "store/audit_repo.hpp"
#include "store/migrations.hpp"
#include "store/store_fixture.hpp"

namespace ipa::testing {
namespace {

class StatisticRepoTest : public StoreContractTest {};

core::OfficialStatistic Row(const std::string& region, int year, std::optional<int64_t> grants) {
  core::OfficialStatistic r;
  r.region_code = region;
  r.year = year;
  r.grants = grants;
  r.valid_patents = 274667;
  r.gdp = 23014.59;
  r.source = "CNIPA 年报";
  return r;
}

TEST_P(StatisticRepoTest, MigrationSixIsRecorded) {
  auto rows = store::ReadValue<int64_t>(db(), [](Tx& tx) -> core::Result<int64_t> {
    IPA_TRY(row, tx.QueryOne("SELECT COUNT(*) FROM schema_migrations WHERE version = 6 AND name = 'official_statistics'"));
    return row.Int(0);
  });
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows, 1);
}

TEST_P(StatisticRepoTest, UpsertInsertsThenReplacesAndKeepsNulls) {
  auto first = store::WriteValue<bool>(db(), [&](Tx& tx) { return store::UpsertOfficialStatistic(tx, Row("110000", 2015, 94031)); });
  ASSERT_TRUE(first.has_value()) << first.error().detail;
  EXPECT_TRUE(*first);
  core::OfficialStatistic changed = Row("110000", 2015, std::nullopt);
  changed.population = 2171;
  changed.source = "revised table";
  auto second = store::WriteValue<bool>(db(), [&](Tx& tx) { return store::UpsertOfficialStatistic(tx, changed); });
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(*second);
  auto rows = store::ReadValue<std::vector<core::OfficialStatistic>>(
      db(), [](Tx& tx) { return store::ListOfficialStatistics(tx, {}); });
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  const core::OfficialStatistic& r = rows->front();
  EXPECT_EQ(r.region_code, "110000");
  EXPECT_EQ(r.year, 2015);
  EXPECT_FALSE(r.grants.has_value());
  EXPECT_FALSE(r.applications.has_value());
  EXPECT_EQ(r.valid_patents, 274667);
  EXPECT_DOUBLE_EQ(*r.gdp, 23014.59);
  EXPECT_DOUBLE_EQ(*r.population, 2171);
  EXPECT_EQ(r.source, "revised table");
}

TEST_P(StatisticRepoTest, ListFiltersByRegionsAndYears) {
  InWrite([&](Tx& tx) {
    for (const char* region : {"100000", "110000", "120000", "130000"}) {
      for (int year = 2013; year <= 2016; ++year) ASSERT_TRUE(store::UpsertOfficialStatistic(tx, Row(region, year, year)).has_value());
    }
  });
  auto rows = store::ReadValue<std::vector<core::OfficialStatistic>>(db(), [](Tx& tx) {
    return store::ListOfficialStatistics(tx, {{"130000", "110000"}, 2014, 2015});
  });
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].region_code, "110000");
  EXPECT_EQ((*rows)[0].year, 2014);
  EXPECT_EQ((*rows)[3].region_code, "130000");
  EXPECT_EQ((*rows)[3].year, 2015);
}

TEST_P(StatisticRepoTest, ImportCountsNewReplacedAndRejectedRowsAndAudits) {
  const std::string csv =
      "region,year,applications,grants,valid_patents,valid_inventions,gdp,population,source\n"
      "110000,2015,,94031,,,,,CNIPA_AR2015_b4\n"
      "120000,2015,,37342,,,,,CNIPA_AR2015_b4\n"
      "130000,2015,,abc,,,,,CNIPA_AR2015_b4\n";
  service::Actor actor;
  auto first = service::ImportOfficialStatistics(db(), actor, csv, false);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(service::StatisticSummaryLine(*first), "imported 2, updated 0, rejected 1");
  ASSERT_EQ(first->rejections.size(), 1u);
  EXPECT_EQ(first->rejections[0].line, 4);
  EXPECT_EQ(first->rejections[0].field, "grants");
  auto dry = service::ImportOfficialStatistics(db(), actor, csv, true);
  ASSERT_TRUE(dry.has_value());
  EXPECT_EQ(service::StatisticSummaryLine(*dry), "imported 0, updated 2, rejected 1");
  auto again = service::ImportOfficialStatistics(db(), actor, csv, false);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(service::StatisticSummaryLine(*again), "imported 0, updated 2, rejected 1");
  auto audit = store::ReadValue<std::vector<store::AuditEntry>>(db(), [](Tx& tx) {
    store::AuditFilter f;
    f.action = "statistics.import";
    return store::ListAudit(tx, f, 0, 10);
  });
  ASSERT_TRUE(audit.has_value());
  EXPECT_EQ(audit->size(), 2u);  // not for the dry run
  auto bad = service::ImportOfficialStatistics(db(), actor, "region,year\n", false);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StatisticRepoTest, DemoLoadsOnlyPublishedFiguresForTheFourRegionsOnce) {
  auto added = service::LoadDemoOfficialStatistics(db());
  ASSERT_TRUE(added.has_value()) << added.error().detail;
  EXPECT_EQ(*added, 14);  // 2009: 4, 2013: 2, 2014: 4, 2015: 4
  auto again = service::LoadDemoOfficialStatistics(db());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0);
  auto rows = service::ListOfficialStatistics(db(), {{"110000"}, 2013, 2013});
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].valid_inventions, 85434);
  EXPECT_FALSE((*rows)[0].valid_patents.has_value());
  EXPECT_FALSE((*rows)[0].gdp.has_value());
}

TEST_P(StatisticRepoTest, IndicatorsFromStoredTablesNameTheirSeries) {
  ASSERT_TRUE(service::LoadDemoOfficialStatistics(db()).has_value());
  service::OfficialIndicatorRequest request;
  request.filter = {{"110000", "120000", "130000"}, 2014, 2015};
  request.indicator_ids = {"share_of_national", "per_100m_gdp"};
  request.series = "NBS_GDP_PRE_EC4";
  auto values = service::OfficialIndicators(db(), request);
  ASSERT_TRUE(values.has_value()) << values.error().detail;
  // 2014 valid patents and 2015 grants for three regions, two indicators each.
  ASSERT_EQ(values->size(), 12u);
  for (const core::IndicatorValue& v : *values) {
    ASSERT_TRUE(v.value.has_value()) << v.region_code << " " << v.year << " " << v.missing;
    if (v.definition->id == std::string_view("per_100m_gdp")) {
      EXPECT_EQ(v.denominator->series, "NBS_GDP_PRE_EC4");
    }
  }
  const core::IndicatorValue& bj_share = (*values)[0];
  EXPECT_EQ(bj_share.region_code, "110000");
  EXPECT_EQ(bj_share.year, 2014);
  EXPECT_EQ(core::RoundTo(*bj_share.value, 2), core::RoundTo(100.0 * 274667 / 4032362, 2));
}

INSTANTIATE_TEST_SUITE_P(Backends, StatisticRepoTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName);

}  // namespace
}  // namespace ipa::testing
