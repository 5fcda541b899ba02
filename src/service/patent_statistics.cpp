#include "service/patent_statistics.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <unordered_map>

#include "core/region_inference.hpp"
#include "core/stats_reference.hpp"
#include "store/patent_repo.hpp"

namespace ipa::service {
namespace {

using core::ErrorCode;
using core::Fail;
using core::PatentMeasure;
using index::CountDim;

constexpr const char* kIndexSource = "patent index";
const std::string kNation(core::kNationalRegionCode);

int YearOf(core::Date d) {
  int y = 0;
  unsigned m = 0, day = 0;
  core::SplitDate(d, y, m, day);
  return y;
}

// region → year → count, with the nation summed over every row (unknown regions included).
using YearCounts = std::map<std::string, std::map<int, uint64_t>>;

core::Result<YearCounts> ByRegionYear(const SearchService& search, const std::string& q, CountDim year_dim,
                                      core::Date as_of) {
  IPA_TRY(rows, search.Counts(q, {CountDim::kProvince, year_dim}, as_of));
  YearCounts out;
  for (const index::CountRow& r : rows) {
    if (r.key[1].empty()) continue;
    const int year = std::stoi(r.key[1]);
    if (!r.key[0].empty()) out[r.key[0]][year] += r.count;
    out[kNation][year] += r.count;
  }
  return out;
}

struct ValidCounts {
  std::map<std::string, uint64_t> all, inventions;
};

core::Result<ValidCounts> ValidOn(const SearchService& search, core::Date day) {
  IPA_TRY(rows, search.Counts("", {CountDim::kProvince, CountDim::kType, CountDim::kStatus}, day));
  ValidCounts out;
  for (const index::CountRow& r : rows) {
    if (r.key[2] != "valid" && r.key[2] != "valid_grace") continue;
    const bool invention = r.key[1] == "invention";
    for (const std::string& region : {r.key[0], kNation}) {
      if (region.empty()) continue;
      out.all[region] += r.count;
      if (invention) out.inventions[region] += r.count;
    }
  }
  return out;
}

uint64_t At(const YearCounts& c, const std::string& region, int year) {
  auto it = c.find(region);
  if (it == c.end()) return 0;
  auto y = it->second.find(year);
  return y == it->second.end() ? 0 : y->second;
}

uint64_t At(const std::map<std::string, uint64_t>& c, const std::string& region) {
  auto it = c.find(region);
  return it == c.end() ? 0 : it->second;
}

std::vector<std::string> WithNation(std::vector<std::string> regions) {
  std::erase(regions, kNation);
  regions.push_back(kNation);
  return regions;
}

// Fills `counts` and the count fields of `years` for every region and year (and the year before
// `from`, for growth).
core::Status CollectCounts(const SearchService& search, const OverviewRequest& r, const std::vector<std::string>& regions,
                           core::PatentCounts& counts, std::vector<OverviewYear>& years) {
  IPA_TRY(apps, ByRegionYear(search, "", CountDim::kFilingYear, r.as_of));
  IPA_TRY(grants, ByRegionYear(search, "", CountDim::kGrantYear, r.as_of));
  IPA_TRY(cohort, ByRegionYear(search, "GD<=" + core::FormatDate(r.as_of), CountDim::kFilingYear, r.as_of));
  const int last_year = YearOf(r.as_of);
  for (int year = r.from_year - 1; year <= r.to_year; ++year) {
    const core::Date year_end = core::MakeDate(year, 12, 31);
    const bool has_valid = year <= last_year;
    const core::Date valid_on = std::min(year_end, r.as_of);
    ValidCounts valid;
    if (has_valid) {
      IPA_TRY(v, ValidOn(search, valid_on));
      valid = std::move(v);
    }
    for (const std::string& region : regions) {
      OverviewYear y{region, year, At(apps, region, year), At(grants, region, year), At(cohort, region, year),
                     At(valid.all, region), At(valid.inventions, region), valid_on, {}};
      counts.Set(region, year, PatentMeasure::kApplications, static_cast<double>(y.applications), kIndexSource);
      counts.Set(region, year, PatentMeasure::kGrants, static_cast<double>(y.grants), kIndexSource);
      counts.Set(region, year, PatentMeasure::kCohortGrants, static_cast<double>(y.cohort_grants), kIndexSource);
      if (has_valid) {
        counts.Set(region, year, PatentMeasure::kValidPatents, static_cast<double>(y.valid_patents), kIndexSource);
        counts.Set(region, year, PatentMeasure::kValidInventions, static_cast<double>(y.valid_inventions),
                   kIndexSource);
      }
      if (year >= r.from_year) years.push_back(std::move(y));
    }
  }
  return {};
}

core::IndicatorValue Indicator(const core::PatentCounts& counts, const char* id, const OverviewYear& y,
                               const OverviewRequest& r) {
  return core::ComputeIndicator(counts, {id, y.region_code, y.year, r.numerator, r.series});
}

}  // namespace

core::Result<Overview> PatentOverview(const SearchService& search, const OverviewRequest& r) {
  if (r.from_year > r.to_year) return Fail(ErrorCode::kInvalidArgument, "from: after to", "from");
  if (r.to_year - r.from_year > 60) return Fail(ErrorCode::kInvalidArgument, "from: at most 60 years", "from");
  const std::vector<std::string> regions = WithNation(r.regions);
  core::PatentCounts counts;
  Overview out;
  IPA_CHECK(CollectCounts(search, r, regions, counts, out.years));
  {  // Grouped by region in the requested order, each region's years kept in their order.
    std::vector<OverviewYear> grouped;
    grouped.reserve(out.years.size());
    std::vector<bool> taken(out.years.size(), false);
    for (const std::string& code : regions) {
      for (size_t i = 0; i < out.years.size(); ++i) {
        if (!taken[i] && out.years[i].region_code == code) {
          taken[i] = true;
          grouped.push_back(std::move(out.years[i]));
        }
      }
    }
    for (size_t i = 0; i < out.years.size(); ++i) {
      if (!taken[i]) grouped.push_back(std::move(out.years[i]));  // a region not asked for: last
    }
    out.years = std::move(grouped);
  }
  for (OverviewYear& y : out.years) {
    for (const char* id : {"grant_ratio_cohort", "grant_ratio_naive", "share_of_national", "yoy_growth",
                           "per_100m_gdp", "per_10k_population"}) {
      y.indicators.push_back(Indicator(counts, id, y, r));
    }
  }
  IPA_TRY(valid, ValidOn(search, r.as_of));
  const core::Figure nation_all{static_cast<double>(At(valid.all, kNation)), "valid_patents", "", kIndexSource};
  const core::Figure nation_inv{static_cast<double>(At(valid.inventions, kNation)), "valid_inventions", "", kIndexSource};
  for (const std::string& region : regions) {
    OverviewAsOf a{region, At(valid.all, region), At(valid.inventions, region), {}, {}};
    a.valid_share = core::ShareOfNational({static_cast<double>(a.valid_patents), "valid_patents", "", kIndexSource},
                                          nation_all);
    a.invention_share = core::ShareOfNational(
        {static_cast<double>(a.valid_inventions), "valid_inventions", "", kIndexSource}, nation_inv);
    a.valid_share.region_code = a.invention_share.region_code = region;
    a.valid_share.year = a.invention_share.year = YearOf(r.as_of);
    out.as_of.push_back(std::move(a));
  }
  return out;
}

std::string RegionQuery(const std::string& region_code) {
  return region_code.empty() ? "type=(invention OR utility_model OR design)" : "region=" + region_code;
}

namespace {

// The facets of every patent in a region (all patents for ""), the top `top` values each.
core::Result<index::Facets> RegionFacets(const SearchService& search, const std::string& region_code, uint32_t top) {
  IPA_TRY(query, index::ParseQuery(RegionQuery(region_code)));
  index::SearchRequest req;
  req.query = std::move(query);
  req.limit = 0;
  req.as_of = core::Today();
  req.facets = true;
  req.facet_top = top;
  auto snap = search.snapshot();
  IPA_TRY(result, index::Search(*snap, req));
  return std::move(result.facets);
}

std::vector<NamedCount> Named(const std::vector<index::FacetValue>& values) {
  std::vector<NamedCount> out;
  for (const index::FacetValue& v : values) out.push_back({v.value, v.count});
  return out;
}

}  // namespace

core::Result<std::vector<NamedCount>> TopApplicants(const SearchService& search, const std::string& region_code,
                                                    uint32_t limit) {
  IPA_TRY(facets, RegionFacets(search, region_code, limit));
  return Named(facets.applicant);
}

core::Result<std::vector<NamedCount>> IpcSections(const SearchService& search, const std::string& region_code) {
  IPA_TRY(facets, RegionFacets(search, region_code, 20));
  std::vector<NamedCount> out = Named(facets.ipc_section);
  std::sort(out.begin(), out.end(), [](const NamedCount& a, const NamedCount& b) { return a.key < b.key; });
  return out;
}

core::Result<std::vector<NamedCount>> WipoFields(const SearchService& search, const std::string& region_code) {
  IPA_TRY(rows, search.Counts(region_code.empty() ? "" : RegionQuery(region_code), {CountDim::kWipo}, core::Today()));
  std::vector<NamedCount> out;
  for (const index::CountRow& r : rows) {
    if (r.key[0] != "0") out.push_back({r.key[0], r.count});
  }
  std::sort(out.begin(), out.end(), [](const NamedCount& a, const NamedCount& b) {
    return std::stoi(a.key) < std::stoi(b.key);
  });
  return out;
}

// ---- flows -------------------------------------------------------------------------------

std::string FlowRegion(const std::string& code) {
  if (code.size() != 6) return "";
  if (code.starts_with("13") && code.substr(2, 2) != "00") return code.substr(0, 4) + "00";
  return code.substr(0, 2) + "0000";
}

namespace {

struct FlowEvent {
  core::EventKind kind;
  int year;
  std::string from_region, to_region;
};

struct FlowScan {
  std::vector<FlowEvent> events;
};

// The most frequent region of the patents each applicant name appears on.
class PartyRegions {
 public:
  void Add(const core::Patent& p) {
    const std::string region = FlowRegion(p.region_code);
    if (region.empty()) return;
    for (const core::Applicant& a : p.applicants) ++votes_[a.name][region];
  }
  std::string Of(const std::string& name) const {
    auto it = votes_.find(name);
    if (it != votes_.end()) {
      return std::max_element(it->second.begin(), it->second.end(),
                              [](const auto& a, const auto& b) { return a.second < b.second; })
          ->first;
    }
    return FlowRegion(core::RegionNamedIn(name));
  }

