// Who reads and changes enforcement cases: owners write; linked, joined and former owners and
// admins read in full; other offices read the summary; members, agencies and experts read
// only cases where their organisation is a party and change nothing. Denials are audited.
#include "http/api_fixture.hpp"

namespace ipa::testing {
namespace {

using core::Office;
using core::Role;
using http::Json;

class CasePermissionsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    bj_ = api().NewCaller(Role::kOffice, Office::kBeijing);
    tj_ = api().NewCaller(Role::kOffice, Office::kTianjin);
    he_ = api().NewCaller(Role::kOffice, Office::kHebei);
    complainant_org_ = api().NewOrg("110108");
    respondent_org_ = api().NewOrg("130902");
    http::Response r = api().Call("POST", "/api/v1/cases",
                                  Json{{"complainant", {{"org_id", complainant_org_.value}}},
                                       {"respondent", {{"org_id", respondent_org_.value}}},
                                       {"description", "不公开的案情"},
                                       {"places", {{{"region_code", "130902"}, {"address", "某地"}}}}}
                                      .dump(),
                                  &tj_);
    ASSERT_EQ(r.status, 201) << r.body;
    case_ = ApiClient::Body(r);
    path_ = "/api/v1/cases/" + std::to_string(case_["id"].get<int64_t>());
  }
  int Status(const std::string& method, const std::string& path, const Caller& who, const std::string& body = "",
             std::map<std::string, std::string> headers = {}) {
    return api().Call(method, path, body, &who, std::move(headers)).status;
  }
  Json Read(const Caller& who) { return ApiClient::Body(api().Call("GET", path_, "", &who)); }

  Caller bj_, tj_, he_;
  core::OrgId complainant_org_, respondent_org_;
  Json case_;
  std::string path_;
};

TEST_F(CasePermissionsTest, OtherOfficesReadOnlyTheSummary) {
  for (const Caller* office : {&bj_, &he_}) {
    Json seen = Read(*office);
    EXPECT_EQ(seen["access"], "summary");
    for (const char* hidden : {"complainant", "description", "places", "assignees", "shared_with", "period_from"}) {
      EXPECT_FALSE(seen.contains(hidden)) << hidden;
    }
    EXPECT_EQ(seen["respondent"], Json({{"name", case_["respondent"]["name"]}}));
    for (const char* shown : {"number", "type", "owner_office", "status", "patents", "registered_on"}) {
      EXPECT_TRUE(seen.contains(shown)) << shown;
    }
    EXPECT_EQ(Status("GET", path_ + "/history", *office), 403);
    EXPECT_EQ(Status("GET", path_ + "/events", *office), 403);
    EXPECT_EQ(Status("PATCH", path_, *office, R"({"description":"x"})", {{"if-match", "\"1\""}}), 403);
    EXPECT_EQ(Status("POST", path_ + "/transitions", *office, R"({"to":"accepted"})"), 403);
    EXPECT_EQ(Status("POST", path_ + "/transfers", *office, R"({"to":"BJ","reason":"respondent_domicile"})"), 403);
  }
  // The register lists the case for every office, in summary for the others.
  Json list = ApiClient::Body(api().Call("GET", "/api/v1/cases", "", &he_));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["access"], "summary");
  EXPECT_FALSE(list["items"][0].contains("description"));
}

TEST_F(CasePermissionsTest, TheOwnerWritesAndAdminsReadEverythingButWriteNothing) {
  EXPECT_EQ(Read(tj_)["access"], "write");
  Caller admin = api().NewCaller(Role::kAdmin);
  Json seen = Read(admin);
  EXPECT_EQ(seen["access"], "full");
  EXPECT_EQ(seen["description"], "不公开的案情");
  EXPECT_EQ(Status("GET", path_ + "/history", admin), 200);
  EXPECT_EQ(Status("PATCH", path_, admin, R"({"description":"x"})", {{"if-match", "\"1\""}}), 403);
  EXPECT_EQ(Status("POST", "/api/v1/cases", admin, R"({"complainant":{"name":"a"},"respondent":{"name":"b"}})"), 403);
}

