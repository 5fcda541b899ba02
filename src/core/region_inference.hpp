// Which region a patent belongs to when the source gives no province code: from the applicant's
// address (province, then Jing-Jin-Ji city and district names), else from the applicant's name
// (北京…, 天津…, 石家庄…).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/patent.hpp"
#include "core/region.hpp"

namespace ipa::core {

struct InferredRegion {
  std::string region_code;  // "" when nothing matched
  RegionRule rule = RegionRule::kNone;
};

// The name a region is usually written with: "河北省" → "河北", "内蒙古自治区" → "内蒙古",
// "石家庄市" → "石家庄"; districts keep their full name ("长安区").
std::string RegionShortName(const std::string& name, RegionLevel level);

// The most specific GB/T 2260 region named at the start of `text` or anywhere in an address
// (a district or city of Beijing, Tianjin or Hebei; else a province). "" when none.
std::string RegionNamedIn(std::string_view text);

// Address first, then each applicant name in order.
InferredRegion InferRegion(std::string_view address, const std::vector<std::string>& applicant_names);

}  // namespace ipa::core
