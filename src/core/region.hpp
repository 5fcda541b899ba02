// GB/T 2260 administrative divisions (all provinces; every city and district of Beijing,
// Tianjin and Hebei) and the three IP offices of the alliance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ipa::core {

enum class RegionLevel { kProvince, kCity, kDistrict };

struct Region {
  std::string code;    // six digits, e.g. "130102"
  std::string name;    // 长安区
  std::string parent;  // "" for provinces
  RegionLevel level = RegionLevel::kProvince;
};

// The alliance's three IP offices.
enum class Office { kBeijing, kTianjin, kHebei };
inline constexpr Office kAllOffices[] = {Office::kBeijing, Office::kTianjin, Office::kHebei};

std::string_view OfficeCode(Office office);  // "BJ", "TJ", "HE"
std::optional<Office> ParseOffice(std::string_view code);
std::string_view OfficeProvinceCode(Office office);  // "110000", "120000", "130000"

// The region table, loaded once from the embedded GB/T 2260 data. Thread-safe.
const std::vector<Region>& AllRegions();
const Region* FindRegion(std::string_view code);
std::vector<const Region*> RegionChildren(std::string_view parent_code);

// "天津市滨海新区" for "120116": the names from the province down.
std::string RegionFullName(std::string_view code);

// The office whose province contains the region, if any.
std::optional<Office> OfficeForRegion(std::string_view code);

// Validates a region code against the table; kInvalidArgument naming `field` otherwise.
Status ValidateRegionCode(std::string_view code, std::string_view field);

}  // namespace ipa::core
