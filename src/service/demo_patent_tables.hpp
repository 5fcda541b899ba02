// The weight tables behind the demo patent corpus: filing years, patent types by year,
// provinces, IPC subclasses and design product fields. Plain constant data.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace ipa::service::demo {

inline constexpr int kFirstFilingYear = 1990;
inline constexpr int kLastFilingYear = 2025;

// Relative number of Chinese patent applications filed in `year` (thousands, all three types,
// rounded; the curve, not exact statistics). 0 outside kFirstFilingYear..kLastFilingYear.
double FilingYearWeight(int year);

// Shares of invention, utility model and design among the applications of `year` (sum 1),
// interpolated between anchor years: designs peak around 2005-2010, utility models after 2018.
std::array<double, 3> TypeShares(int year);

// A mainland province: its share of the corpus, the short name used in company names, and
// the cities (or districts, for the municipalities) used in addresses, space-separated.
struct ProvinceInfo {
  std::string_view code;        // GB/T 2260, "440000"
  double share = 0;             // of all generated patents; the 31 shares sum to 1
  std::string_view short_name;  // "广东"
  std::string_view places;      // "广州市 深圳市 佛山市 东莞市"
};
// Beijing 20%, Tianjin 10%, Hebei 10%; the other 28 provinces share 60% in proportion to their
// domestic patents in force at the end of 2009 (CNIPA annual report, data/cn-stats).
std::span<const ProvinceInfo> Provinces();

// Relative weight of a Beijing or Tianjin district or a Hebei city (by its four-digit prefix)
// when placing an applicant inside the province: Haidian, Binhai and Shijiazhuang lead.
double JjjPlaceWeight(std::string_view region_code);

// An IPC subclass, the technology field whose vocabulary writes its titles, its weight among
// patents that carry IPC codes (basis points of main classifications), and main-group/subgroup
// codes seen in that subclass (space-separated, "10/0525 4/36").
struct IpcSubclass {
  std::string_view field;
  std::string_view subclass;
  int weight = 0;
  std::string_view groups;
};
std::span<const IpcSubclass> IpcSubclasses();

// Technology fields that design patents are drawn from (designs carry no IPC code).
struct FieldWeight {
  std::string_view field;
  int weight = 0;
};
std::span<const FieldWeight> DesignFields();

}  // namespace ipa::service::demo
