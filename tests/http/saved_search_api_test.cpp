// Saved searches: a user saves named queries (stored in canonical form), lists only their own,
// and deletes them; bad names, queries and sorts answer 400 naming the field.
#include "http/api_fixture.hpp"

namespace ipa::testing {
namespace {

using core::Role;

class SavedSearchApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    member_ = api().NewCaller(Role::kMember);
    office_ = api().NewCaller(Role::kOffice, core::Office::kTianjin);
  }
  http::Response Save(const http::Json& body, const Caller& who) {
    return api().Call("POST", "/api/v1/saved-searches", body.dump(), &who);
  }
  Caller member_;
  Caller office_;
};

TEST_F(SavedSearchApiTest, SavesInCanonicalFormListsNewestFirstAndOnlyTheOwners) {
  auto a = Save({{"name", " 天津锂电池 "}, {"query", "tac=(锂电池 AND 正极) AND ipc=h01m AND region=天津"}}, member_);
  ASSERT_EQ(a.status, 201) << a.body;
  auto ab = ApiClient::Body(a);
  EXPECT_EQ(ab["name"], "天津锂电池");
  EXPECT_EQ(ab["query"], "TAC=(锂电池 AND 正极) AND IPC=H01M AND region=120000");
  EXPECT_EQ(ab["sort"], "relevance");
  auto b = Save({{"name", "近期授权"}, {"query", "GD>=2024-01-01"}, {"sort", "grant_desc"}}, member_);
  ASSERT_EQ(b.status, 201) << b.body;
  ASSERT_EQ(Save({{"name", "别人的"}, {"query", "电池"}}, office_).status, 201);

  auto list = ApiClient::Body(api().Call("GET", "/api/v1/saved-searches", "", &member_));
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][0]["name"], "近期授权");
  EXPECT_EQ(list["items"][1]["name"], "天津锂电池");

  // Another user can neither see nor delete it.
  const std::string path = "/api/v1/saved-searches/" + std::to_string(ab["id"].get<int64_t>());
  EXPECT_EQ(api().Call("DELETE", path, "", &office_).status, 404);
  EXPECT_EQ(api().Call("DELETE", path, "", &member_).status, 204);
  EXPECT_EQ(api().Call("DELETE", path, "", &member_).status, 404);
  EXPECT_EQ(ApiClient::Body(api().Call("GET", "/api/v1/saved-searches", "", &member_))["items"].size(), 1u);
}

TEST_F(SavedSearchApiTest, BadInputIsNamedAndNothingIsSaved) {
  auto field_of = [&](const http::Json& body) {
    auto r = Save(body, member_);
    EXPECT_EQ(r.status, 400) << r.body;
    return ApiClient::Body(r).value("field", std::string());
  };
  EXPECT_EQ(field_of({{"name", "  "}, {"query", "电池"}}), "name");
  EXPECT_EQ(field_of({{"name", std::string(101, 'x')}, {"query", "电池"}}), "name");
  EXPECT_EQ(field_of({{"name", "x"}, {"query", "TAC=(锂电池 AND"}}), "query");
  EXPECT_EQ(field_of({{"name", "x"}, {"query", "电池"}, {"sort", "random"}}), "sort");
  EXPECT_EQ(field_of({{"name", "x"}, {"query", "电池"}, {"owner", 1}}), "owner");
  auto r = Save({{"name", "x"}, {"query", "AD>=2018-13-01"}}, member_);
  EXPECT_NE(ApiClient::Body(r)["detail"].get<std::string>().find("position"), std::string::npos) << r.body;

  ASSERT_EQ(Save({{"name", "同名"}, {"query", "电池"}}, member_).status, 201);
  auto dup = Save({{"name", "同名"}, {"query", "电机"}}, member_);
  EXPECT_EQ(dup.status, 409) << dup.body;
  EXPECT_EQ(ApiClient::Body(api().Call("GET", "/api/v1/saved-searches", "", &member_))["items"].size(), 1u);
  EXPECT_EQ(api().Call("GET", "/api/v1/saved-searches").status, 401);
}

}  // namespace
}  // namespace ipa::testing