TEST_F(CasePermissionsTest, AnOfficeCannotEditACaseAfterTransferringItAway) {
  Json t = ApiClient::Body(api().Call("POST", path_ + "/transfers", R"({"to":"BJ","reason":"other","reason_text":"并案处理"})", &tj_));
  ASSERT_TRUE(t.contains("id")) << t.dump();
  // While the transfer is pending the owner still writes.
  EXPECT_EQ(Status("PATCH", path_, tj_, R"({"description":"补充"})", {{"if-match", "\"1\""}}), 200);
  EXPECT_EQ(Status("POST", path_ + "/transfers/" + std::to_string(t["id"].get<int64_t>()) + "/accept", bj_, "{}"), 200);
  const std::string version = "\"" + std::to_string(Read(bj_)["version"].get<int64_t>()) + "\"";
  EXPECT_EQ(Status("PATCH", path_, tj_, R"({"description":"x"})", {{"if-match", version}}), 403);
  EXPECT_EQ(Status("POST", path_ + "/transitions", tj_, R"({"to":"accepted"})"), 403);
  EXPECT_EQ(Status("POST", path_ + "/transfers", tj_, R"({"to":"HE","reason":"respondent_domicile"})"), 403);
  EXPECT_EQ(Status("POST", path_ + "/links", tj_, R"({"case_id":1})"), 403);
  EXPECT_EQ(Status("POST", path_ + "/transitions", bj_, R"({"to":"accepted"})"), 200);
  EXPECT_EQ(Read(tj_)["access"], "full");
}

TEST_F(CasePermissionsTest, MembersSeeOnlyCasesWhereTheyAreAParty) {
  Caller complainant = api().NewCaller(Role::kMember, std::nullopt, complainant_org_);
  Caller respondent = api().NewCaller(Role::kMember, std::nullopt, respondent_org_);
  Caller stranger = api().NewCaller(Role::kMember);
  for (const Caller* party : {&complainant, &respondent}) {
    Json seen = Read(*party);
    EXPECT_EQ(seen["access"], "full");
    EXPECT_EQ(Status("GET", path_ + "/history", *party), 200);
    EXPECT_EQ(ApiClient::Body(api().Call("GET", "/api/v1/cases", "", party))["items"].size(), 1u);
    EXPECT_EQ(Status("PATCH", path_, *party, R"({"description":"x"})", {{"if-match", "\"1\""}}), 403);
    EXPECT_EQ(Status("POST", path_ + "/transitions", *party, R"({"to":"withdrawn"})"), 403);
    EXPECT_EQ(Status("GET", path_ + "/related", *party), 403);
  }
  EXPECT_EQ(Status("GET", path_, stranger), 403);
  EXPECT_EQ(Status("GET", path_ + "/history", stranger), 403);
  EXPECT_EQ(ApiClient::Body(api().Call("GET", "/api/v1/cases", "", &stranger))["items"].size(), 0u);
}

TEST_F(CasePermissionsTest, AgenciesAndExpertsSeeNothingUnlessAParty) {
  for (Role role : {Role::kAgency, Role::kExpert}) {
    Caller c = api().NewCaller(role);
    EXPECT_EQ(Status("GET", path_, c), 403);
    EXPECT_EQ(ApiClient::Body(api().Call("GET", "/api/v1/cases", "", &c))["items"].size(), 0u);
    EXPECT_EQ(Status("GET", "/api/v1/joint-operations", c), 403);
    EXPECT_EQ(Status("POST", "/api/v1/cases", c, R"({"complainant":{"name":"a"},"respondent":{"name":"b"}})"), 403);
  }
  Caller party_expert = api().NewCaller(Role::kExpert, std::nullopt, respondent_org_);
  EXPECT_EQ(Read(party_expert)["access"], "full");
}

TEST_F(CasePermissionsTest, DenialsAreAudited) {
  Caller stranger = api().NewCaller(Role::kMember);
  EXPECT_EQ(Status("GET", path_, stranger), 403);
  EXPECT_EQ(Status("PATCH", path_, he_, R"({"description":"x"})", {{"if-match", "\"1\""}}), 403);
  Caller admin = api().NewCaller(Role::kAdmin);
  Json audit = ApiClient::Body(api().Call("GET", "/api/v1/audit?action=access.denied", "", &admin));
  int on_case = 0;
  for (const auto& e : audit["items"]) {
    if (e["object_id"].get<std::string>().find(path_) != std::string::npos) ++on_case;
  }
  EXPECT_EQ(on_case, 2) << audit.dump();
}

}  // namespace
}  // namespace ipa::testing
