// /api/v1/organizations and /api/v1/offices.
#include "core/text.hpp"
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "service/org_service.hpp"
#include "store/org_repo.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Role;

// Reads the writable fields of an organisation body into a patch (create uses it too).
core::Result<service::OrgPatch> ReadOrgBody(const Json& body) {
  FieldReader f(body);
  service::OrgPatch p;
  IPA_TRY(name_zh, f.String("name_zh"));
  p.name_zh = name_zh;
  IPA_TRY(name_en, f.String("name_en"));
  p.name_en = name_en;
  IPA_TRY(aliases, f.StringList("aliases", 20));
  p.aliases = aliases;
  IPA_TRY(type, f.String("type"));
  if (type) {
    p.type = core::ParseOrgType(*type);
    if (!p.type) return Fail(ErrorCode::kInvalidArgument, "type: one of company, university, institute, agency, other", "type");
  }
  IPA_TRY(credit_code, f.String("credit_code"));
  p.credit_code = credit_code;
  IPA_TRY(region_code, f.String("region_code"));
  p.region_code = region_code;
  IPA_TRY(address, f.String("address"));
  p.address = address;
  IPA_TRY(industry, f.String("industry"));
  p.industry = industry;
  IPA_TRY(membership, f.Object("membership"));
  if (membership) {
    IPA_TRY(joined_on, membership->String("joined_on"));
    p.joined_on = joined_on;
    IPA_TRY(founding, membership->Bool("founding"));
    p.founding = founding;
    IPA_TRY(status, membership->String("status"));
    if (status) {
      p.member_status = core::ParseMemberStatus(*status);
      if (!p.member_status) return Fail(ErrorCode::kInvalidArgument, "membership.status: one of none, active, suspended, left", "membership.status");
    }
    IPA_CHECK(membership->Finish());
  }
  IPA_TRY(contact, f.Object("contact"));
  if (contact) {
    IPA_TRY(cname, contact->String("name"));
    p.contact_name = cname;
    IPA_TRY(phone, contact->String("phone"));
    p.contact_phone = phone;
    IPA_TRY(email, contact->String("email"));
    p.contact_email = email;
    IPA_CHECK(contact->Finish());
  }
  IPA_CHECK(f.Finish());
  return p;
}

core::Result<Response> CreateOrg(Context& ctx) {
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  IPA_TRY(p, ReadOrgBody(body));
  core::Organization o;
  o.name_zh = p.name_zh.value_or("");
  o.name_en = p.name_en.value_or("");
  o.aliases = p.aliases.value_or(std::vector<std::string>{});
  o.type = p.type.value_or(core::OrgType::kCompany);
  o.credit_code = p.credit_code.value_or("");
  o.region_code = p.region_code.value_or("");
  o.address = p.address.value_or("");
  o.industry = p.industry.value_or("");
  o.membership.joined_on = p.joined_on.value_or("");
  o.membership.founding = p.founding.value_or(false);
  o.membership.status = p.member_status.value_or(o.membership.joined_on.empty() ? core::MemberStatus::kNone : core::MemberStatus::kActive);
  o.contact = {p.contact_name.value_or(""), p.contact_phone.value_or(""), p.contact_email.value_or("")};
  if (o.region_code.empty()) return Fail(ErrorCode::kInvalidArgument, "region_code: is required", "region_code");
  IPA_TRY(view, service::CreateOrganization(ctx.app.db, ctx.actor, std::move(o)));
  Response r = VersionedResponse(ToJson(view), view.org.version, 201);
  r.SetHeader("Location", "/api/v1/organizations/" + std::to_string(view.org.id.value));
  return r;
}

core::Result<Response> GetOrg(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "organization"));
  IPA_TRY(view, service::GetOrganization(ctx.app.db, ctx.actor, core::OrgId{id}));
  return VersionedResponse(ToJson(view), view.org.version);
}

