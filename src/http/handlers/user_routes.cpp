// /api/v1/users.
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "service/user_service.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Role;

core::Result<std::optional<core::Office>> OfficeField(FieldReader& f) {
  IPA_TRY(v, f.String("office"));
  if (!v || v->empty()) return std::optional<core::Office>();
  auto office = core::ParseOffice(*v);
  if (!office) return core::Fail(ErrorCode::kInvalidArgument, "office: one of BJ, TJ, HE", "office");
  return office;
}

core::Result<std::optional<Role>> RoleField(FieldReader& f) {
  IPA_TRY(v, f.String("role"));
  if (!v) return std::optional<Role>();
  auto role = core::ParseRole(*v);
  if (!role) {
    return core::Fail(ErrorCode::kInvalidArgument, "role: one of admin, office, member, agency, expert", "role");
  }
  return role;
}

core::Result<Response> CreateUser(Context& ctx) {
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  service::NewUser u;
  IPA_TRY(login, f.RequiredString("login"));
  IPA_TRY(display_name, f.RequiredString("display_name"));
  IPA_TRY(role, RoleField(f));
  if (!role) return core::Fail(ErrorCode::kInvalidArgument, "role: is required", "role");
  IPA_TRY(org_id, f.NullableInt("org_id"));
  IPA_TRY(office, OfficeField(f));
  IPA_TRY(password, f.String("password"));
  IPA_CHECK(f.Finish());
  u.login = login;
  u.display_name = display_name;
  u.role = *role;
  if (org_id && *org_id) u.org_id = core::OrgId{**org_id};
  u.office = office;
  u.password = password.value_or("");
  IPA_TRY(created, service::CreateUser(ctx.app.db, ctx.actor, std::move(u)));
  Json j = ToJson(created.user);
  if (!created.initial_password.empty()) j["initial_password"] = created.initial_password;
  return VersionedResponse(j, created.user.version, 201);
}

core::Result<Response> ListUsers(Context& ctx) {
  IPA_TRY(limit, ParseLimit(ctx.req));
  auto it = ctx.req.query.find("cursor");
  IPA_TRY(page, service::ListUserPage(ctx.app.db, ctx.actor, it == ctx.req.query.end() ? "" : it->second, limit));
  return JsonResponse(PageJson(page));
}

core::Result<Response> GetUser(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "user"));
  IPA_TRY(user, service::GetUserById(ctx.app.db, ctx.actor, core::UserId{id}));
  return VersionedResponse(ToJson(user), user.version);
}

core::Result<Response> PatchUser(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "user"));
  IPA_TRY(version, ParseIfMatch(ctx.req));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  service::UserPatch patch;
  patch.version = version;
  IPA_TRY(display_name, f.String("display_name"));
  patch.display_name = display_name;
  IPA_TRY(role, RoleField(f));
  patch.role = role;
  IPA_TRY(org_id, f.NullableInt("org_id"));
  if (org_id) patch.org_id = *org_id ? std::optional(core::OrgId{**org_id}) : std::nullopt;
  if (body.contains("office")) {
    IPA_TRY(office, OfficeField(f));
    patch.office = office;
  }
  IPA_TRY(status, f.String("status"));
  if (status) {
    patch.status = core::ParseUserStatus(*status);
    if (!patch.status) return core::Fail(ErrorCode::kInvalidArgument, "status: active or disabled", "status");
  }
  IPA_CHECK(f.Finish());
  IPA_TRY(user, service::UpdateUserFields(ctx.app.db, ctx.actor, core::UserId{id}, patch));
  return VersionedResponse(ToJson(user), user.version);
}

core::Result<Response> SetPassword(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "user"));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(password, f.RequiredString("password"));
  IPA_TRY(current, f.String("current_password"));
  IPA_CHECK(f.Finish());
  IPA_CHECK(service::SetPassword(ctx.app.db, ctx.actor, core::UserId{id}, password, current.value_or("")));
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void RegisterUserRoutes(Router& router) {
  const Policy admin = Policy::Roles({Role::kAdmin});
  router.Add({"GET", "/api/v1/users", admin, "List users", "users", ListUsers, {{"cursor", "from next_cursor"}, {"limit", "1-200"}}});
  router.Add({"POST", "/api/v1/users", admin, "Invite a user (a generated password is returned once)", "users", CreateUser, {}, true, 201});
  router.Add({"GET", "/api/v1/users/{id}", admin, "Read a user", "users", GetUser});
  router.Add({"PATCH", "/api/v1/users/{id}", admin, "Change a user's name, role, binding or status (If-Match)", "users", PatchUser, {}, true});
  router.Add({"POST", "/api/v1/users/{id}/password", Policy::AnyUser(), "Set a password (admins: anyone; users: their own)", "users", SetPassword, {}, true, 204});
}

}  // namespace ipa::http
