// Regions as searchers write them in `region=`: a GB/T 2260 code or code prefix, a Chinese
// name (天津, 天津市, 石家庄, 河北省石家庄市, 海淀区, 海淀), an office code (BJ, TJ, HE) or an
// English province name (beijing, tianjin, hebei) → the code prefix to match.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ipa::index {

// The code prefix a region's patents share: "120000" → "12", "130100" → "1301", "130102" →
// "130102". Precondition: six digits.
std::string RegionCodePrefix(std::string_view code);

// The six-digit codes of the regions written `value` (a name, office code or English name;
// not digits). Empty when unknown; more than one when the name is ambiguous (桥西区 is a
// district of both 石家庄 and 张家口). Thread-safe.
std::vector<std::string> RegionCodesNamed(std::string_view value);

// True when some region in the table (or a province with that code) is under `prefix`
// (2, 4 or 6 digits): "12", "1301", "130102"; also "3205" (a city in a province the table
// covers only at province level).
bool IsKnownRegionPrefix(std::string_view prefix);

}  // namespace ipa::index
