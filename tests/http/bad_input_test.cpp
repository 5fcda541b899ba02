// Bad input answers 4xx problem+json naming what, where and why, and changes nothing.
#include "http/api_fixture.hpp"
#include "store/org_repo.hpp"

namespace ipa::testing {
namespace {

using core::Role;

class BadInputTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    admin_ = api().NewCaller(Role::kAdmin);
  }
  int64_t OrgCount() {
    return store::ReadValue<int64_t>(api().db(), [](store::Tx& tx) { return store::CountOrgs(tx); }).value_or(-1);
  }
  // Posts `body` and checks the problem document; returns it.
  http::Json ExpectProblem(const std::string& body, int status, const std::string& field = "",
                           std::map<std::string, std::string> headers = {}) {
    const int64_t before = OrgCount();
    http::Response r = api().Call("POST", "/api/v1/organizations", body, &admin_, std::move(headers));
    EXPECT_EQ(r.status, status) << body.substr(0, 100) << " -> " << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json; charset=utf-8");
    http::Json j = ApiClient::Body(r);
    EXPECT_EQ(j["status"], status);
    EXPECT_TRUE(j["detail"].is_string());
    EXPECT_TRUE(j["type"].get<std::string>().starts_with("https://ipalliance.cn/problems/"));
    if (!field.empty()) {
      EXPECT_EQ(j.value("field", ""), field) << j.dump();
    }
    EXPECT_EQ(OrgCount(), before) << "bad input changed the registry";
    return j;
  }
  Caller admin_;
};

TEST_F(BadInputTest, MalformedJsonNamesTheByte) {
  http::Json j = ExpectProblem(R"({"name_zh": "x", )", 400);
  EXPECT_NE(j["detail"].get<std::string>().find("byte"), std::string::npos);
  ExpectProblem("", 400);
  ExpectProblem("[1,2]", 400);
  ExpectProblem("\"just a string\"", 400);
  ExpectProblem(std::string(40, '[') + std::string(40, ']'), 400);
  ExpectProblem("{\"name_zh\": \"\xff\xfe\"}", 400);
}

// Found by the JSON body fuzzer: a number out of double range threw past the parser and
// answered 500.
TEST_F(BadInputTest, NumberOutOfRangeIsA400NotA500) {
  ExpectProblem(R"({"org_id": 1e400, "name_zh": "x"})", 400);
  ExpectProblem(R"({"name_zh": -1e999})", 400);
}

TEST_F(BadInputTest, WrongTypesUnknownAndNestedUnknownFields) {
  http::Json base = OrgBody("110108", 1);
  http::Json wrong = base;
  wrong["name_zh"] = 42;
  ExpectProblem(wrong.dump(), 400, "name_zh");
  http::Json wrong_list = base;
  wrong_list["aliases"] = "not a list";
  ExpectProblem(wrong_list.dump(), 400, "aliases");
  http::Json unknown = base;
  unknown["is_admin"] = true;
  ExpectProblem(unknown.dump(), 400, "is_admin");
  http::Json nested = base;
  nested["contact"]["password"] = "x";
  ExpectProblem(nested.dump(), 400, "contact.password");
  http::Json bad_bool = base;
  bad_bool["membership"] = {{"founding", "yes"}};
  ExpectProblem(bad_bool.dump(), 400, "membership.founding");
  http::Json office = base;
  office["type"] = "office";
  ExpectProblem(office.dump(), 400, "type");
}

TEST_F(BadInputTest, InvalidValuesAreExplained) {
  http::Json bad_code = OrgBody("110108", 2);
  bad_code["credit_code"] = "91110108MA01ABCD1X";
  http::Json j = ExpectProblem(bad_code.dump(), 400, "credit_code");
  EXPECT_NE(j["detail"].get<std::string>().find("expected"), std::string::npos);
  http::Json bad_region = OrgBody("110108", 3);
  bad_region["region_code"] = "110199";
  ExpectProblem(bad_region.dump(), 400, "region_code");
  http::Json bad_date = OrgBody("110108", 4);
  bad_date["membership"] = {{"joined_on", "2016-02-30"}, {"status", "active"}};
  ExpectProblem(bad_date.dump(), 400, "membership.joined_on");
  http::Json missing = OrgBody("110108", 5);
  missing.erase("name_zh");
  ExpectProblem(missing.dump(), 400, "name_zh");
}

