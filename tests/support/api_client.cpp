#include "support/api_client.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/credit_code.hpp"
#include "service/crypto.hpp"
#include "service/org_service.hpp"
#include "service/user_service.hpp"

namespace ipa::testing {

namespace {

std::unique_ptr<service::SearchService> StartSearch(store::Database& db) {
  service::SearchServiceOptions options;
  options.poll_interval = std::chrono::milliseconds(50);
  auto search = service::SearchService::Start(db, options);
  if (!search) {
    ADD_FAILURE() << "search index: " << search.error().message;
    return nullptr;
  }
  return std::move(*search);
}

}  // namespace

ApiClient::ApiClient(store::Database& db, service::AuthConfig auth_config)
    : db_(db), auth_(db, auth_config), search_(StartSearch(db)),
      app_{db, auth_, http::HttpConfig{{kOrigin}, "", 1 << 20}, metrics_, nullptr, search_.get()},
      router_(app_) {
  service::InitCrypto();
  http::RegisterAllRoutes(router_);
}

http::Response ApiClient::Call(const std::string& method, const std::string& target,
                               const std::string& body, const Caller* caller,
                               std::map<std::string, std::string> headers) {
  http::Request req;
  req.method = method;
  req.target = target;
  EXPECT_TRUE(http::ParseTarget(target, req.path, req.query)) << target;
  req.body = body;
  if (!spool_dir.empty() && !body.empty()) {
    static std::atomic<int> seq{0};
    std::filesystem::create_directories(spool_dir);
    const std::string path = spool_dir + "/upload-test-" + std::to_string(seq.fetch_add(1));
    std::ofstream(path, std::ios::binary) << body;
    req.spooled = std::make_shared<http::SpooledBody>(path, body.size());
    req.body.clear();
  }
  req.remote_ip = "127.0.0.1";
  if (!body.empty() && !headers.contains("content-type")) headers["content-type"] = "application/json";
  if (caller && !caller->bearer.empty()) headers["authorization"] = "Bearer " + caller->bearer;
  if (caller && !caller->cookie.empty()) {
    headers["cookie"] = caller->cookie;
    if (method != "GET") {
      if (!headers.contains("origin")) headers["origin"] = kOrigin;
      if (!headers.contains("x-csrf-token")) headers["x-csrf-token"] = caller->csrf;
    }
  }
  req.headers = std::move(headers);
  http::Response resp = router_.Handle(req);
  if (resp.stream) {  // a chunked body: what a client would read
    resp.body = http::DrainBody(*resp.stream);
    resp.stream.reset();
  }
  return resp;
}

http::Json ApiClient::Body(const http::Response& resp) {
  http::Json j = http::Json::parse(resp.body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << resp.body.substr(0, 200);
  return j;
}

Caller ApiClient::NewCaller(core::Role role, std::optional<core::Office> office,
                            std::optional<core::OrgId> org) {
  if ((role == core::Role::kMember || role == core::Role::kAgency) && !org) {
    org = NewOrg("110108", role == core::Role::kAgency ? core::OrgType::kAgency : core::OrgType::kCompany);
  }
  if (role == core::Role::kOffice && !office) office = core::Office::kBeijing;
  service::NewUser u;
  u.login = "user" + std::to_string(++counter_) + "-" + std::string(core::RoleName(role));
  u.display_name = u.login;
  u.role = role;
  u.org_id = org;
  u.office = office;
  u.password = "correct-horse-battery-" + std::to_string(counter_);
  service::Actor system;
  system.request_id = "test-setup";
  auto created = service::CreateUser(db_, system, u, true);
  EXPECT_TRUE(created.has_value()) << created.error().message;
  service::Actor self;
  self.user = created->user;
  self.request_id = "test-setup";
  auto token = auth_.CreateToken(self, "test");
  EXPECT_TRUE(token.has_value()) << token.error().message;
  return Caller{token->token, "", "", created->user};
}

Caller ApiClient::Login(const std::string& login, const std::string& password) {
  http::Json body = {{"login", login}, {"password", password}};
  http::Response r = Call("POST", "/api/v1/auth/login", body.dump());
  EXPECT_EQ(r.status, 200) << r.body;
  Caller c;
  const std::string* cookie = r.FindHeader("Set-Cookie");
  if (cookie) c.cookie = cookie->substr(0, cookie->find(';'));
  http::Json j = Body(r);
  c.csrf = j.value("csrf_token", "");
  return c;
}

core::OrgId ApiClient::NewOrg(const std::string& region_code, core::OrgType type) {
  core::Organization o;
  o.name_zh = "测试机构" + std::to_string(++counter_);
  o.type = type;
  o.region_code = region_code;
  o.credit_code = MakeCreditCode(region_code, counter_);
  o.contact = {"张三", "010-12345678", "a@example.com"};
  service::Actor admin;
  admin.request_id = "test-setup";
  core::User u;
  u.role = core::Role::kAdmin;
  admin.user = u;
  auto view = service::CreateOrganization(db_, admin, o);
  EXPECT_TRUE(view.has_value()) << view.error().message;
  return view ? view->org.id : core::OrgId{};
}

std::string MakeCreditCode(const std::string& region_code, int serial) {
  std::string code = "91" + region_code + "MA";
  std::string digits = std::to_string(1000000 + serial);
  code += digits.substr(digits.size() - 7);
  code.push_back(core::CreditCodeCheckChar(code));
  return code;
}

}  // namespace ipa::testing
