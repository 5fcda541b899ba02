#include "service/org_service.hpp"

#include "core/cursor.hpp"
#include "service/audit_service.hpp"
#include "store/audit_repo.hpp"

namespace ipa::service {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Organization;

std::string OfficeOf(const Organization& org) {
  auto office = core::OwningOffice(org);
  return office ? std::string(core::OfficeCode(*office)) : std::string();
}

bool IsOwnOrg(const Actor& actor, const Organization& org) {
  return actor.user && actor.user->org_id && *actor.user->org_id == org.id;
}

bool OfficeCovers(const Actor& actor, const Organization& org) {
  return actor.office() && core::OwningOffice(org) == actor.office();
}

OrgView ViewFor(const Actor& actor, Organization org) {
  const bool visible = actor.IsAdmin() || actor.Is(core::Role::kOffice) || IsOwnOrg(actor, org);
  if (!visible) org.contact = {};
  return OrgView{std::move(org), visible};
}

core::Status RequireUser(const Actor& actor) {
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  return {};
}

// Which fields the actor touches that only admins and offices may change.
std::optional<std::string> FirstRestrictedField(const OrgPatch& p) {
  if (p.name_zh) return "name_zh";
  if (p.credit_code) return "credit_code";
  if (p.region_code) return "region_code";
  if (p.industry) return "industry";
  if (p.type) return "type";
  if (p.joined_on) return "membership.joined_on";
  if (p.founding) return "membership.founding";
  if (p.member_status) return "membership.status";
  return std::nullopt;
}

void Apply(const OrgPatch& p, Organization& o) {
  auto set = [](auto& field, const auto& value) {
    if (value) field = *value;
  };
  set(o.name_zh, p.name_zh);
  set(o.name_en, p.name_en);
  set(o.credit_code, p.credit_code);
  set(o.region_code, p.region_code);
  set(o.address, p.address);
  set(o.industry, p.industry);
  set(o.aliases, p.aliases);
  set(o.type, p.type);
  set(o.membership.joined_on, p.joined_on);
  set(o.membership.founding, p.founding);
  set(o.membership.status, p.member_status);
  set(o.contact.name, p.contact_name);
  set(o.contact.phone, p.contact_phone);
  set(o.contact.email, p.contact_email);
}

core::Error CreditCodeTaken(const core::Error& e, const Organization& o) {
  if (e.code != ErrorCode::kAlreadyExists) return e;
  return core::Error{ErrorCode::kAlreadyExists,
                     "credit_code: " + o.credit_code + " is already registered", "credit_code",
                     e.detail, 0};
}

core::Status CheckUpdateAllowed(const Actor& actor, const Organization& before,
                                const Organization& after, const OrgPatch& patch) {
  if (actor.IsAdmin()) {
    if (before.type == core::OrgType::kOffice && after.type != core::OrgType::kOffice) {
      return Fail(ErrorCode::kInvalidArgument, "type: an office stays an office", "type");
    }
    return {};
  }
  if (before.type == core::OrgType::kOffice) {
    return Fail(ErrorCode::kPermissionDenied, "only admins edit the offices' records");
  }
  if (actor.office()) {
    if (!OfficeCovers(actor, before)) {
      return Fail(ErrorCode::kPermissionDenied,
                  "organization " + std::to_string(before.id.value) +
                      " is outside your office's province");
    }
    if (!OfficeCovers(actor, after)) {
      return Fail(ErrorCode::kPermissionDenied,
                  "region_code: an office may not move an organisation out of its province",
                  "region_code");
    }
    return {};
  }
  if (!IsOwnOrg(actor, before)) {
    return Fail(ErrorCode::kPermissionDenied, "you may only edit your own organisation");
  }
  if (auto field = FirstRestrictedField(patch)) {
    return Fail(ErrorCode::kPermissionDenied,
                *field + ": only admins and offices change this field", *field);
  }
  return {};
}

}  // namespace

