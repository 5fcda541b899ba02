// Official reference statistics shipped with the program: National Bureau of Statistics GDP and
// year-end resident population by province and year, kept per data vintage ("series"), because
// NBS revises history after each economic and population census. Loaded once from data/stats/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipa::core {

// The code used for the national total in statistics (not a GB/T 2260 region).
inline constexpr std::string_view kNationalRegionCode = "100000";

enum class StatMeasure { kGdp, kPopulation };
std::string_view StatMeasureId(StatMeasure m);  // "gdp", "population"
std::optional<StatMeasure> ParseStatMeasure(std::string_view id);

// One NBS data vintage of one measure, e.g. GDP as revised after the 4th economic census.
struct StatSeries {
  std::string id;  // "NBS_GDP_EC4"
  StatMeasure measure = StatMeasure::kGdp;
  std::string unit;
  std::string revision;  // "original" (as first published) or "revised"
  bool latest = false;   // the newest vintage of its measure
  std::string label_zh, label_en;
  std::string revision_note;
};

// Where the figures of a series were copied from.
struct StatSource {
  std::string id;  // "NBS_GDP_V2018_tobby"
  std::string series_id;
  std::string scope;  // "provinces" or "nation"
  std::string years;  // "2000-2017"
  std::string origin;
  std::string commit;
  std::string licence;
};

// One figure: the value of a measure for a region and year in one series.
struct ReferenceValue {
  std::string region_code;
  int year = 0;
  double value = 0;
  const StatSeries* series = nullptr;
  const StatSource* source = nullptr;
};

// A published claim the figures can be checked against (the seed article's "10.9% of GDP").
struct PublishedClaim {
  std::string id, indicator_id;
  int year = 0;
  std::vector<std::string> region_codes;
  double value = 0;
  std::string unit, source, text;
};

// The tables, loaded from the embedded data on first use. Thread-safe.
const std::vector<StatSeries>& AllStatSeries();
const StatSeries* FindStatSeries(std::string_view id);
const std::vector<StatSource>& AllStatSources();
const StatSource* FindStatSource(std::string_view id);
const std::vector<PublishedClaim>& AllPublishedClaims();
const PublishedClaim* FindPublishedClaim(std::string_view id);

// Every figure of `measure`, filtered by region code and series id when they are non-empty,
// ordered by series, region, year.
std::vector<ReferenceValue> ReferenceValues(StatMeasure measure, std::string_view region_code = {},
                                            std::string_view series_id = {});

// The figure for (region, year) in `series_id`; nullopt when that series has none.
std::optional<ReferenceValue> FindReferenceValue(StatMeasure measure, std::string_view region_code,
                                                 int year, std::string_view series_id);

// The figure from the newest vintage that has (region, year): latest first, then revised, then
// original. Used when the caller does not choose a series.
std::optional<ReferenceValue> PreferredReferenceValue(StatMeasure measure, std::string_view region_code,
                                                      int year);

// "北京市" for "110000", "全国" for the national code, "" for an unknown code.
std::string StatRegionName(std::string_view region_code);

}  // namespace ipa::core
