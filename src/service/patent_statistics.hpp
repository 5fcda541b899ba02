// Patent statistics from the live search index (counts, the per-region overview with indicators,
// top applicants, technology fields) and from the store (region-to-region flows of transfers and
// licences). Every figure is computed on request; definitions come from core/stats_indicator.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/patent.hpp"
#include "core/stats_counts.hpp"
#include "service/search_service.hpp"
#include "store/database.hpp"

namespace ipa::service {

// ---- overview ----------------------------------------------------------------------------

struct OverviewRequest {
  std::vector<std::string> regions;  // province codes; the nation (100000) is always added
  int from_year = 0, to_year = 0;    // inclusive
  core::Date as_of{};                // valid counts, cohort grants granted by this day
  core::PatentMeasure numerator = core::PatentMeasure::kApplications;
  std::string series;  // GDP/population series id; "" = the newest vintage per year
};

// One region in one year: the counts and the indicators of the chosen numerator.
struct OverviewYear {
  std::string region_code;
  int year = 0;
  uint64_t applications = 0, grants = 0, cohort_grants = 0, valid_patents = 0, valid_inventions = 0;
  core::Date valid_on{};  // the day the valid counts are taken (year end, or as_of)
  // grant_ratio_cohort, grant_ratio_naive, share_of_national, yoy_growth, per_100m_gdp,
  // per_10k_population (the last four for `numerator`).
  std::vector<core::IndicatorValue> indicators;
};

// Valid patents and valid inventions on as_of with each region's share of the nation.
struct OverviewAsOf {
  std::string region_code;
  uint64_t valid_patents = 0, valid_inventions = 0;
  core::IndicatorValue valid_share, invention_share;
};

struct Overview {
  std::vector<OverviewYear> years;  // by region (request order, nation last), then year
  std::vector<OverviewAsOf> as_of;
};

// kInvalidArgument ("from") when from > to or the span is over 60 years.
core::Result<Overview> PatentOverview(const SearchService& search, const OverviewRequest& request);

// ---- applicants and fields ---------------------------------------------------------------

struct NamedCount {
  std::string key;     // applicant name, IPC section letter or WIPO field number
  uint64_t count = 0;
};

// The query text restricting to a province ("" = all patents).
std::string RegionQuery(const std::string& region_code);

// Top applicants by number of patents in the region (all when ""). limit 1..100.
core::Result<std::vector<NamedCount>> TopApplicants(const SearchService& search, const std::string& region_code,
                                                    uint32_t limit);
// Patents by IPC section (main IPC) or by WIPO field, in the region (all when "").
core::Result<std::vector<NamedCount>> IpcSections(const SearchService& search, const std::string& region_code);
core::Result<std::vector<NamedCount>> WipoFields(const SearchService& search, const std::string& region_code);

// ---- flows -------------------------------------------------------------------------------

struct FlowRequest {
  int from_year = 0, to_year = 0;  // by event date; 0 = open
  std::vector<core::EventKind> kinds = {core::EventKind::kTransfer, core::EventKind::kLicence};
};

struct FlowRow {
  core::EventKind kind = core::EventKind::kTransfer;
  std::string from_region, to_region;  // province, or Hebei city; "" = unknown
  uint64_t count = 0;
};

struct Flows {
  std::vector<FlowRow> rows;  // by kind, from, to
  uint64_t events = 0;        // events counted (known and unknown)
  uint64_t unknown_from = 0, unknown_to = 0, unknown_any = 0;
};

// Region-to-region counts of transfers (assignor → assignee) and licences (licensor →
// licensee). A party's region: the region of the patents it applied for (the most frequent),
// else the region named at the start of its name, else unknown. The scan of the store is cached
// per database: reused while `version` (the index's applied change sequence) is unchanged, and
// for up to 60 s after it changed. Store errors are returned. Thread-safe.
core::Result<Flows> PatentFlows(store::Database& db, int64_t version, const FlowRequest& request);

// The flow node for a region code: the province, or the city for Hebei ("130100").
std::string FlowRegion(const std::string& code);

}  // namespace ipa::service
