#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>

#include "core/text.hpp"
#include "http/metrics.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"
#include "service/audit_service.hpp"
#include "service/crypto.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;

constexpr std::string_view kCsp =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

void AddCommonHeaders(Response& r, const std::string& request_id) {
  r.SetHeader("X-Request-Id", request_id);
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("Content-Security-Policy", std::string(kCsp));
  r.SetHeader("Referrer-Policy", "no-referrer");
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (!r.FindHeader("Cache-Control")) r.SetHeader("Cache-Control", "no-store");
}

bool IsSafeMethod(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

std::string CookieValue(const std::string& header, std::string_view name) {
  std::string_view rest = header;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view part = core::Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
  }
  return {};
}

core::Error Denied(std::string message) {
  return core::Error{ErrorCode::kPermissionDenied, std::move(message), {}, {}, 0};
}

}  // namespace

bool Policy::Allows(std::optional<core::Role> role) const {
  switch (kind) {
    case Kind::kUnset: return false;
    case Kind::kPublic: return true;
    case Kind::kAnyUser: return role.has_value();
    case Kind::kRoles:
      if (!role) return false;
      for (core::Role r : roles) {
        if (r == *role) return true;
      }
      return false;
  }
  return false;
}

std::string Policy::Describe() const {
  switch (kind) {
    case Kind::kUnset: return "UNSET";
    case Kind::kPublic: return "public";
    case Kind::kAnyUser: return "any user";
    case Kind::kRoles: {
      std::string out;
      for (core::Role r : roles) out += (out.empty() ? "" : ", ") + std::string(core::RoleName(r));
      return out;
    }
  }
  return "UNSET";
}

bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::map<std::string, std::string>& params) {
  size_t pi = 0, si = 0;
  while (pi < pattern.size() && si <= path.size()) {
    if (pattern[pi] == '{') {
      const size_t close = pattern.find('}', pi);
      const size_t end = path.find('/', si);
      const std::string value = path.substr(si, end == std::string::npos ? std::string::npos : end - si);
      if (value.empty()) return false;
      params[pattern.substr(pi + 1, close - pi - 1)] = value;
      pi = close + 1;
      si = end == std::string::npos ? path.size() : end;
      continue;
    }
    if (si >= path.size() || pattern[pi] != path[si]) return false;
    ++pi;
    ++si;
  }
  return pi == pattern.size() && si == path.size();
}

void Router::Add(Route route) {
  if (route.policy.kind == Policy::Kind::kUnset) {
    spdlog::critical("route {} {} has no access policy", route.method, route.pattern);
    std::abort();
  }
  for (const Route& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern) std::abort();
  }
  routes_.push_back(std::move(route));
}

Response Router::Handle(const Request& req) {
  const auto start = std::chrono::steady_clock::now();
  const std::string request_id = service::RandomToken(9);
  std::string route_name = "static";
  Response resp;
  try {
    resp = Dispatch(req, request_id, route_name);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} threw: {}", request_id, req.method, req.path, e.what());
    resp = ProblemResponse(core::Error{ErrorCode::kInternal, "internal error", {}, {}, 0}, request_id);
  } catch (...) {
    spdlog::error("request {} {} {} threw a non-exception", request_id, req.method, req.path);
    resp = ProblemResponse(core::Error{ErrorCode::kInternal, "internal error", {}, {}, 0}, request_id);
  }
  AddCommonHeaders(resp, request_id);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  app_.metrics.Record(req.method, route_name, resp.status, seconds);
  spdlog::info("{} {} {} {} {} {:.2f}ms", request_id, req.remote_ip, req.method,
               req.path.substr(0, 200), resp.status, seconds * 1000);
  return resp;
}

