// An organisation of the alliance's registry: member companies, universities, institutes,
// IP agencies, the three offices, and others.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/region.hpp"

namespace ipa::core {

enum class OrgType { kCompany, kUniversity, kInstitute, kAgency, kOffice, kOther };
inline constexpr OrgType kAllOrgTypes[] = {OrgType::kCompany, OrgType::kUniversity,
                                           OrgType::kInstitute, OrgType::kAgency,
                                           OrgType::kOffice,    OrgType::kOther};
std::string_view OrgTypeName(OrgType type);
std::optional<OrgType> ParseOrgType(std::string_view name);

// Alliance membership: `kNone` for organisations that are not members.
enum class MemberStatus { kNone, kActive, kSuspended, kLeft };
inline constexpr MemberStatus kAllMemberStatuses[] = {MemberStatus::kNone, MemberStatus::kActive,
                                                      MemberStatus::kSuspended, MemberStatus::kLeft};
std::string_view MemberStatusName(MemberStatus status);
std::optional<MemberStatus> ParseMemberStatus(std::string_view name);

struct Contact {
  std::string name;
  std::string phone;
  std::string email;
};

struct Membership {
  std::string joined_on;  // YYYY-MM-DD or empty
  bool founding = false;
  MemberStatus status = MemberStatus::kNone;
};

struct Organization {
  OrgId id;
  std::string name_zh;
  std::string name_en;
  std::vector<std::string> aliases;
  OrgType type = OrgType::kCompany;
  std::string credit_code;  // empty when unknown
  std::string region_code;
  std::string address;
  std::string industry;  // GB/T 4754 section or empty
  Membership membership;
  Contact contact;
  std::optional<Office> office_code;  // set only for the three office organisations
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Normalises text fields (trim, credit code upper-cased) and validates every field.
// Returns the first problem as kInvalidArgument naming its field.
Status NormalizeAndValidate(Organization& org);

// The office responsible for the organisation: its region's province.
std::optional<Office> OwningOffice(const Organization& org);

// Lower-cased, width-folded names and aliases joined by '\n', for substring search.
std::string OrgSearchText(const Organization& org);

}  // namespace ipa::core
