// An in-process API client: the real router, services and database, no sockets.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/organization.hpp"
#include "core/user.hpp"
#include "http/json_io.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "service/auth_service.hpp"
#include "service/search_service.hpp"

namespace ipa::testing {

struct Caller {
  std::string bearer;   // "ipa_..." or ""
  std::string cookie;   // "ipa_session=..." or ""
  std::string csrf;     // with cookie
  core::User user;
};

class ApiClient {
 public:
  explicit ApiClient(store::Database& db, service::AuthConfig auth_config = {});

  http::Response Call(const std::string& method, const std::string& target,
                      const std::string& body = "", const Caller* caller = nullptr,
                      std::map<std::string, std::string> headers = {});
  // When set, non-empty request bodies reach the handler the way the server hands over uploads:
  // written to a file here and passed as Request::spooled (removed once the call returns).
  std::string spool_dir;
  // Parses a response body as JSON (fails the test on a non-JSON body).
  static http::Json Body(const http::Response& resp);

  // A new user with this role (and binding) and a bearer token for it.
  Caller NewCaller(core::Role role, std::optional<core::Office> office = std::nullopt,
                   std::optional<core::OrgId> org = std::nullopt);
  // Logs in through the API (session cookie + CSRF token).
  Caller Login(const std::string& login, const std::string& password);
  // An organisation created directly through the service (as a system admin).
  core::OrgId NewOrg(const std::string& region_code, core::OrgType type = core::OrgType::kCompany);

  http::Router& router() { return router_; }
  store::Database& db() { return db_; }
  // The search index the API answers from; it follows the change log every 50 ms. Call
  // search().CatchUp() after writing patents to make them searchable at once.
  service::SearchService& search() { return *search_; }
  static constexpr const char* kOrigin = "http://127.0.0.1:8080";

 private:
  store::Database& db_;
  service::AuthService auth_;
  http::Metrics metrics_;
  std::unique_ptr<service::SearchService> search_;
  http::App app_;
  http::Router router_;
  int counter_ = 0;
};

// A valid credit code for a region (deterministic for `serial`).
std::string MakeCreditCode(const std::string& region_code, int serial);

}  // namespace ipa::testing
