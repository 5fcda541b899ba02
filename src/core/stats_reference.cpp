#include "core/stats_reference.hpp"

#include <algorithm>
#include <charconv>
#include <deque>

#include "core/region.hpp"
#include "core/stats_data.hpp"
#include "core/tsv.hpp"

namespace ipa::core {
namespace {

struct Tables {
  std::deque<StatSeries> series;  // deque: ReferenceValue keeps pointers
  std::deque<StatSource> sources;
  std::vector<ReferenceValue> values[2];  // by StatMeasure
  std::vector<PublishedClaim> claims;
};

template <class T>
T ParseNumber(std::string_view s) {
  T v{};
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

const StatSource* SourceIn(const Tables& t, std::string_view id) {
  for (const StatSource& s : t.sources) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const StatSeries* SeriesIn(const Tables& t, std::string_view id) {
  for (const StatSeries& s : t.series) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

void LoadValues(Tables& t, StatMeasure measure, std::string_view tsv) {
  auto& out = t.values[static_cast<int>(measure)];
  for (const auto& c : ParseTsv(tsv)) {
    if (c.size() < 5) continue;
    out.push_back(ReferenceValue{std::string(c[1]), ParseNumber<int>(c[2]), ParseNumber<double>(c[3]),
                                 SeriesIn(t, c[0]), SourceIn(t, c[4])});
  }
}

void LoadClaims(Tables& t) {
  for (const auto& c : ParseTsv(embedded::kStatsClaimsTsv)) {
    if (c.size() < 8) continue;
    PublishedClaim claim{std::string(c[0]), std::string(c[2]), ParseNumber<int>(c[1]), {},
                         ParseNumber<double>(c[4]), std::string(c[5]), std::string(c[6]), std::string(c[7])};
    for (std::string_view code : Split(c[3], ',')) claim.region_codes.emplace_back(code);
    t.claims.push_back(std::move(claim));
  }
}

const Tables& Load() {
  static const Tables tables = [] {
    Tables t;
    for (const auto& c : ParseTsv(embedded::kStatsSeriesTsv)) {
      if (c.size() < 8) continue;
      t.series.push_back(StatSeries{std::string(c[0]), ParseStatMeasure(c[1]).value_or(StatMeasure::kGdp),
                                    std::string(c[2]), std::string(c[3]), c[4] == "1", std::string(c[5]),
                                    std::string(c[6]), std::string(c[7])});
    }
    for (const auto& c : ParseTsv(embedded::kStatsSourcesTsv)) {
      if (c.size() < 7) continue;
      t.sources.push_back(StatSource{std::string(c[0]), std::string(c[1]), std::string(c[2]), std::string(c[3]),
                                     std::string(c[4]), std::string(c[5]), std::string(c[6])});
    }
    LoadValues(t, StatMeasure::kGdp, embedded::kStatsGdpTsv);
    LoadValues(t, StatMeasure::kPopulation, embedded::kStatsPopulationTsv);
    LoadClaims(t);
    return t;
  }();
  return tables;
}

// Preference rank of a series when the caller names none: latest, then revised, then original.
int Rank(const StatSeries* s) {
  if (s == nullptr) return 3;
  if (s->latest) return 0;
  return s->revision == "revised" ? 1 : 2;
}

}  // namespace

std::string_view StatMeasureId(StatMeasure m) { return m == StatMeasure::kGdp ? "gdp" : "population"; }

std::optional<StatMeasure> ParseStatMeasure(std::string_view id) {
  if (id == "gdp") return StatMeasure::kGdp;
  if (id == "population") return StatMeasure::kPopulation;
  return std::nullopt;
}

const std::vector<StatSeries>& AllStatSeries() {
  static const std::vector<StatSeries> all(Load().series.begin(), Load().series.end());
  return all;
}

const StatSeries* FindStatSeries(std::string_view id) { return SeriesIn(Load(), id); }

const std::vector<StatSource>& AllStatSources() {
  static const std::vector<StatSource> all(Load().sources.begin(), Load().sources.end());
  return all;
}

const StatSource* FindStatSource(std::string_view id) { return SourceIn(Load(), id); }

const std::vector<PublishedClaim>& AllPublishedClaims() { return Load().claims; }

const PublishedClaim* FindPublishedClaim(std::string_view id) {
  for (const PublishedClaim& c : Load().claims) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::vector<ReferenceValue> ReferenceValues(StatMeasure measure, std::string_view region_code,
                                            std::string_view series_id) {
  std::vector<ReferenceValue> out;
  for (const ReferenceValue& v : Load().values[static_cast<int>(measure)]) {
    if (!region_code.empty() && v.region_code != region_code) continue;
    if (!series_id.empty() && (v.series == nullptr || v.series->id != series_id)) continue;
    out.push_back(v);
  }
  return out;
}

std::optional<ReferenceValue> FindReferenceValue(StatMeasure measure, std::string_view region_code, int year,
                                                 std::string_view series_id) {
  for (const ReferenceValue& v : Load().values[static_cast<int>(measure)]) {
    if (v.year == year && v.region_code == region_code && v.series != nullptr && v.series->id == series_id) {
      return v;
    }
  }
  return std::nullopt;
}

std::optional<ReferenceValue> PreferredReferenceValue(StatMeasure measure, std::string_view region_code,
                                                      int year) {
  std::optional<ReferenceValue> best;
  for (const ReferenceValue& v : Load().values[static_cast<int>(measure)]) {
    if (v.year != year || v.region_code != region_code) continue;
    if (!best || Rank(v.series) < Rank(best->series)) best = v;
  }
  return best;
}

std::string StatRegionName(std::string_view region_code) {
  if (region_code == kNationalRegionCode) return "全国";
  const Region* r = FindRegion(region_code);
  return r == nullptr ? std::string() : r->name;
}

}  // namespace ipa::core
