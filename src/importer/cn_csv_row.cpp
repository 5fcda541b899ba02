#include "importer/cn_csv_row.hpp"

#include <algorithm>
#include <cctype>

#include "core/region.hpp"
#include "core/text.hpp"

namespace ipa::importer {
namespace {

using C = CnColumn;
using Fields = std::vector<std::string>;

class RowMapper {
 public:
  RowMapper(const CnColumns& columns, const Fields& fields) : cols_(columns), fields_(fields) {}

  std::expected<core::Patent, FieldError> Map();

 private:
  std::string Text(C c) const { return std::string(core::Trim(cols_.Get(fields_, c))); }
  std::vector<std::string> List(C c) const { return SplitList(cols_.Get(fields_, c)); }
  FieldError Error(C c, std::string reason) const { return {cols_.Name(c), std::move(reason)}; }
  std::expected<std::optional<core::Date>, FieldError> Date(C c) const;

  std::expected<void, FieldError> Identity();
  void Texts();
  void Lists();
  std::expected<void, FieldError> Region();
  std::expected<void, FieldError> Dates();
  std::expected<void, FieldError> Pct();
  std::expected<void, FieldError> Priorities();
  std::expected<void, FieldError> DateEvents();
  void AddEvent(core::EventKind kind, core::Date date, C column);

