#include "core/industry.hpp"

#include "core/embedded_data.hpp"
#include "core/tsv.hpp"

namespace ipa::core {

const std::vector<Industry>& AllIndustries() {
  static const std::vector<Industry> table = [] {
    std::vector<Industry> t;
    for (const auto& cols : ParseTsv(embedded::kIndustriesTsv)) {
      if (cols.size() >= 3) t.push_back({std::string(cols[0]), std::string(cols[1]), std::string(cols[2])});
    }
    return t;
  }();
  return table;
}

Status ValidateIndustry(std::string_view code, std::string_view field) {
  if (code.empty()) return {};
  for (const Industry& i : AllIndustries()) {
    if (i.code == code) return {};
  }
  return Fail(ErrorCode::kInvalidArgument,
              std::string(field) + ": '" + std::string(code.substr(0, 8)) +
                  "' is not a GB/T 4754 section letter A-T",
              std::string(field));
}

}  // namespace ipa::core
