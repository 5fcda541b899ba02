// GB/T 4754-2017 industry sections (A..T).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ipa::core {

struct Industry {
  std::string code;  // "C"
  std::string name_zh;
  std::string name_en;
};

const std::vector<Industry>& AllIndustries();

// Empty is allowed (unknown industry); anything else must be a section letter.
Status ValidateIndustry(std::string_view code, std::string_view field);

}  // namespace ipa::core