TEST_F(BadInputTest, WrongContentTypeIs415AndOversizeIs413) {
  ExpectProblem(OrgBody("110108", 6).dump(), 415, "", {{"content-type", "text/plain"}});
  ExpectProblem(OrgBody("110108", 7).dump(), 415, "", {{"content-type", "application/x-www-form-urlencoded"}});
  http::Json big = OrgBody("110108", 8);
  big["address"] = std::string(1 << 20, 'a');
  ExpectProblem(big.dump(), 413);
}

TEST_F(BadInputTest, BadCursorsLimitsAndIds) {
  for (const char* target : {"/api/v1/organizations?cursor=garbage", "/api/v1/organizations?limit=0",
                             "/api/v1/organizations?limit=201", "/api/v1/organizations?limit=abc",
                             "/api/v1/organizations?region=abc", "/api/v1/organizations?founding=maybe",
                             "/api/v1/audit?cursor=%25%25"}) {
    http::Response r = api().Call("GET", target, "", &admin_);
    EXPECT_EQ(r.status, 400) << target << " " << r.body;
  }
  EXPECT_EQ(api().Call("GET", "/api/v1/organizations/abc", "", &admin_).status, 404);
  EXPECT_EQ(api().Call("GET", "/api/v1/organizations/99999", "", &admin_).status, 404);
  EXPECT_EQ(api().Call("GET", "/api/v1/organizations/-1", "", &admin_).status, 404);
  EXPECT_EQ(api().Call("DELETE", "/api/v1/organizations/1", "", &admin_).status, 405);
}

TEST_F(BadInputTest, StaleAndMalformedIfMatchChangeNothing) {
  http::Response created = api().Call("POST", "/api/v1/organizations", OrgBody("120101", 9).dump(), &admin_);
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/organizations/" + std::to_string(ApiClient::Body(created)["id"].get<int64_t>());
  EXPECT_EQ(api().Call("PATCH", path, R"({"address":"x"})", &admin_, {{"if-match", "\"7\""}}).status, 412);
  EXPECT_EQ(api().Call("PATCH", path, R"({"address":"x"})", &admin_, {{"if-match", "abc"}}).status, 400);
  EXPECT_EQ(api().Call("PATCH", path, R"({"credit_code":"bad"})", &admin_, {{"if-match", "\"1\""}}).status, 400);
  http::Json after = ApiClient::Body(api().Call("GET", path, "", &admin_));
  EXPECT_EQ(after["version"], 1);
  EXPECT_EQ(after["address"], "");
}

TEST_F(BadInputTest, BadPasswordsAndLoginsOnInvite) {
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"login":"ab","display_name":"x","role":"admin"})", "login"},
           {R"({"login":"Bad Login","display_name":"x","role":"admin"})", "login"},
           {R"({"login":"okname","display_name":"x","role":"king"})", "role"},
           {R"({"login":"okname","display_name":"x","role":"office"})", "office"},
           {R"({"login":"okname","display_name":"x","role":"member"})", "org_id"},
           {R"({"login":"okname","display_name":"x","role":"member","org_id":424242})", "org_id"},
           {R"({"login":"okname","display_name":"x","role":"admin","password":"123456789012"})", "password"},
       }) {
    http::Response r = api().Call("POST", "/api/v1/users", body, &admin_);
    EXPECT_EQ(r.status, 400) << body << " " << r.body;
    EXPECT_EQ(ApiClient::Body(r).value("field", ""), field) << body;
  }
}

}  // namespace
}  // namespace ipa::testing
