// /api/v1/auth/* and /api/v1/tokens.
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"

namespace ipa::http {
namespace {

using core::Role;

constexpr std::string_view kCookie = "ipa_session";

std::string SessionCookie(const Request& req) {
  const std::string& header = req.Header("cookie");
  const std::string key = std::string(kCookie) + "=";
  auto pos = header.find(key);
  if (pos == std::string::npos) return {};
  auto end = header.find(';', pos);
  return header.substr(pos + key.size(), end == std::string::npos ? std::string::npos : end - pos - key.size());
}

Json AuthBody(const core::User& user, const std::string& csrf) {
  return {{"csrf_token", csrf}, {"user", ToJson(user)}};
}

core::Result<Response> Login(Context& ctx) {
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(login, f.RequiredString("login"));
  IPA_TRY(password, f.RequiredString("password"));
  IPA_CHECK(f.Finish());
  IPA_TRY(result, ctx.app.auth.Login(login, password, SessionCookie(ctx.req), ctx.actor));
  Response r = JsonResponse(AuthBody(result.user, result.csrf_token));
  r.SetHeader("Set-Cookie", std::string(kCookie) + "=" + result.session_token +
                                "; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200");
  return r;
}

core::Result<Response> Logout(Context& ctx) {
  if (ctx.principal && ctx.principal->via_session) {
    IPA_CHECK(ctx.app.auth.Logout(SessionCookie(ctx.req), ctx.actor));
  }
  Response r;
  r.status = 204;
  r.SetHeader("Set-Cookie", std::string(kCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  return r;
}

core::Result<Response> Me(Context& ctx) {
  return JsonResponse(AuthBody(ctx.principal->user, ctx.principal->csrf_token));
}

core::Result<Response> ListTokens(Context& ctx) {
  IPA_TRY(tokens, ctx.app.auth.ListTokens(ctx.actor));
  Json items = Json::array();
  for (const auto& t : tokens) items.push_back(ToJson(t));
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

core::Result<Response> CreateToken(Context& ctx) {
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(name, f.RequiredString("name"));
  IPA_CHECK(f.Finish());
  IPA_TRY(created, ctx.app.auth.CreateToken(ctx.actor, name));
  Json j = ToJson(created.row);
  j["token"] = created.token;
  return JsonResponse(j, 201);
}

core::Result<Response> RevokeToken(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "token"));
  IPA_CHECK(ctx.app.auth.RevokeToken(ctx.actor, core::TokenId{id}));
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void RegisterAuthRoutes(Router& router) {
  router.Add({"POST", "/api/v1/auth/login", Policy::Public(), "Log in; sets the session cookie", "auth", Login, {}, true});
  router.Add({"POST", "/api/v1/auth/logout", Policy::Public(), "End the session", "auth", Logout});
  router.Add({"GET", "/api/v1/auth/me", Policy::AnyUser(), "The logged-in user and CSRF token", "auth", Me});
  router.Add({"GET", "/api/v1/tokens", Policy::AnyUser(), "My API tokens", "auth", ListTokens});
  router.Add({"POST", "/api/v1/tokens", Policy::AnyUser(), "Create an API token (shown once)", "auth", CreateToken, {}, true, 201});
  router.Add({"DELETE", "/api/v1/tokens/{id}", Policy::AnyUser(), "Revoke an API token", "auth", RevokeToken});
}

}  // namespace ipa::http
