// Organisations in the store: rows of `organizations`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/organization.hpp"
#include "store/database.hpp"

namespace ipa::store {

struct OrgFilter {
  std::string query;          // SearchKey()-normalised substring of a name or alias
  std::optional<core::OrgType> type;
  std::string region_prefix;  // "13", "1301", ...
  std::optional<core::MemberStatus> status;
  std::optional<bool> founding;
  std::string industry;
};

// Inserts `org` (id, version, timestamps are assigned). kAlreadyExists (field credit_code)
// when the credit code is taken.
Result<core::OrgId> InsertOrg(Tx& tx, const core::Organization& org);

// kNotFound when there is no such organisation.
Result<core::Organization> GetOrg(Tx& tx, core::OrgId id);
Result<core::Organization> GetOfficeOrg(Tx& tx, core::Office office);

// Writes every field of `org` if its stored version is still `org.version`; returns the new
// version. kPreconditionFailed when the version moved on, kNotFound when it is gone.
Result<int64_t> UpdateOrg(Tx& tx, const core::Organization& org);

// Up to `limit` organisations with id > `after_id` matching `filter`, ascending by id.
Result<std::vector<core::Organization>> ListOrgs(Tx& tx, const OrgFilter& filter,
                                                 int64_t after_id, int limit);

Result<int64_t> CountOrgs(Tx& tx);

}  // namespace ipa::store