core::Result<OrgView> CreateOrganization(store::Database& db, const Actor& actor,
                                         Organization org) {
  IPA_CHECK(RequireUser(actor));
  if (!actor.IsAdmin() && !actor.office()) {
    return Fail(ErrorCode::kPermissionDenied, "only admins and office staff register organisations");
  }
  if (org.type == core::OrgType::kOffice) {
    return Fail(ErrorCode::kInvalidArgument, "type: the three offices are built in", "type");
  }
  org.office_code.reset();
  IPA_CHECK(core::NormalizeAndValidate(org));
  if (actor.office() && !OfficeCovers(actor, org)) {
    return Fail(ErrorCode::kPermissionDenied,
                "region_code: an office registers organisations of its own province",
                "region_code");
  }
  return store::WriteValue<OrgView>(db, [&](store::Tx& tx) -> core::Result<OrgView> {
    auto id = store::InsertOrg(tx, org);
    if (!id) return std::unexpected(CreditCodeTaken(id.error(), org));
    IPA_CHECK(store::AppendChange(tx, "organization", std::to_string(id->value), "create"));
    IPA_CHECK(RecordAudit(tx, actor, {"org.create", "organization", std::to_string(id->value),
                                      "ok", OfficeOf(org), org.name_zh}));
    IPA_TRY(stored, store::GetOrg(tx, *id));
    return ViewFor(actor, std::move(stored));
  });
}

core::Result<OrgView> GetOrganization(store::Database& db, const Actor& actor, core::OrgId id) {
  IPA_CHECK(RequireUser(actor));
  IPA_TRY(org, store::ReadValue<Organization>(db, [&](store::Tx& tx) { return store::GetOrg(tx, id); }));
  return ViewFor(actor, std::move(org));
}

core::Result<OrgView> UpdateOrganization(store::Database& db, const Actor& actor, core::OrgId id,
                                         const OrgPatch& patch) {
  IPA_CHECK(RequireUser(actor));
  return store::WriteValue<OrgView>(db, [&](store::Tx& tx) -> core::Result<OrgView> {
    IPA_TRY(before, store::GetOrg(tx, id));
    Organization after = before;
    Apply(patch, after);
    IPA_CHECK(CheckUpdateAllowed(actor, before, after, patch));
    if (before.type != core::OrgType::kOffice && after.type == core::OrgType::kOffice) {
      return Fail(ErrorCode::kInvalidArgument, "type: the three offices are built in", "type");
    }
    IPA_CHECK(core::NormalizeAndValidate(after));
    after.version = patch.version;
    auto version = store::UpdateOrg(tx, after);
    if (!version) return std::unexpected(CreditCodeTaken(version.error(), after));
    IPA_CHECK(store::AppendChange(tx, "organization", std::to_string(id.value), "update"));
    IPA_CHECK(RecordAudit(tx, actor, {"org.update", "organization", std::to_string(id.value),
                                      "ok", OfficeOf(after), ""}));
    IPA_TRY(stored, store::GetOrg(tx, id));
    return ViewFor(actor, std::move(stored));
  });
}

core::Result<Page<OrgView>> ListOrganizations(store::Database& db, const Actor& actor,
                                              store::OrgFilter filter, const std::string& cursor,
                                              int limit) {
  IPA_CHECK(RequireUser(actor));
  int64_t after = 0;
  if (!cursor.empty()) {
    IPA_TRY(id, core::DecodeCursor(cursor));
    after = id;
  }
  IPA_TRY(orgs, store::ReadValue<std::vector<Organization>>(db, [&](store::Tx& tx) {
            return store::ListOrgs(tx, filter, after, limit + 1);
          }));
  Page<OrgView> page;
  if (static_cast<int>(orgs.size()) > limit) {
    orgs.resize(static_cast<size_t>(limit));
    page.next_cursor = core::EncodeCursor(orgs.back().id.value);
  }
  for (auto& o : orgs) page.items.push_back(ViewFor(actor, std::move(o)));
  return page;
}

}  // namespace ipa::service
