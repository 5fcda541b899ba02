// S3/S4: object- and property-level checks on the registry.
#include "http/api_fixture.hpp"

namespace ipa::testing {
namespace {

using core::Office;
using core::Role;

class PermissionsTest : public ApiTest {
 protected:
  std::string OrgPath(core::OrgId id) { return "/api/v1/organizations/" + std::to_string(id.value); }
};

TEST_F(PermissionsTest, ContactDataIsPrivateToTheOrganisationOfficesAndAdmins) {
  core::OrgId own = api().NewOrg("120116");
  core::OrgId other = api().NewOrg("130102");
  Caller member = api().NewCaller(Role::kMember, std::nullopt, own);
  Caller office = api().NewCaller(Role::kOffice, Office::kBeijing);
  EXPECT_TRUE(ApiClient::Body(api().Call("GET", OrgPath(own), "", &member)).contains("contact"));
  EXPECT_FALSE(ApiClient::Body(api().Call("GET", OrgPath(other), "", &member)).contains("contact"));
  EXPECT_TRUE(ApiClient::Body(api().Call("GET", OrgPath(other), "", &office)).contains("contact"));
  http::Json list = ApiClient::Body(api().Call("GET", "/api/v1/organizations?limit=200", "", &member));
  for (const auto& o : list["items"]) EXPECT_EQ(o.contains("contact"), o["id"] == own.value) << o.dump();
}

TEST_F(PermissionsTest, MembersEditOnlyTheirOwnContactFields) {
  core::OrgId own = api().NewOrg("110108");
  core::OrgId other = api().NewOrg("110108");
  Caller member = api().NewCaller(Role::kMember, std::nullopt, own);
  http::Response ok = api().Call("PATCH", OrgPath(own), R"({"contact":{"phone":"010-88888888"},"name_en":"Own Co"})", &member, {{"if-match", "\"1\""}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  http::Response restricted = api().Call("PATCH", OrgPath(own), R"({"credit_code":"91110108MA01ABCD1E"})", &member, {{"if-match", "\"2\""}});
  EXPECT_EQ(restricted.status, 403);
  EXPECT_EQ(ApiClient::Body(restricted)["field"], "credit_code");
  http::Response status = api().Call("PATCH", OrgPath(own), R"({"membership":{"status":"left"}})", &member, {{"if-match", "\"2\""}});
  EXPECT_EQ(status.status, 403);
  EXPECT_EQ(api().Call("PATCH", OrgPath(other), R"({"address":"x"})", &member, {{"if-match", "\"1\""}}).status, 403);
  EXPECT_EQ(api().Call("POST", "/api/v1/organizations", OrgBody("110108", 1).dump(), &member).status, 403);
}

TEST_F(PermissionsTest, OfficesManageOnlyTheirProvince) {
  Caller tj = api().NewCaller(Role::kOffice, Office::kTianjin);
  EXPECT_EQ(api().Call("POST", "/api/v1/organizations", OrgBody("120116", 2).dump(), &tj).status, 201);
  http::Response elsewhere = api().Call("POST", "/api/v1/organizations", OrgBody("130102", 3).dump(), &tj);
  EXPECT_EQ(elsewhere.status, 403);
  EXPECT_EQ(ApiClient::Body(elsewhere)["field"], "region_code");
  core::OrgId hebei = api().NewOrg("130102");
  EXPECT_EQ(api().Call("PATCH", OrgPath(hebei), R"({"address":"x"})", &tj, {{"if-match", "\"1\""}}).status, 403);
  core::OrgId tianjin = api().NewOrg("120101");
  EXPECT_EQ(api().Call("PATCH", OrgPath(tianjin), R"({"region_code":"130102"})", &tj, {{"if-match", "\"1\""}}).status, 403);
  EXPECT_EQ(api().Call("PATCH", OrgPath(tianjin), R"({"region_code":"120116"})", &tj, {{"if-match", "\"1\""}}).status, 200);
  // The offices' own records are the admins'.
  EXPECT_EQ(api().Call("PATCH", "/api/v1/organizations/2", R"({"address":"x"})", &tj, {{"if-match", "\"1\""}}).status, 403);
}

TEST_F(PermissionsTest, UsersAndAuditAreNotForMembers) {
  for (Role role : {Role::kMember, Role::kAgency, Role::kExpert}) {
    Caller c = api().NewCaller(role);
    EXPECT_EQ(api().Call("GET", "/api/v1/users", "", &c).status, 403);
    EXPECT_EQ(api().Call("GET", "/api/v1/audit", "", &c).status, 403);
    EXPECT_EQ(api().Call("POST", "/api/v1/users", R"({"login":"x1x","display_name":"x","role":"admin"})", &c).status, 403);
  }
}

TEST_F(PermissionsTest, TokensAreRevocableOnlyByTheirOwner) {
  Caller a = api().NewCaller(Role::kMember);
  Caller b = api().NewCaller(Role::kMember);
  http::Json token = ApiClient::Body(api().Call("POST", "/api/v1/tokens", R"({"name":"a"})", &a));
  EXPECT_EQ(api().Call("DELETE", "/api/v1/tokens/" + std::to_string(token["id"].get<int64_t>()), "", &b).status, 404);
  EXPECT_EQ(api().Call("DELETE", "/api/v1/tokens/" + std::to_string(token["id"].get<int64_t>()), "", &a).status, 204);
}

TEST_F(PermissionsTest, UsersChangeOnlyTheirOwnPasswordKnowingTheCurrentOne) {
  Caller a = api().NewCaller(Role::kMember);
  Caller b = api().NewCaller(Role::kMember);
  const std::string a_path = "/api/v1/users/" + std::to_string(a.user.id.value) + "/password";
  EXPECT_EQ(api().Call("POST", a_path, R"({"password":"another-good-passphrase"})", &b).status, 403);
  http::Response no_current = api().Call("POST", a_path, R"({"password":"another-good-passphrase"})", &a);
  EXPECT_EQ(no_current.status, 400);
  EXPECT_EQ(ApiClient::Body(no_current)["field"], "current_password");
}

}  // namespace
}  // namespace ipa::testing
