// Patent counts by (region, year, measure) with their source, and the indicators computed from
// them: the one entry point for counts from the search index and from official tables alike.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/stats_indicator.hpp"
#include "core/stats_reference.hpp"

namespace ipa::core {

class PatentCounts {
 public:
  // Records a count (replacing an earlier one for the same key).
  void Set(std::string_view region_code, int year, PatentMeasure measure, double value, std::string source);
  // Records a GDP or population figure that came with the counts (an official table's own
  // column); it is used instead of the reference series when the caller names no series.
  void SetDenominator(std::string_view region_code, int year, StatMeasure measure, double value,
                      std::string source);

  std::optional<Figure> Get(std::string_view region_code, int year, PatentMeasure measure) const;
  std::optional<Figure> GetDenominator(std::string_view region_code, int year, StatMeasure measure) const;

 private:
  std::map<std::tuple<std::string, int, int>, Figure> counts_;
  std::map<std::tuple<std::string, int, int>, Figure> denominators_;
};

struct IndicatorRequest {
  std::string indicator_id;  // an AllIndicatorDefinitions() id
  std::string region_code;   // a province code or kNationalRegionCode
  int year = 0;
  PatentMeasure measure = PatentMeasure::kApplications;  // the numerator (ignored by grant ratios)
  std::string series;  // GDP or population series id; "" = the counts' own figure, else preferred
};

// Computes one indicator. The result's `missing` says which input is absent when there is no
// value; an unknown indicator id gives a result without definition and a `missing` reason.
IndicatorValue ComputeIndicator(const PatentCounts& counts, const IndicatorRequest& request);

// A GDP or population figure from the reference tables: from `series_id`, or the preferred
// series when it is empty.
std::optional<Figure> ReferenceFigure(StatMeasure measure, std::string_view region_code, int year,
                                      std::string_view series_id);

// The share of the regions' summed GDP in the nation's, for `year`, on every series that has all
// the regions: over the national GDP of each series that has it, and over the sum of the 31
// provinces of the same series. Each result names both series, so mixing vintages is visible
// (the seed's "10.9% of GDP" for 2013 is 10.57% over NBS_GDP_EC4, 9.88% over the 31 provinces).
std::vector<IndicatorValue> GdpShares(const std::vector<std::string>& region_codes, int year);

}  // namespace ipa::core
