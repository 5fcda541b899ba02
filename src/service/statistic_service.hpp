// Use cases of official statistics: importing official aggregate tables (stats-csv), listing
// them, computing indicators from them, and loading the shipped CNIPA tables for the demo.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/stats_official.hpp"
#include "service/actor.hpp"
#include "store/database.hpp"
#include "store/statistic_repo.hpp"

namespace ipa::service {

struct StatisticImportSummary {
  int64_t imported = 0;  // new (region, year) rows
  int64_t updated = 0;   // rows that replaced a stored (region, year)
  int64_t rejected = 0;
  std::vector<core::OfficialRejection> rejections;
};

// Imports a stats-csv text in one transaction (all good rows, or nothing on a database error).
// kInvalidArgument when the text is not a stats-csv file (header, encoding); bad rows are
// rejected and reported, not fatal. `dry_run` validates and counts without writing.
core::Result<StatisticImportSummary> ImportOfficialStatistics(store::Database& db, const Actor& actor,
                                                             std::string_view csv_text, bool dry_run);

// The same for a file; kNotFound when it cannot be read.
core::Result<StatisticImportSummary> ImportOfficialStatisticsFile(store::Database& db, const Actor& actor,
                                                                 const std::string& path, bool dry_run);

// "imported N, updated M, rejected K" (the patent import's summary line).
std::string StatisticSummaryLine(const StatisticImportSummary& summary);

core::Result<std::vector<core::OfficialStatistic>> ListOfficialStatistics(store::Database& db,
                                                                         const store::OfficialStatisticFilter& filter);

// Indicators from the stored official tables for each region of `filter` (default: Beijing,
// Tianjin, Hebei and the nation) and each year that has a row: `indicator_ids` for `measures`,
// GDP and population from `series` ("" = the table's own figure, else the newest vintage).
// The national row is loaded even when not asked for, so shares can be computed.
struct OfficialIndicatorRequest {
  store::OfficialStatisticFilter filter;
  std::vector<std::string> indicator_ids;     // empty: per_100m_gdp, per_10k_population, share, growth
  std::vector<core::PatentMeasure> measures;  // empty: the four official measures
  std::string series;
};
core::Result<std::vector<core::IndicatorValue>> OfficialIndicators(store::Database& db,
                                                                  const OfficialIndicatorRequest& request);

// Stores the shipped official tables (data/stats/official_patents.csv) for Beijing, Tianjin,
// Hebei and the nation, keeping rows already present. Returns the number of rows added.
core::Result<int64_t> LoadDemoOfficialStatistics(store::Database& db);

}  // namespace ipa::service