  const CnColumns& cols_;
  const Fields& fields_;
  core::Patent p_;
};

std::expected<core::Patent, FieldError> RowMapper::Map() {
  p_.source = "cn-csv";
  IPA_FIELD_CHECK(Identity());
  Texts();
  Lists();
  IPA_FIELD_CHECK(Region());
  IPA_FIELD_CHECK(Dates());
  IPA_FIELD_CHECK(Pct());
  IPA_FIELD_CHECK(Priorities());
  IPA_FIELD_CHECK(DateEvents());
  core::SortEventsByDate(p_.events);
  return std::move(p_);
}

std::expected<std::optional<core::Date>, FieldError> RowMapper::Date(C c) const {
  auto d = ParseOptionalDate(cols_.Get(fields_, c));
  if (!d) return std::unexpected(Error(c, d.error()));
  return *d;
}

std::expected<void, FieldError> RowMapper::Identity() {
  p_.application_number = Text(C::kApplicationNumber);
  p_.publication_number = Text(C::kPublicationNumber);
  p_.grant_number = Text(C::kGrantNumber);
  if (p_.application_number.empty() && p_.publication_number.empty() && Text(C::kTitle).empty() &&
      Text(C::kTitleEn).empty()) {
    const std::string field = cols_.Has(C::kApplicationNumber) ? cols_.Name(C::kApplicationNumber)
                                                               : std::string("申请号");
    return std::unexpected(FieldError{field, std::string(kNoIdentity)});
  }
  const std::string type_text = Text(C::kType);
  const auto type = ParseCnType(type_text, p_.publication_number);
  if (!type) return std::unexpected(Error(C::kType, "unknown patent type '" + type_text + "'"));
  p_.type = *type;
  return {};
}

void RowMapper::Texts() {
  p_.title_zh = Text(C::kTitle);
  p_.title_en = Text(C::kTitleEn);
  p_.abstract_zh = Text(C::kAbstract);
  p_.abstract_en = Text(C::kAbstractEn);
  p_.first_claim = Text(C::kFirstClaim);
  p_.applicant_address = Text(C::kAddress);
  p_.agency = Text(C::kAgency);
  p_.source_status = Text(C::kStatus);
}

void RowMapper::Lists() {
  auto names = List(C::kApplicants);
  if (names.empty()) names = List(C::kCurrentOwners);
  for (auto& n : names) p_.applicants.push_back(core::Applicant{std::move(n), std::nullopt});
  p_.inventors = List(C::kInventors);
  p_.agents = List(C::kAgents);
  auto main_first = [](std::string main, std::vector<std::string> all) {
    std::vector<std::string> out;
    if (!main.empty()) out.push_back(main);
    for (auto& code : all) {
      if (code != main) out.push_back(std::move(code));
    }
    return out;
  };
  p_.ipc = main_first(Text(C::kMainIpc), List(C::kIpc));
  p_.cpc = main_first(Text(C::kMainCpc), List(C::kCpc));
}

std::expected<void, FieldError> RowMapper::Region() {
  auto code = ParseProvinceCode(cols_.Get(fields_, C::kProvince));
  if (!code) return std::unexpected(Error(C::kProvince, code.error()));
  if (*code) {
    p_.region_code = std::move(**code);
    p_.region_rule = core::RegionRule::kProvinceCode;
  }
  return {};
}

std::expected<void, FieldError> RowMapper::Dates() {
  const std::pair<C, std::optional<core::Date>*> dates[] = {
      {C::kFilingDate, &p_.filing_date},
      {C::kPublicationDate, &p_.publication_date},
      {C::kGrantDate, &p_.grant_date},
      {C::kExaminationDate, &p_.examination_request_date},
  };
  for (const auto& [column, target] : dates) {
    auto d = Date(column);
    if (!d) return std::unexpected(d.error());
    *target = *d;
  }
  if (p_.grant_date) AddEvent(core::EventKind::kGrant, *p_.grant_date, C::kGrantDate);
  if (p_.examination_request_date) {
    AddEvent(core::EventKind::kExaminationRequest, *p_.examination_request_date,
             C::kExaminationDate);
  }
  return {};
}

std::expected<void, FieldError> RowMapper::Pct() {
  core::PctData pct;
  pct.application_number = Text(C::kPctApplication);
  pct.publication_number = Text(C::kPctPublication);
  const std::pair<C, std::optional<core::Date>*> dates[] = {
      {C::kPctFilingDate, &pct.filing_date},
      {C::kPctPublicationDate, &pct.publication_date},
      {C::kNationalEntryDate, &pct.national_entry_date},
  };
  for (const auto& [column, target] : dates) {
    auto d = Date(column);
    if (!d) return std::unexpected(d.error());
    *target = *d;
  }
  if (!pct.application_number.empty() || !pct.publication_number.empty() || pct.filing_date ||
      pct.publication_date || pct.national_entry_date) {
    p_.pct = std::move(pct);
  }
  return {};
}

// 优先权 "JP2011-015204;US61/123,456" with 优先权日 dates in the same order.
std::expected<void, FieldError> RowMapper::Priorities() {
  const auto numbers = List(C::kPriority);
  const auto dates = List(C::kPriorityDate);
  for (size_t i = 0; i < numbers.size(); ++i) {
    core::PriorityClaim claim;
    const std::string& n = numbers[i];
    const size_t letters = n.size() >= 2 && std::isupper(static_cast<unsigned char>(n[0])) &&
                                   std::isupper(static_cast<unsigned char>(n[1]))
                               ? 2
                               : 0;
    claim.country = n.substr(0, letters);
    claim.number = std::string(core::Trim(std::string_view(n).substr(letters)));
    if (i < dates.size()) {
      auto d = ParseOptionalDate(dates[i]);
      if (!d) return std::unexpected(Error(C::kPriorityDate, d.error()));
      claim.date = *d;
    }
    p_.priorities.push_back(std::move(claim));
  }
  return {};
}

// Dates of recorded transactions become events; a column may list several dates.
std::expected<void, FieldError> RowMapper::DateEvents() {
  using K = core::EventKind;
  const std::pair<C, K> columns[] = {
      {C::kTransferDate, K::kTransfer},
      {C::kLicenceDate, K::kLicence},
      {C::kPledgeDate, K::kPledgeRegistered},
      {C::kLapseDate, K::kLapseNonPayment},
      {C::kInvalidationDate, K::kInvalidationFull},
  };
  for (const auto& [column, kind] : columns) {
    for (const auto& item : List(column)) {
      auto d = ParseOptionalDate(item);
      if (!d) return std::unexpected(Error(column, d.error()));
      if (*d) AddEvent(kind, **d, column);
    }
  }
  return {};
}

void RowMapper::AddEvent(core::EventKind kind, core::Date date, C column) {
  core::LegalEvent e;
  e.kind = kind;
  e.date = date;
  e.note = "from " + cols_.Name(column) + " column";
  p_.events.push_back(std::move(e));
}

// The kind code is the letter after the serial digits: CN215792497U → 'U'.
std::optional<core::PatentType> KindLetterType(std::string_view publication_number) {
  const size_t last_digit = publication_number.find_last_of("0123456789");
  const bool has_kind =
      last_digit != std::string_view::npos && last_digit + 1 < publication_number.size();
  const char kind = has_kind ? publication_number[last_digit + 1] : 'A';
  switch (std::toupper(static_cast<unsigned char>(kind))) {
    case 'U':
    case 'Y':
      return core::PatentType::kUtilityModel;
    case 'S':
    case 'D':
      return core::PatentType::kDesign;
    default:
      return core::PatentType::kInvention;
  }
}

std::optional<core::PatentType> OneCnType(std::string_view t) {
  if (t == "发明公开" || t == "发明授权" || t == "发明" || t == "发明专利" || t == "发明申请") {
    return core::PatentType::kInvention;
  }
  if (t == "实用新型" || t == "实用新型专利") return core::PatentType::kUtilityModel;
  if (t == "外观设计" || t == "外观设计专利") return core::PatentType::kDesign;
  return std::nullopt;
}

}  // namespace

std::optional<core::PatentType> ParseCnType(std::string_view text,
                                            std::string_view publication_number) {
  const auto parts = SplitList(text);
  if (parts.empty()) return KindLetterType(core::Trim(publication_number));
  std::optional<core::PatentType> type;
  for (const auto& part : parts) {
    const auto t = OneCnType(part);
    if (!t || (type && *type != *t)) return std::nullopt;
    type = t;
  }
  return type;
}

std::expected<std::optional<std::string>, std::string> ParseProvinceCode(std::string_view text) {
  text = core::Trim(text);
  const size_t begin = text.find_first_of("0123456789");
  if (begin == std::string_view::npos) return std::nullopt;
  const size_t end = std::min(text.find_first_not_of("0123456789", begin), text.size());
  const std::string digits(text.substr(begin, end - begin));
  if (digits.size() != 2 && digits.size() != 6) {
    return std::unexpected("'" + std::string(text) + "' is not a province code like 河南(41)");
  }
  const std::string province = digits.substr(0, 2) + "0000";
  if (core::FindRegion(province) == nullptr) {
    return std::unexpected("'" + std::string(text) + "' names no Chinese province");
  }
  return digits.size() == 2 ? province : digits;
}

std::expected<core::Patent, FieldError> MapCnRow(const CnColumns& columns, const Fields& fields) {
  return RowMapper(columns, fields).Map();
}

}  // namespace ipa::importer
