// The members registry: organisations, who may see their private data and who may change
// them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/organization.hpp"
#include "service/actor.hpp"
#include "service/page.hpp"
#include "store/database.hpp"
#include "store/org_repo.hpp"

namespace ipa::service {

// An organisation as one actor may see it: `contact_visible` false means `org.contact` was
// cleared (private to the organisation's users, offices and admins).
struct OrgView {
  core::Organization org;
  bool contact_visible = false;
};

// The fields a PATCH may carry; absent fields stay as they are.
struct OrgPatch {
  int64_t version = 0;  // from If-Match
  std::optional<std::string> name_zh, name_en, credit_code, region_code, address, industry;
  std::optional<std::vector<std::string>> aliases;
  std::optional<core::OrgType> type;
  std::optional<std::string> joined_on;
  std::optional<bool> founding;
  std::optional<core::MemberStatus> member_status;
  std::optional<std::string> contact_name, contact_phone, contact_email;
};

// Admins create anywhere; office users only in their province. Offices themselves come from
// migrations (type "office" is refused). kAlreadyExists (field credit_code) for a taken code.
core::Result<OrgView> CreateOrganization(store::Database& db, const Actor& actor,
                                         core::Organization org);
core::Result<OrgView> GetOrganization(store::Database& db, const Actor& actor, core::OrgId id);
// Admins change anything but office organisations' type; office users organisations of their
// province (keeping them there); a member, agency or expert user its own organisation's
// contact, address, aliases and English name. kPermissionDenied naming the first field not
// allowed; kPreconditionFailed when `patch.version` is stale.
core::Result<OrgView> UpdateOrganization(store::Database& db, const Actor& actor,
                                         core::OrgId id, const OrgPatch& patch);
core::Result<Page<OrgView>> ListOrganizations(store::Database& db, const Actor& actor,
                                              store::OrgFilter filter, const std::string& cursor,
                                              int limit);

}  // namespace ipa::service
