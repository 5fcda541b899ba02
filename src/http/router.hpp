// The route table: every route declares its method, path pattern, access policy and
// handler. Dispatch authenticates, enforces the policy and CSRF rules, maps errors to problem
// documents and adds the headers every response carries.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/user.hpp"
#include "http/message.hpp"
#include "service/actor.hpp"
#include "service/auth_service.hpp"
#include "store/database.hpp"

namespace ipa::service {
class SearchService;
class EvidenceLog;
class EvidenceItems;
class ImportJobs;
}

namespace ipa::http {

class Metrics;

// Who may call a route. A route without a policy (kUnset) is refused at registration.
struct Policy {
  enum class Kind { kUnset, kPublic, kAnyUser, kRoles };
  Kind kind = Kind::kUnset;
  std::vector<core::Role> roles;

  static Policy Public() { return {Kind::kPublic, {}}; }
  static Policy AnyUser() { return {Kind::kAnyUser, {}}; }
  static Policy Roles(std::initializer_list<core::Role> r) { return {Kind::kRoles, r}; }
  // Whether a caller with `role` (nullopt: anonymous) passes.
  bool Allows(std::optional<core::Role> role) const;
  std::string Describe() const;  // "public", "any user", "admin, office"
};

struct HttpConfig {
  std::vector<std::string> allowed_origins;  // e.g. "http://127.0.0.1:8080"
  std::string web_dir;                       // built UI; "" = none
  size_t body_limit = 1 << 20;
};

// What handlers reach: the database, the services and the request's facts.
struct App {
  store::Database& db;
  service::AuthService& auth;
  HttpConfig config;
  Metrics& metrics;
  service::ImportJobs* imports = nullptr;  // uploads; null where imports are not served
  service::SearchService* search = nullptr;  // the search index; null where search is not served
  service::EvidenceLog* evidence = nullptr;  // the evidence log; null where it is not running
  service::EvidenceItems* evidence_items = nullptr;  // case evidence; null where not served
};

struct Context {
  const Request& req;
  App& app;
  service::Actor actor;
  std::optional<service::Principal> principal;
  std::map<std::string, std::string> params;  // from {name} segments

  const std::string& Param(const std::string& name) const { return params.at(name); }
};

using Handler = std::function<core::Result<Response>(Context&)>;

struct QueryParam {
  std::string name;
  std::string description;
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/organizations/{id}"
  Policy policy;
  std::string summary;
  std::string tag;
  Handler handler;
  std::vector<QueryParam> query_params;  // documented in OpenAPI
  bool has_body = false;                 // expects a JSON request body
  int success_status = 200;
  bool raw_body = false;                 // takes the body as bytes (uploads), any Content-Type
  size_t max_body = 0;                   // 0: HttpConfig::body_limit
};

class Router {
 public:
  explicit Router(App& app) : app_(app) {}

  // Adds a route. Aborts (a programming error) when the policy is unset or the route exists.
  void Add(Route route);
  const std::vector<Route>& routes() const { return routes_; }
  App& app() { return app_; }

  // Answers one request; never throws.
  Response Handle(const Request& req);

 private:
  Response Dispatch(const Request& req, const std::string& request_id, std::string& route_name);
  Response ServeStatic(const Request& req);

  App& app_;
  std::vector<Route> routes_;
};

// Path matching: fills `params` and returns true when `path` fits `pattern`.
bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::map<std::string, std::string>& params);

// Registers every API route (defined in handlers/).
void RegisterAllRoutes(Router& router);

}  // namespace ipa::http
