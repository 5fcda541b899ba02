// libFuzzer target: arbitrary bytes as the JSON body of the registry's write routes. The
// server must answer every input with a status below 500 and stay consistent.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "app/open_database.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "service/auth_service.hpp"
#include "service/crypto.hpp"
#include "service/user_service.hpp"
#include "store/migrations.hpp"

namespace {

struct Harness {
  std::unique_ptr<ipa::store::Database> db;
  std::unique_ptr<ipa::service::AuthService> auth;
  ipa::http::Metrics metrics;
  std::unique_ptr<ipa::http::App> app;
  std::unique_ptr<ipa::http::Router> router;
  std::string token;

  Harness() {
    ipa::service::InitCrypto();
    db = std::move(*ipa::app::OpenDatabase("sqlite::memory:", 1));
    if (!ipa::store::Migrate(*db)) std::abort();
    auth = std::make_unique<ipa::service::AuthService>(*db, ipa::service::AuthConfig{});
    app = std::make_unique<ipa::http::App>(ipa::http::App{*db, *auth, {{"http://127.0.0.1:8080"}, "", 1 << 20}, metrics});
    router = std::make_unique<ipa::http::Router>(*app);
    ipa::http::RegisterAllRoutes(*router);
    ipa::service::NewUser u{"fuzzadmin", "Fuzz", ipa::core::Role::kAdmin, std::nullopt, std::nullopt, "fuzzing-is-fun-2016"};
    auto created = ipa::service::CreateUser(*db, {}, u, true);
    if (!created) std::abort();
    ipa::service::Actor self;
    self.user = created->user;
    token = auth->CreateToken(self, "fuzz")->token;
  }

  int Call(const std::string& method, const std::string& target, const std::string& body) {
    ipa::http::Request req;
    req.method = method;
    req.target = target;
    ipa::http::ParseTarget(target, req.path, req.query);
    req.body = body;
    req.remote_ip = "127.0.0.1";
    req.headers = {{"content-type", "application/json"}, {"authorization", "Bearer " + token}, {"if-match", "\"1\""}};
    return router->Handle(req).status;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Harness* h = new Harness();
  const std::string body(reinterpret_cast<const char*>(data), size);
  for (const auto& [method, target] : {std::pair{"POST", "/api/v1/organizations"},
                                       std::pair{"PATCH", "/api/v1/organizations/1"},
                                       std::pair{"POST", "/api/v1/users"},
                                       std::pair{"POST", "/api/v1/auth/login"}}) {
    const int status = h->Call(method, target, body);
    if (status >= 500) {
      std::fprintf(stderr, "%s %s answered %d\n", method, target, status);
      std::abort();
    }
  }
  return 0;
}
