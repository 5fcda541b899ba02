#include "core/region_inference.hpp"

#include <algorithm>

#include "core/region.hpp"

namespace ipa::core {

std::string RegionShortName(const std::string& name, RegionLevel level) {
  static const char* kSuffixes[] = {"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区",
                                    "自治区", "省", "市"};
  if (level == RegionLevel::kDistrict) return name;  // "长安区" stays whole (too ambiguous short)
  for (const char* s : kSuffixes) {
    const std::string suffix(s);
    if (name.size() > suffix.size() + 3 && name.ends_with(suffix)) return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

namespace {

// A region and the short names it is written with: "河北省" also as "河北", "石家庄市" as
// "石家庄", "内蒙古自治区" as "内蒙古".
struct NameEntry {
  std::string name;
  const Region* region;
};

const std::vector<NameEntry>& Names() {
  static const std::vector<NameEntry> names = [] {
    std::vector<NameEntry> out;
    for (const Region& r : AllRegions()) {
      out.push_back({r.name, &r});
      const std::string short_name = RegionShortName(r.name, r.level);
      if (short_name != r.name) out.push_back({short_name, &r});
    }
    // Longer names first so "石家庄市" wins over "石家庄", districts over nothing.
    std::sort(out.begin(), out.end(), [](const NameEntry& a, const NameEntry& b) {
      return a.name.size() > b.name.size();
    });
    return out;
  }();
  return names;
}

int Rank(RegionLevel level) { return level == RegionLevel::kDistrict ? 3 : level == RegionLevel::kCity ? 2 : 1; }

}  // namespace

std::string RegionNamedIn(std::string_view text) {
  std::vector<const Region*> matches;
  for (const NameEntry& e : Names()) {
    if (e.name.size() >= 6 && text.find(e.name) != std::string_view::npos) matches.push_back(e.region);
  }
  if (matches.empty()) return {};
  // The province named explicitly wins; districts and cities must agree with it.
  std::string province;
  for (const Region* r : matches) {
    if (r->level == RegionLevel::kProvince) {
      province = r->code.substr(0, 2);
      break;
    }
  }
  auto named = [&](const std::string& code) {
    return std::any_of(matches.begin(), matches.end(), [&](const Region* m) { return m->code == code; });
  };
  const Region* best = nullptr;
  int best_score = -1;
  for (const Region* r : matches) {
    if (!province.empty() && r->code.substr(0, 2) != province) continue;
    const int score = Rank(r->level) * 2 + (r->parent.empty() || named(r->parent) ? 1 : 0);
    if (score > best_score) {
      best = r;
      best_score = score;
    }
  }
  return best ? best->code : std::string();
}

InferredRegion InferRegion(std::string_view address, const std::vector<std::string>& applicant_names) {
  if (std::string code = RegionNamedIn(address); !code.empty()) return {code, RegionRule::kAddress};
  for (const std::string& name : applicant_names) {
    // Only a name that starts with a place counts: "北京华清科技有限公司", not "华清（北京）…".
    for (const NameEntry& e : Names()) {
      if (e.name.size() >= 6 && e.region->level != RegionLevel::kDistrict && name.starts_with(e.name)) {
        return {e.region->code, RegionRule::kApplicantName};
      }
    }
  }
  return {};
}

}  // namespace ipa::core
