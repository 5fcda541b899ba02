#include "core/organization.hpp"

#include "core/credit_code.hpp"
#include "core/industry.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace ipa::core {
namespace {

Status CheckText(std::string& value, std::string_view field, size_t max_chars, bool required) {
  value = std::string(Trim(value));
  if (!IsValidUtf8(value)) {
    return Fail(ErrorCode::kInvalidArgument, std::string(field) + ": is not valid UTF-8",
                std::string(field));
  }
  if (required && value.empty()) {
    return Fail(ErrorCode::kInvalidArgument, std::string(field) + ": is required",
                std::string(field));
  }
  if (Utf8Length(value) > max_chars) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(field) + ": at most " + std::to_string(max_chars) + " characters",
                std::string(field));
  }
  for (unsigned char c : value) {
    if (c < 0x20 && c != '\n') {
      return Fail(ErrorCode::kInvalidArgument,
                  std::string(field) + ": contains a control character", std::string(field));
    }
  }
  return {};
}

Status CheckEmail(const std::string& email) {
  if (email.empty()) return {};
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
      email.find(' ') != std::string::npos || email.back() == '.') {
    return Fail(ErrorCode::kInvalidArgument, "contact.email: is not an e-mail address",
                "contact.email");
  }
  return {};
}

Status CheckPhone(const std::string& phone) {
  for (char c : phone) {
    const bool ok = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ' || c == '(' ||
                    c == ')';
    if (!ok) {
      return Fail(ErrorCode::kInvalidArgument,
                  "contact.phone: only digits, spaces and + - ( ) are allowed", "contact.phone");
    }
  }
  return {};
}

}  // namespace

std::string_view OrgTypeName(OrgType type) {
  switch (type) {
    case OrgType::kCompany: return "company";
    case OrgType::kUniversity: return "university";
    case OrgType::kInstitute: return "institute";
    case OrgType::kAgency: return "agency";
    case OrgType::kOffice: return "office";
    case OrgType::kOther: return "other";
  }
  return "other";
}

std::optional<OrgType> ParseOrgType(std::string_view name) {
  for (OrgType t : kAllOrgTypes) {
    if (OrgTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view MemberStatusName(MemberStatus status) {
  switch (status) {
    case MemberStatus::kNone: return "none";
    case MemberStatus::kActive: return "active";
    case MemberStatus::kSuspended: return "suspended";
    case MemberStatus::kLeft: return "left";
  }
  return "none";
}

std::optional<MemberStatus> ParseMemberStatus(std::string_view name) {
  for (MemberStatus s : kAllMemberStatuses) {
    if (MemberStatusName(s) == name) return s;
  }
  return std::nullopt;
}

Status NormalizeAndValidate(Organization& org) {
  IPA_CHECK(CheckText(org.name_zh, "name_zh", 200, true));
  IPA_CHECK(CheckText(org.name_en, "name_en", 300, false));
  if (org.aliases.size() > 20) {
    return Fail(ErrorCode::kInvalidArgument, "aliases: at most 20", "aliases");
  }
  for (std::string& alias : org.aliases) IPA_CHECK(CheckText(alias, "aliases", 200, true));
  if (!org.credit_code.empty()) {
    IPA_TRY(code, ValidateCreditCode(org.credit_code, "credit_code"));
    org.credit_code = std::move(code);
  }
  IPA_CHECK(ValidateRegionCode(org.region_code, "region_code"));
  IPA_CHECK(CheckText(org.address, "address", 300, false));
  IPA_CHECK(ValidateIndustry(org.industry, "industry"));
  if (!org.membership.joined_on.empty()) {
    IPA_CHECK(ParseDate(org.membership.joined_on, "membership.joined_on"));
  }
  if (org.membership.status != MemberStatus::kNone && org.membership.joined_on.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "membership.joined_on: a member organisation needs its joining date",
                "membership.joined_on");
  }
  IPA_CHECK(CheckText(org.contact.name, "contact.name", 100, false));
  IPA_CHECK(CheckText(org.contact.phone, "contact.phone", 40, false));
  IPA_CHECK(CheckPhone(org.contact.phone));
  IPA_CHECK(CheckText(org.contact.email, "contact.email", 200, false));
  IPA_CHECK(CheckEmail(org.contact.email));
  return {};
}

std::optional<Office> OwningOffice(const Organization& org) {
  if (org.office_code) return org.office_code;
  return OfficeForRegion(org.region_code);
}

std::string OrgSearchText(const Organization& org) {
  std::string text = SearchKey(org.name_zh) + "\n" + SearchKey(org.name_en);
  for (const std::string& alias : org.aliases) text += "\n" + SearchKey(alias);
  return text;
}

}  // namespace ipa::core
