// Applicant names as written in patent data vary (full-width letters, 有限公司 vs 有限责任公司,
// bracketed city names, English forms). ApplicantKey maps the variants of one name to one key.
#pragma once

#include <string>
#include <string_view>

namespace ipa::core {

// The matching key of an organisation or applicant name: full-width folded, ASCII lower-cased,
// spaces and punctuation removed, bracketed parts removed ("（北京）", "(Tianjin)"), and company
// suffixes reduced to one form (股份有限公司 / 有限责任公司 / 有限公司 → 公司; "co., ltd.",
// "limited", "inc.", "corp." removed). Two names with the same key are treated as one applicant.
std::string ApplicantKey(std::string_view name);

}  // namespace ipa::core