Response Router::Dispatch(const Request& req, const std::string& request_id,
                          std::string& route_name) {
  auto problem = [&](core::Error e) { return ProblemResponse(e, request_id); };
  const bool api = req.path.starts_with("/api/") || req.path == "/healthz" || req.path == "/metrics";
  if (!api) {
    if (req.method != "GET" && req.method != "HEAD") {
      return problem({ErrorCode::kNotFound, "no such resource", {}, {}, 0});
    }
    return ServeStatic(req);
  }
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::string allowed;
  for (const Route& r : routes_) {
    std::map<std::string, std::string> p;
    if (!MatchPattern(r.pattern, req.path, p)) continue;
    allowed += (allowed.empty() ? "" : ", ") + r.method;
    if (r.method == req.method && !route) {  // the first registered match wins
      route = &r;
      params = std::move(p);
    }
  }
  if (!route) {
    if (allowed.empty()) return problem({ErrorCode::kNotFound, "no such API resource: " + req.path.substr(0, 100), {}, {}, 0});
    Response r = problem({ErrorCode::kInvalidArgument, "method " + req.method.substr(0, 10) + " not allowed here; use " + allowed, {}, {}, 0});
    r.status = 405;
    r.SetHeader("Allow", allowed);
    return r;
  }
  route_name = route->pattern;
  Context ctx{req, app_, service::Actor{std::nullopt, req.remote_ip, request_id}, std::nullopt,
              std::move(params)};

  // Authentication: a bearer token, else the session cookie.
  const std::string& authz = req.Header("authorization");
  const std::string session = CookieValue(req.Header("cookie"), "ipa_session");
  core::Result<service::Principal> principal =
      core::Fail(ErrorCode::kUnauthenticated, "log in, or send an API token as Authorization: Bearer");
  if (authz.size() > 7 && strncasecmp(authz.c_str(), "Bearer ", 7) == 0) {
    principal = app_.auth.AuthenticateBearer(std::string(core::Trim(authz.substr(7))));
  } else if (!session.empty()) {
    principal = app_.auth.AuthenticateSession(session);
  }
  if (principal) {
    ctx.actor.user = principal->user;
    ctx.principal = *principal;
  } else if (principal.error().code != ErrorCode::kUnauthenticated) {
    return problem(principal.error());
  }

  // Access policy.
  const std::optional<core::Role> role = ctx.actor.user ? std::optional(ctx.actor.user->role) : std::nullopt;
  if (!route->policy.Allows(role)) {
    if (!role) return problem(principal ? core::Error{ErrorCode::kUnauthenticated, "log in first", {}, {}, 0} : principal.error());
    service::RecordAuditNow(app_.db, ctx.actor, {"access.denied", "route", req.method + " " + route->pattern, "denied",
                                                 ctx.actor.user->office ? std::string(core::OfficeCode(*ctx.actor.user->office)) : "", ""});
    return problem(Denied("your role (" + std::string(core::RoleName(*role)) + ") may not " + req.method + " " + route->pattern + "; allowed: " + route->policy.Describe()));
  }

  // CSRF: state changes need an allowed Origin when one is sent, and a session additionally
  // needs both the Origin and its CSRF token.
  if (!IsSafeMethod(req.method)) {
    const std::string& origin = req.Header("origin");
    const bool origin_ok = std::find(app_.config.allowed_origins.begin(), app_.config.allowed_origins.end(), origin) != app_.config.allowed_origins.end();
    if (!origin.empty() && !origin_ok) return problem(Denied("origin " + origin.substr(0, 100) + " is not allowed"));
    if (ctx.principal && ctx.principal->via_session) {
      if (origin.empty()) return problem(Denied("a request with a session cookie must send Origin"));
      if (!service::ConstantTimeEquals(req.Header("x-csrf-token"), ctx.principal->csrf_token)) {
        return problem(Denied("missing or wrong X-CSRF-Token"));
      }
    }
  }

  // Body type and size.
  if (route->has_body && !route->raw_body && req.BodySize() > 0) {
    const std::string& type = req.Header("content-type");
    const std::string base = core::AsciiLower(core::Trim(type.substr(0, type.find(';'))));
    if (base != "application/json") {
      return problem({ErrorCode::kUnsupportedMediaType, "send the body as application/json (got '" + type.substr(0, 60) + "')", {}, {}, 0});
    }
  }
  const size_t body_limit = route->max_body ? route->max_body : app_.config.body_limit;
  if (req.BodySize() > body_limit) {
    return problem({ErrorCode::kPayloadTooLarge, "request body over " + std::to_string(body_limit) + " bytes", {}, {}, 0});
  }

  core::Result<Response> result = route->handler(ctx);
  if (!result) {
    const core::Error& e = result.error();
    if (e.code == ErrorCode::kInternal) spdlog::error("{} internal error: {}", request_id, e.detail);
    if (e.code == ErrorCode::kPermissionDenied) {
      service::RecordAuditNow(app_.db, ctx.actor, {"access.denied", "route", req.method + " " + req.path.substr(0, 100), "denied",
                                                   ctx.actor.office() ? std::string(core::OfficeCode(*ctx.actor.office())) : "", e.message});
    }
    return problem(e);
  }
  if (result->status == 200 && route->success_status != 200) result->status = route->success_status;
  return std::move(*result);
}

Response Router::ServeStatic(const Request& req) {
  auto file = LoadStaticFile(app_.config.web_dir, req.path);
  Response r;
  if (!file) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "The web UI is not built. Run the README's first command, or: cd web && npm ci && npm run build\n";
    return r;
  }
  r.content_type = file->content_type;
  r.body = req.method == "HEAD" ? std::string() : std::move(file->body);
  r.SetHeader("Cache-Control", file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace ipa::http
