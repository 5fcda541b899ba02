#include "index/region_names.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/region.hpp"
#include "core/text.hpp"

namespace ipa::index {
namespace {

// Suffixes dropped to get the name a region is usually written with: 河北省 → 河北,
// 石家庄市 → 石家庄, 海淀区 → 海淀, 大厂回族自治县 → 大厂. Longest first.
constexpr std::array<std::string_view, 13> kSuffixes = {"满族蒙古族自治县",
                                                        "维吾尔自治区",
                                                        "特别行政区",
                                                        "壮族自治区",
                                                        "回族自治区",
                                                        "回族自治县",
                                                        "满族自治县",
                                                        "自治区",
                                                        "自治县",
                                                        "省",
                                                        "市",
                                                        "区",
                                                        "县"};

std::string ShortName(std::string_view name) {
  for (std::string_view suffix : kSuffixes) {
    // Keep at least two characters: 河东区 → 河东, but not 雄县 → 雄.
    if (name.ends_with(suffix) && core::Utf8Length(name) - core::Utf8Length(suffix) >= 2) {
      return std::string(name.substr(0, name.size() - suffix.size()));
    }
  }
  return std::string(name);
}

// How directly a name names a region: the written name beats a short name, and a short name
// of a province beats one of a city or district (河北 is 河北省, not Tianjin's 河北区).
enum Rank : int { kExact = 0, kShortProvince = 1, kShortCity = 2, kShortDistrict = 3 };

struct Named {
  std::string code;
  int rank = kExact;
};
using NameTable = std::unordered_map<std::string, std::vector<Named>>;

void Add(NameTable& table, std::string name, const std::string& code, int rank) {
  auto& entries = table[std::move(name)];
  for (Named& e : entries) {
    if (e.code == code) {
      e.rank = std::min(e.rank, rank);
      return;
    }
  }
  entries.push_back(Named{code, rank});
}

int ShortRank(const core::Region& r) {
  switch (r.level) {
    case core::RegionLevel::kProvince: return kShortProvince;
    case core::RegionLevel::kCity: return kShortCity;
    case core::RegionLevel::kDistrict: return kShortDistrict;
  }
  return kShortDistrict;
}

NameTable BuildTable() {
  NameTable table;
  for (const core::Region& r : core::AllRegions()) {
    const int rank = ShortRank(r);
    Add(table, r.name, r.code, kExact);
    Add(table, core::RegionFullName(r.code), r.code, kExact);
    Add(table, ShortName(r.name), r.code, rank);
    const core::Region* parent = r.parent.empty() ? nullptr : core::FindRegion(r.parent);
    if (parent != nullptr) {  // 石家庄市桥西区, 石家庄桥西区, 石家庄桥西
      Add(table, parent->name + r.name, r.code, kExact);
      Add(table, ShortName(parent->name) + r.name, r.code, kExact);
      Add(table, ShortName(parent->name) + ShortName(r.name), r.code, rank);
    }
  }
  for (core::Office office : core::kAllOffices) {
    const std::string code(core::OfficeProvinceCode(office));
    Add(table, core::AsciiLower(core::OfficeCode(office)), code, kExact);
  }
  Add(table, "beijing", "110000", kExact);
  Add(table, "tianjin", "120000", kExact);
  Add(table, "hebei", "130000", kExact);
  return table;
}

}  // namespace

std::string RegionCodePrefix(std::string_view code) {
  if (code.ends_with("0000")) return std::string(code.substr(0, 2));
  if (code.ends_with("00")) return std::string(code.substr(0, 4));
  return std::string(code);
}

std::vector<std::string> RegionCodesNamed(std::string_view value) {
  static const NameTable table = BuildTable();
  const std::string key = core::AsciiLower(value);
  auto it = table.find(key);
  if (it == table.end()) return {};
  int best = kShortDistrict;
  for (const Named& e : it->second) best = std::min(best, e.rank);
  std::vector<std::string> codes;
  for (const Named& e : it->second) {
    if (e.rank == best) codes.push_back(e.code);
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

bool IsKnownRegionPrefix(std::string_view prefix) {
  if (prefix.size() < 2) return false;
  const std::string province = std::string(prefix.substr(0, 2)) + "0000";
  if (core::FindRegion(province) == nullptr) return false;
  const bool detailed = core::OfficeForRegion(province).has_value();
  if (!detailed || prefix.size() == 2) return true;
  for (const core::Region& r : core::AllRegions()) {
    if (r.code.starts_with(prefix)) return true;
  }
  return false;
}

}  // namespace ipa::index
