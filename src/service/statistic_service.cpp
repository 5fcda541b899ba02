#include "service/statistic_service.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "service/audit_service.hpp"

namespace ipa::service {
namespace {

const std::vector<std::string> kDefaultRegions = {"100000", "110000", "120000", "130000"};
const std::vector<std::string> kDefaultIndicators = {"per_100m_gdp", "per_10k_population", "share_of_national",
                                                     "yoy_growth"};
constexpr core::PatentMeasure kOfficialMeasures[] = {core::PatentMeasure::kApplications, core::PatentMeasure::kGrants,
                                                    core::PatentMeasure::kValidPatents,
                                                    core::PatentMeasure::kValidInventions};

std::string OfficeOf(const Actor& actor) {
  return actor.office() ? std::string(core::OfficeCode(*actor.office())) : std::string();
}

}  // namespace

core::Result<StatisticImportSummary> ImportOfficialStatistics(store::Database& db, const Actor& actor,
                                                             std::string_view csv_text, bool dry_run) {
  IPA_TRY(parsed, core::ParseOfficialCsv(csv_text));
  StatisticImportSummary summary;
  summary.rejected = static_cast<int64_t>(parsed.rejections.size());
  summary.rejections = std::move(parsed.rejections);
  bool counted = false;  // a dry run fails its transaction on purpose, after counting
  auto write = [&](store::Tx& tx) -> core::Status {
    for (const core::OfficialStatistic& row : parsed.rows) {
      IPA_TRY(inserted, store::UpsertOfficialStatistic(tx, row));
      ++(inserted ? summary.imported : summary.updated);
    }
    counted = true;
    if (dry_run) return core::Fail(core::ErrorCode::kConflict, "dry run");  // rolls back
    return RecordAudit(tx, actor, {"statistics.import", "official_statistics", "", "ok", OfficeOf(actor),
                                   StatisticSummaryLine(summary)});
  };
  core::Status st = db.Write(write);
  if (!st && !(dry_run && counted)) return std::unexpected(st.error());
  return summary;
}

core::Result<StatisticImportSummary> ImportOfficialStatisticsFile(store::Database& db, const Actor& actor,
                                                                 const std::string& path, bool dry_run) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Fail(core::ErrorCode::kNotFound, "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return ImportOfficialStatistics(db, actor, text.str(), dry_run);
}

std::string StatisticSummaryLine(const StatisticImportSummary& s) {
  return "imported " + std::to_string(s.imported) + ", updated " + std::to_string(s.updated) + ", rejected " +
         std::to_string(s.rejected);
}

core::Result<std::vector<core::OfficialStatistic>> ListOfficialStatistics(
    store::Database& db, const store::OfficialStatisticFilter& filter) {
  return store::ReadValue<std::vector<core::OfficialStatistic>>(
      db, [&](store::Tx& tx) { return store::ListOfficialStatistics(tx, filter); });
}

core::Result<std::vector<core::IndicatorValue>> OfficialIndicators(store::Database& db,
                                                                  const OfficialIndicatorRequest& request) {
  store::OfficialStatisticFilter load = request.filter;
  if (load.region_codes.empty()) load.region_codes = kDefaultRegions;
  const std::vector<std::string> regions = load.region_codes;
  if (std::find(regions.begin(), regions.end(), "100000") == regions.end()) load.region_codes.push_back("100000");
  if (load.from_year > 0) load.from_year -= 1;  // growth needs the year before
  IPA_TRY(rows, ListOfficialStatistics(db, load));
  const core::PatentCounts counts = core::ToPatentCounts(rows);
  std::set<std::pair<std::string, int>> keys;
  for (const core::OfficialStatistic& r : rows) {
    const bool in_range = (request.filter.from_year == 0 || r.year >= request.filter.from_year);
    if (in_range && std::find(regions.begin(), regions.end(), r.region_code) != regions.end()) {
      keys.insert({r.region_code, r.year});
    }
  }
  const auto& ids = request.indicator_ids.empty() ? kDefaultIndicators : request.indicator_ids;
  std::vector<core::PatentMeasure> measures = request.measures;
  if (measures.empty()) measures.assign(std::begin(kOfficialMeasures), std::end(kOfficialMeasures));
  std::vector<core::IndicatorValue> out;
  for (const auto& [region, year] : keys) {
    for (const std::string& id : ids) {
      for (core::PatentMeasure m : measures) {
        if (!counts.Get(region, year, m)) continue;  // this row does not report the measure
        if (id == "share_of_national" && region == "100000") continue;
        out.push_back(core::ComputeIndicator(counts, {id, region, year, m, request.series}));
      }
    }
  }
  return out;
}

core::Result<int64_t> LoadDemoOfficialStatistics(store::Database& db) {
  return store::WriteValue<int64_t>(db, [](store::Tx& tx) -> core::Result<int64_t> {
    IPA_TRY(existing, store::ListOfficialStatistics(tx, {kDefaultRegions, 0, 0}));
    std::set<std::pair<std::string, int>> have;
    for (const auto& r : existing) have.insert({r.region_code, r.year});
    int64_t added = 0;
    for (const core::OfficialStatistic& row : core::ShippedOfficialStatistics()) {
      if (std::find(kDefaultRegions.begin(), kDefaultRegions.end(), row.region_code) == kDefaultRegions.end()) continue;
      if (have.contains({row.region_code, row.year})) continue;
      IPA_CHECK(store::UpsertOfficialStatistic(tx, row));
      ++added;
    }
    return added;
  });
}

}  // namespace ipa::service
