// The main journeys through the API: logging in, sessions and CSRF, tokens, the registry,
// versions, the audit trail.
#include "core/credit_code.hpp"
#include "http/api_fixture.hpp"
#include "service/user_service.hpp"

namespace ipa::testing {
namespace {

using core::Role;

class AuthApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service::NewUser u{"alice", "Alice", Role::kAdmin, std::nullopt, std::nullopt, "correct-horse-battery"};
    ASSERT_TRUE(service::CreateUser(api().db(), {}, u, true).has_value());
  }
};

TEST_F(AuthApiTest, LoginSetsAHardenedCookieAndMeAnswersTheSameShape) {
  http::Response r = api().Call("POST", "/api/v1/auth/login", R"({"login":"Alice","password":"correct-horse-battery"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string* cookie = r.FindHeader("Set-Cookie");
  ASSERT_NE(cookie, nullptr);
  EXPECT_NE(cookie->find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie->find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie->find("Path=/"), std::string::npos);
  http::Json body = ApiClient::Body(r);
  EXPECT_EQ(body["user"]["login"], "alice");
  EXPECT_EQ(body["user"]["role"], "admin");
  EXPECT_FALSE(body["user"].contains("password_hash"));
  ASSERT_TRUE(body["csrf_token"].is_string());

  Caller c{"", cookie->substr(0, cookie->find(';')), body["csrf_token"], {}};
  http::Response me = api().Call("GET", "/api/v1/auth/me", "", &c);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(ApiClient::Body(me)["csrf_token"], body["csrf_token"]);
}

TEST_F(AuthApiTest, WrongPasswordAndUnknownLoginLookTheSame) {
  http::Response wrong = api().Call("POST", "/api/v1/auth/login", R"({"login":"alice","password":"not-the-password"})");
  http::Response unknown = api().Call("POST", "/api/v1/auth/login", R"({"login":"mallory","password":"not-the-password"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(ApiClient::Body(wrong)["detail"], ApiClient::Body(unknown)["detail"]);
}

TEST_F(AuthApiTest, SessionWritesNeedOriginAndCsrfToken) {
  Caller c = api().Login("alice", "correct-horse-battery");
  const std::string body = R"({"name":"ci"})";
  EXPECT_EQ(api().Call("POST", "/api/v1/tokens", body, &c, {{"x-csrf-token", "wrong"}}).status, 403);
  EXPECT_EQ(api().Call("POST", "/api/v1/tokens", body, &c, {{"origin", "http://evil.example"}}).status, 403);
  EXPECT_EQ(api().Call("POST", "/api/v1/tokens", body, &c, {{"origin", ""}}).status, 403);
  EXPECT_EQ(api().Call("POST", "/api/v1/tokens", body, &c).status, 201);
}

TEST_F(AuthApiTest, LogoutEndsTheSession) {
  Caller c = api().Login("alice", "correct-horse-battery");
  EXPECT_EQ(api().Call("POST", "/api/v1/auth/logout", "", &c).status, 204);
  EXPECT_EQ(api().Call("GET", "/api/v1/auth/me", "", &c).status, 401);
}

TEST_F(AuthApiTest, ThrottlesAfterTooManyFailuresWithRetryAfter) {
  ApiClient strict(api().db(), service::AuthConfig{.max_failures_per_login = 3});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(strict.Call("POST", "/api/v1/auth/login", R"({"login":"alice","password":"wrong-password-x"})").status, 401);
  }
  http::Response r = strict.Call("POST", "/api/v1/auth/login", R"({"login":"alice","password":"correct-horse-battery"})");
  EXPECT_EQ(r.status, 429);
  const std::string* retry = r.FindHeader("Retry-After");
  ASSERT_NE(retry, nullptr);
  EXPECT_GT(std::stoi(*retry), 3000);
  EXPECT_LE(std::stoi(*retry), 3601);
}

TEST_F(AuthApiTest, TokensWorkAsBearerAndStopWhenRevoked) {
  Caller c = api().Login("alice", "correct-horse-battery");
  http::Response created = api().Call("POST", "/api/v1/tokens", R"({"name":"script"})", &c);
  ASSERT_EQ(created.status, 201);
  http::Json t = ApiClient::Body(created);
  Caller bearer{t["token"], "", "", {}};
  EXPECT_EQ(api().Call("GET", "/api/v1/organizations", "", &bearer).status, 200);
  // Bearer writes need no CSRF token.
  EXPECT_EQ(api().Call("POST", "/api/v1/tokens", R"({"name":"second"})", &bearer).status, 201);
  http::Json list = ApiClient::Body(api().Call("GET", "/api/v1/tokens", "", &bearer));
  EXPECT_EQ(list["items"].size(), 2u);
  for (const auto& item : list["items"]) EXPECT_FALSE(item.contains("token"));
  EXPECT_EQ(api().Call("DELETE", "/api/v1/tokens/" + std::to_string(t["id"].get<int64_t>()), "", &c).status, 204);
  EXPECT_EQ(api().Call("GET", "/api/v1/organizations", "", &bearer).status, 401);
}

TEST_F(ApiTest, RegistryCreateReadUpdateWithVersions) {
  Caller admin = api().NewCaller(Role::kAdmin);
  http::Response created = api().Call("POST", "/api/v1/organizations", OrgBody("130102", 1).dump(), &admin);
  ASSERT_EQ(created.status, 201) << created.body;
  http::Json org = ApiClient::Body(created);
  EXPECT_EQ(org["region_name"], "河北省石家庄市长安区");
  EXPECT_EQ(org["office"], "HE");
  EXPECT_EQ(*created.FindHeader("ETag"), "\"1\"");
  const std::string path = "/api/v1/organizations/" + std::to_string(org["id"].get<int64_t>());

  http::Response got = api().Call("GET", path, "", &admin);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(ApiClient::Body(got)["contact"]["name"], "赵六");

  http::Response no_match = api().Call("PATCH", path, R"({"address":"石家庄市1号"})", &admin);
  EXPECT_EQ(no_match.status, 428);
  http::Response ok = api().Call("PATCH", path, R"({"address":"石家庄市1号","aliases":["京津冀测试"]})", &admin, {{"if-match", "\"1\""}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ApiClient::Body(ok)["version"], 2);
  EXPECT_EQ(*ok.FindHeader("ETag"), "\"2\"");
  http::Response stale = api().Call("PATCH", path, R"({"address":"lost update"})", &admin, {{"if-match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(ApiClient::Body(api().Call("GET", path, "", &admin))["address"], "石家庄市1号");

  http::Json found = ApiClient::Body(api().Call("GET", "/api/v1/organizations?q=%E4%BA%AC%E6%B4%A5%E5%86%80%E6%B5%8B%E8%AF%95", "", &admin));
  ASSERT_EQ(found["items"].size(), 1u);
  EXPECT_EQ(found["items"][0]["id"], org["id"]);
}

TEST_F(ApiTest, DuplicateCreditCodeIsAConflictNamingTheField) {
  Caller admin = api().NewCaller(Role::kAdmin);
  ASSERT_EQ(api().Call("POST", "/api/v1/organizations", OrgBody("110108", 5).dump(), &admin).status, 201);
  http::Json again = OrgBody("110108", 5);
  again["name_zh"] = "另一家";
  http::Response r = api().Call("POST", "/api/v1/organizations", again.dump(), &admin);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ApiClient::Body(r)["field"], "credit_code");
}

TEST_F(ApiTest, ListsPageWithCursorsUntilNull) {
  Caller admin = api().NewCaller(Role::kAdmin);
  for (int i = 0; i < 7; ++i) ASSERT_EQ(api().Call("POST", "/api/v1/organizations", OrgBody("120101", 10 + i).dump(), &admin).status, 201);
  std::set<int64_t> ids;
  std::string cursor;
  int pages = 0;
  do {
    http::Json page = ApiClient::Body(api().Call("GET", "/api/v1/organizations?limit=3&region=1201" + (cursor.empty() ? "" : "&cursor=" + cursor), "", &admin));
    for (const auto& item : page["items"]) ids.insert(item["id"].get<int64_t>());
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_EQ(pages, 3);
}

TEST_F(ApiTest, AuditRecordsChangesAndDenialsWithoutSecrets) {
  Caller admin = api().NewCaller(Role::kAdmin);
  Caller member = api().NewCaller(Role::kMember);
  ASSERT_EQ(api().Call("POST", "/api/v1/organizations", OrgBody("120101", 30).dump(), &admin).status, 201);
  EXPECT_EQ(api().Call("GET", "/api/v1/users", "", &member).status, 403);
  http::Json audit = ApiClient::Body(api().Call("GET", "/api/v1/audit?limit=200", "", &admin));
  bool saw_create = false, saw_denial = false;
  for (const auto& e : audit["items"]) {
    if (e["action"] == "org.create" && e["office"] == "TJ") saw_create = true;
    if (e["action"] == "access.denied" && e["actor_login"] == member.user.login) saw_denial = true;
    EXPECT_EQ(e["detail"].get<std::string>().find("horse"), std::string::npos);
    EXPECT_FALSE(e["request_id"].get<std::string>().empty());
  }
  EXPECT_TRUE(saw_create);
  EXPECT_TRUE(saw_denial);
}

TEST_F(ApiTest, OfficeReadsOnlyItsOwnAuditEntries) {
  Caller admin = api().NewCaller(Role::kAdmin);
  Caller tj = api().NewCaller(Role::kOffice, core::Office::kTianjin);
  ASSERT_EQ(api().Call("POST", "/api/v1/organizations", OrgBody("120101", 40).dump(), &admin).status, 201);
  ASSERT_EQ(api().Call("POST", "/api/v1/organizations", OrgBody("130102", 41).dump(), &admin).status, 201);
  http::Json audit = ApiClient::Body(api().Call("GET", "/api/v1/audit?limit=200&office=HE", "", &tj));
  ASSERT_FALSE(audit["items"].empty());
  for (const auto& e : audit["items"]) EXPECT_EQ(e["office"], "TJ") << e.dump();
}

TEST_F(ApiTest, InviteUserReturnsAGeneratedPasswordOnceThatWorks) {
  Caller admin = api().NewCaller(Role::kAdmin);
  core::OrgId org = api().NewOrg("120116");
  http::Json body = {{"login", "tj.ip-manager"}, {"display_name", "天津IP经理"}, {"role", "member"}, {"org_id", org.value}};
  http::Response r = api().Call("POST", "/api/v1/users", body.dump(), &admin);
  ASSERT_EQ(r.status, 201) << r.body;
  http::Json user = ApiClient::Body(r);
  ASSERT_TRUE(user["initial_password"].is_string());
  Caller c = api().Login("tj.ip-manager", user["initial_password"]);
  EXPECT_FALSE(c.cookie.empty());
  http::Json again = ApiClient::Body(api().Call("GET", "/api/v1/users/" + std::to_string(user["id"].get<int64_t>()), "", &admin));
  EXPECT_FALSE(again.contains("initial_password"));
  EXPECT_FALSE(again.contains("password_hash"));
}

TEST_F(ApiTest, DisablingAUserEndsItsAccess) {
  Caller admin = api().NewCaller(Role::kAdmin);
  Caller member = api().NewCaller(Role::kMember);
  const std::string path = "/api/v1/users/" + std::to_string(member.user.id.value);
  http::Response r = api().Call("PATCH", path, R"({"status":"disabled"})", &admin, {{"if-match", "\"1\""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(api().Call("GET", "/api/v1/organizations", "", &member).status, 401);
}

TEST_F(ApiTest, HealthMetricsAndReferenceData) {
  EXPECT_EQ(api().Call("GET", "/healthz").status, 200);
  Caller member = api().NewCaller(Role::kMember);
  http::Json provinces = ApiClient::Body(api().Call("GET", "/api/v1/regions", "", &member));
  EXPECT_EQ(provinces["items"].size(), 34u);
  http::Json hebei = ApiClient::Body(api().Call("GET", "/api/v1/regions?parent=130000", "", &member));
  EXPECT_EQ(hebei["items"].size(), 11u);
  EXPECT_EQ(ApiClient::Body(api().Call("GET", "/api/v1/industries", "", &member))["items"].size(), 20u);
  http::Json offices = ApiClient::Body(api().Call("GET", "/api/v1/offices", "", &member));
  ASSERT_EQ(offices["items"].size(), 3u);
  EXPECT_EQ(offices["items"][0]["code"], "BJ");
  http::Response metrics = api().Call("GET", "/metrics");
  EXPECT_NE(metrics.body.find("ipa_http_requests_total{method=\"GET\",route=\"/api/v1/regions\",status=\"200\"} 2"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("ipa_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_F(ApiTest, EveryResponseCarriesSecurityHeadersAndARequestId) {
  for (const char* target : {"/healthz", "/api/v1/organizations", "/api/v1/nope", "/index.html"}) {
    http::Response r = api().Call("GET", target);
    for (const char* h : {"X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy", "X-Frame-Options", "X-Request-Id"}) {
      EXPECT_NE(r.FindHeader(h), nullptr) << target << " lacks " << h;
    }
    EXPECT_NE(r.content_type.find("charset=utf-8"), std::string::npos) << target;
  }
}

}  // namespace
}  // namespace ipa::testing
