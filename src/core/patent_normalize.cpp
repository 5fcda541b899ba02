#include "core/patent_normalize.hpp"

#include <algorithm>
#include <cstdio>

#include "core/ipc_code.hpp"
#include "core/patent_number.hpp"
#include "core/region.hpp"
#include "core/region_inference.hpp"
#include "core/text.hpp"

namespace ipa::core {
namespace {

Status Bad(std::string field, std::string why) {
  return Fail(ErrorCode::kInvalidArgument, field + ": " + why, field);
}

bool IsUpperAlpha(char c) { return c >= 'A' && c <= 'Z'; }

// FNV-1a 64: stable across platforms and runs.
uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

std::string ContentKey(const Patent& p) {
  uint64_t h = Fnv1a(p.title_zh.empty() ? p.title_en : p.title_zh);
  h = Fnv1a(p.filing_date ? FormatDate(*p.filing_date) : "", h);
  for (const auto& a : p.applicants) h = Fnv1a(a.name + "\n", h);
  for (const auto& n : p.inventors) h = Fnv1a(n + "\n", h);
  char buf[24];
  std::snprintf(buf, sizeof buf, "H%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Status CheckText(std::string& s, std::string_view field, size_t max_chars) {
  s = std::string(Trim(s));
  if (!IsValidUtf8(s)) return Bad(std::string(field), "is not valid UTF-8");
  if (Utf8Length(s) > max_chars) return Bad(std::string(field), "longer than " + std::to_string(max_chars) + " characters");
  return {};
}

// Chinese publication numbers are validated; foreign ones are kept in upper case.
Status NormalizePublication(std::string& number, std::string_view field) {
  if (number.empty()) return {};
  const std::string upper = AsciiUpper(Trim(number));
  const bool chinese = upper.starts_with("CN") || (!upper.empty() && upper[0] >= '0' && upper[0] <= '9');
  if (!chinese) {
    number = upper;
    return {};
  }
  auto pub = ParsePublicationNumber(upper);
  if (!pub) {
    std::string why = pub.error().message;
    if (why.starts_with("publication_number: ")) why = why.substr(20);
    return Bad(std::string(field), why);
  }
  number = pub->Normalised();
  return {};
}

Status NormalizeNumbers(Patent& p) {
  IPA_CHECK(NormalizePublication(p.publication_number, "publication_number"));
  IPA_CHECK(NormalizePublication(p.grant_number, "grant_number"));
  if (p.application_number.empty()) {
    p.application_number = p.publication_number.empty() ? ContentKey(p) : p.publication_number;
    return {};
  }
  IPA_TRY(key, NormalizeApplicationNumberText(p.application_number));
  p.application_number = key;
  if (auto parsed = ParseApplicationNumber(key)) p.type = parsed->type;
  return {};
}

Status NormalizeIpc(std::vector<std::string>& codes, std::string_view field) {
  std::vector<std::string> out;
  for (const std::string& code : codes) {
    if (Trim(code).empty()) continue;
    auto normal = NormaliseIpcCode(code);
    if (!normal) return Bad(std::string(field), "'" + code.substr(0, 40) + "': " + normal.error().message);
    if (std::find(out.begin(), out.end(), *normal) == out.end()) out.push_back(*normal);
  }
  codes = std::move(out);
  return {};
}

Status CheckDates(const Patent& p) {
  if (!p.filing_date) return {};
  if (p.publication_date && *p.publication_date < *p.filing_date) {
    return Bad("publication_date", FormatDate(*p.publication_date) + " is before the filing date " + FormatDate(*p.filing_date));
  }
  if (p.grant_date && *p.grant_date < *p.filing_date) {
    return Bad("grant_date", FormatDate(*p.grant_date) + " is before the filing date " + FormatDate(*p.filing_date));
  }
  return {};
}

}  // namespace

Result<std::string> NormalizeApplicationNumberText(std::string_view text) {
  const std::string upper = AsciiUpper(FoldFullWidth(Trim(text)));
  const bool foreign = upper.size() > 2 && IsUpperAlpha(upper[0]) && IsUpperAlpha(upper[1]) &&
                       !upper.starts_with("CN") && !upper.starts_with("ZL");
  if (!foreign) return NormaliseApplicationNumber(upper);
  std::string key;
  for (char c : upper) {
    if ((c >= '0' && c <= '9') || IsUpperAlpha(c)) key.push_back(c);
    else if (c != ' ' && c != '/' && c != ',' && c != '-' && c != '.') {
      return Fail(ErrorCode::kInvalidArgument, "application_number: unexpected character in '" + upper.substr(0, 40) + "'", "application_number");
    }
  }
  if (key.size() < 6 || key.size() > 24) {
    return Fail(ErrorCode::kInvalidArgument, "application_number: '" + upper.substr(0, 40) + "' is not a patent application number", "application_number");
  }
  return key;
}

Status NormalizePatent(Patent& p) {
  IPA_CHECK(CheckText(p.title_zh, "title_zh", 1000));
  IPA_CHECK(CheckText(p.title_en, "title_en", 2000));
  if (p.title_zh.empty() && p.title_en.empty()) return Bad("title", "a patent needs a title");
  IPA_CHECK(CheckText(p.abstract_zh, "abstract_zh", 20000));
  IPA_CHECK(CheckText(p.abstract_en, "abstract_en", 40000));
  IPA_CHECK(CheckText(p.first_claim, "first_claim", 50000));
  IPA_CHECK(CheckText(p.applicant_address, "applicant_address", 500));
  IPA_CHECK(CheckText(p.agency, "agency", 300));
  for (auto& a : p.applicants) IPA_CHECK(CheckText(a.name, "applicants", 300));
  std::erase_if(p.applicants, [](const Applicant& a) { return a.name.empty(); });
  for (auto& n : p.inventors) IPA_CHECK(CheckText(n, "inventors", 100));
  std::erase_if(p.inventors, [](const std::string& n) { return n.empty(); });
  IPA_CHECK(NormalizeNumbers(p));
  IPA_CHECK(NormalizeIpc(p.ipc, "ipc"));
  for (auto& code : p.cpc) code = std::string(Trim(code));
  IPA_CHECK(CheckDates(p));
  SortEventsByDate(p.events);
  if (!p.grant_date) {
    for (const LegalEvent& e : p.events) {
      if (e.kind == EventKind::kGrant) {
        p.grant_date = e.date;
        break;
      }
    }
  }
  if (!p.region_code.empty()) {
    if (!FindRegion(p.region_code)) return Bad("region_code", "'" + p.region_code + "' is not a GB/T 2260 code known here");
  } else {
    std::vector<std::string> names;
    for (const auto& a : p.applicants) names.push_back(a.name);
    InferredRegion r = InferRegion(p.applicant_address, names);
    p.region_code = r.region_code;
    p.region_rule = r.rule;
  }
  return {};
}

}  // namespace ipa::core