core::Result<Response> PatchOrg(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "organization"));
  IPA_TRY(version, ParseIfMatch(ctx.req));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  IPA_TRY(patch, ReadOrgBody(body));
  patch.version = version;
  IPA_TRY(view, service::UpdateOrganization(ctx.app.db, ctx.actor, core::OrgId{id}, patch));
  return VersionedResponse(ToJson(view), view.org.version);
}

core::Result<Response> ListOrgs(Context& ctx) {
  const auto& q = ctx.req.query;
  auto get = [&](const char* k) -> std::string {
    auto it = q.find(k);
    return it == q.end() ? std::string() : it->second;
  };
  store::OrgFilter filter;
  filter.query = core::SearchKey(get("q"));
  if (filter.query.size() > 200) return Fail(ErrorCode::kInvalidArgument, "q: at most 200 bytes", "q");
  if (const std::string t = get("type"); !t.empty()) {
    filter.type = core::ParseOrgType(t);
    if (!filter.type) return Fail(ErrorCode::kInvalidArgument, "type: unknown organisation type", "type");
  }
  filter.region_prefix = get("region");
  if (filter.region_prefix.size() > 6 || filter.region_prefix.find_first_not_of("0123456789") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "region: up to six digits of a GB/T 2260 code", "region");
  }
  if (const std::string s = get("status"); !s.empty()) {
    filter.status = core::ParseMemberStatus(s);
    if (!filter.status) return Fail(ErrorCode::kInvalidArgument, "status: none, active, suspended or left", "status");
  }
  if (const std::string fo = get("founding"); !fo.empty()) {
    if (fo != "true" && fo != "false") return Fail(ErrorCode::kInvalidArgument, "founding: true or false", "founding");
    filter.founding = fo == "true";
  }
  filter.industry = get("industry");
  if (filter.industry.size() > 1) return Fail(ErrorCode::kInvalidArgument, "industry: a GB/T 4754 section letter", "industry");
  IPA_TRY(limit, ParseLimit(ctx.req));
  IPA_TRY(page, service::ListOrganizations(ctx.app.db, ctx.actor, filter, get("cursor"), limit));
  return JsonResponse(PageJson(page));
}

core::Result<Response> ListOffices(Context& ctx) {
  Json items = Json::array();
  for (core::Office office : core::kAllOffices) {
    IPA_TRY(org, store::ReadValue<core::Organization>(ctx.app.db, [&](store::Tx& tx) { return store::GetOfficeOrg(tx, office); }));
    Json j = ToJson(service::OrgView{org, true});
    j["code"] = core::OfficeCode(office);
    items.push_back(std::move(j));
  }
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

}  // namespace

void RegisterOrganizationRoutes(Router& router) {
  const Policy managers = Policy::Roles({Role::kAdmin, Role::kOffice});
  router.Add({"GET", "/api/v1/organizations", Policy::AnyUser(), "List and search organisations", "organizations", ListOrgs,
              {{"q", "name or alias contains"}, {"type", "organisation type"}, {"region", "GB/T 2260 code prefix"},
               {"status", "membership status"}, {"founding", "true or false"}, {"industry", "GB/T 4754 section"},
               {"cursor", "from next_cursor"}, {"limit", "1-200"}}});
  router.Add({"POST", "/api/v1/organizations", managers, "Register an organisation", "organizations", CreateOrg, {}, true, 201});
  router.Add({"GET", "/api/v1/organizations/{id}", Policy::AnyUser(), "Read an organisation (contact only for its own users, offices, admins)", "organizations", GetOrg});
  router.Add({"PATCH", "/api/v1/organizations/{id}", Policy::AnyUser(), "Change an organisation (If-Match); members only their own contact data", "organizations", PatchOrg, {}, true});
  router.Add({"GET", "/api/v1/offices", Policy::AnyUser(), "The three IP offices", "organizations", ListOffices});
}

}  // namespace ipa::http
