#include "core/region.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/embedded_data.hpp"
#include "core/tsv.hpp"

namespace ipa::core {
namespace {

struct RegionTable {
  std::vector<Region> regions;
  std::unordered_map<std::string_view, size_t> by_code;
};

RegionLevel ParseLevel(std::string_view s) {
  if (s == "province") return RegionLevel::kProvince;
  if (s == "city") return RegionLevel::kCity;
  return RegionLevel::kDistrict;
}

const RegionTable& Table() {
  static const RegionTable table = [] {
    RegionTable t;
    for (const auto& cols : ParseTsv(embedded::kRegionsTsv)) {
      if (cols.size() < 4) continue;
      t.regions.push_back(Region{std::string(cols[0]), std::string(cols[1]), std::string(cols[2]),
                                 ParseLevel(cols[3])});
    }
    std::sort(t.regions.begin(), t.regions.end(),
              [](const Region& a, const Region& b) { return a.code < b.code; });
    for (size_t i = 0; i < t.regions.size(); ++i) t.by_code.emplace(t.regions[i].code, i);
    return t;
  }();
  return table;
}

}  // namespace

std::string_view OfficeCode(Office office) {
  switch (office) {
    case Office::kBeijing: return "BJ";
    case Office::kTianjin: return "TJ";
    case Office::kHebei: return "HE";
  }
  return "BJ";
}

std::optional<Office> ParseOffice(std::string_view code) {
  for (Office o : kAllOffices) {
    if (OfficeCode(o) == code) return o;
  }
  return std::nullopt;
}

std::string_view OfficeProvinceCode(Office office) {
  switch (office) {
    case Office::kBeijing: return "110000";
    case Office::kTianjin: return "120000";
    case Office::kHebei: return "130000";
  }
  return "110000";
}

const std::vector<Region>& AllRegions() { return Table().regions; }

const Region* FindRegion(std::string_view code) {
  const auto& t = Table();
  auto it = t.by_code.find(code);
  return it == t.by_code.end() ? nullptr : &t.regions[it->second];
}

std::vector<const Region*> RegionChildren(std::string_view parent_code) {
  std::vector<const Region*> out;
  for (const Region& r : AllRegions()) {
    if (r.parent == parent_code) out.push_back(&r);
  }
  return out;
}

std::string RegionFullName(std::string_view code) {
  std::vector<const Region*> chain;
  for (const Region* r = FindRegion(code); r != nullptr && chain.size() < 4;
       r = r->parent.empty() ? nullptr : FindRegion(r->parent)) {
    chain.push_back(r);
  }
  std::string name;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) name += (*it)->name;
  return name;
}

std::optional<Office> OfficeForRegion(std::string_view code) {
  for (Office o : kAllOffices) {
    if (code.size() >= 2 && code.substr(0, 2) == OfficeProvinceCode(o).substr(0, 2)) return o;
  }
  return std::nullopt;
}

Status ValidateRegionCode(std::string_view code, std::string_view field) {
  if (FindRegion(code) == nullptr) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(field) + ": '" + std::string(code.substr(0, 16)) +
                    "' is not a GB/T 2260 region code known here",
                std::string(field));
  }
  return {};
}

}  // namespace ipa::core