 private:
  std::unordered_map<std::string, std::map<std::string, int>> votes_;
};

core::Result<FlowScan> ScanFlows(store::Database& db) {
  constexpr int kBatch = 2000;
  PartyRegions parties;
  struct Raw {
    core::EventKind kind;
    int year;
    std::string from, to;
  };
  std::vector<Raw> raw;
  IPA_CHECK(db.Read([&](store::Tx& tx) -> core::Status {
    int64_t after = 0;
    for (;;) {
      IPA_TRY(batch, store::ScanPatents(tx, after, kBatch));
      if (batch.empty()) return {};
      for (const auto& [id, p] : batch) {
        after = id.value;
        parties.Add(p);
        for (const core::LegalEvent& e : p.events) {
          if (e.kind == core::EventKind::kTransfer) raw.push_back({e.kind, YearOf(e.date), e.from, e.to});
          if (e.kind == core::EventKind::kLicence) raw.push_back({e.kind, YearOf(e.date), e.from, e.licensee});
        }
      }
    }
  }));
  FlowScan scan;
  scan.events.reserve(raw.size());
  for (const Raw& r : raw) scan.events.push_back({r.kind, r.year, parties.Of(r.from), parties.Of(r.to)});
  return scan;
}

struct FlowCache {
  std::mutex mu;
  const store::Database* db = nullptr;
  std::string db_name;  // Describe(): tells apart databases that reuse an address
  int64_t version = -1;
  std::chrono::steady_clock::time_point at;
  std::shared_ptr<const FlowScan> scan;
};

core::Result<std::shared_ptr<const FlowScan>> CachedScan(store::Database& db, int64_t version) {
  static FlowCache cache;
  std::lock_guard lock(cache.mu);
  const auto now = std::chrono::steady_clock::now();
  // The same database: reused while younger than 60 s even if the index moved on (a busy store
  // would otherwise be rescanned on every request), and for as long as nothing changed.
  const bool same_db = cache.scan && cache.db == &db && cache.db_name == db.Describe();
  if (same_db && (cache.version == version || now - cache.at < std::chrono::seconds(60))) return cache.scan;
  IPA_TRY(scan, ScanFlows(db));
  cache.scan = std::make_shared<const FlowScan>(std::move(scan));
  cache.db = &db;
  cache.db_name = db.Describe();
  cache.version = version;
  cache.at = now;
  return cache.scan;
}

}  // namespace

core::Result<Flows> PatentFlows(store::Database& db, int64_t version, const FlowRequest& r) {
  IPA_TRY(scan, CachedScan(db, version));
  std::map<std::tuple<int, std::string, std::string>, uint64_t> counts;
  Flows out;
  for (const FlowEvent& e : scan->events) {
    if (std::find(r.kinds.begin(), r.kinds.end(), e.kind) == r.kinds.end()) continue;
    if ((r.from_year && e.year < r.from_year) || (r.to_year && e.year > r.to_year)) continue;
    ++out.events;
    out.unknown_from += e.from_region.empty();
    out.unknown_to += e.to_region.empty();
    out.unknown_any += e.from_region.empty() || e.to_region.empty();
    ++counts[{static_cast<int>(e.kind), e.from_region, e.to_region}];
  }
  for (const auto& [key, n] : counts) {
    out.rows.push_back({static_cast<core::EventKind>(std::get<0>(key)), std::get<1>(key), std::get<2>(key), n});
  }
  return out;
}

}  // namespace ipa::service
