// Enforcement cases over the API: the issue's story (Tianjin registers, finds Beijing's case
// against the same Hebei respondent, links, transfers to Hebei), workflow, strict bodies,
// versions, deadlines and joint operations.
#include "core/patent_number.hpp"
#include "http/api_fixture.hpp"
#include "store/patent_repo.hpp"

namespace ipa::testing {
namespace {

using core::Office;
using core::Role;
using http::Json;

class CaseApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    bj_ = api().NewCaller(Role::kOffice, Office::kBeijing);
    tj_ = api().NewCaller(Role::kOffice, Office::kTianjin);
    he_ = api().NewCaller(Role::kOffice, Office::kHebei);
    rights_holder_ = api().NewOrg("110108");
    factory_ = api().NewOrg("130902");
  }

  Json Get(const std::string& path, const Caller& who, int expected = 200) {
    http::Response r = api().Call("GET", path, "", &who);
    EXPECT_EQ(r.status, expected) << path << ": " << r.body;
    return ApiClient::Body(r);
  }
  Json Post(const std::string& path, const Json& body, const Caller& who, int expected) {
    http::Response r = api().Call("POST", path, body.dump(), &who);
    EXPECT_EQ(r.status, expected) << path << ": " << r.body;
    return ApiClient::Body(r);
  }
  std::string CasePath(const Json& c) { return "/api/v1/cases/" + std::to_string(c["id"].get<int64_t>()); }

  // A patent in the corpus filed in 1995: its term has run out.
  std::string ExpiredPatent() {
    const std::string digits = "95101234";
    const std::string number = digits + "." + core::ApplicationCheckChar(digits);
    core::Patent p;
    p.application_number = number;
    p.type = core::PatentType::kInvention;
    p.title_zh = "一种齿轮箱";
    p.filing_date = core::MakeDate(1995, 3, 1);
    p.grant_date = core::MakeDate(1998, 5, 6);
    EXPECT_TRUE(api().db().Write([&](store::Tx& tx) -> core::Status {
      IPA_CHECK(store::UpsertPatent(tx, p));
      return {};
    }).has_value());
    return number;
  }

  Caller bj_, tj_, he_;
  core::OrgId rights_holder_, factory_;
};

TEST_F(CaseApiTest, TheIssueStoryRegisterFindLinkTransfer) {
  const std::string patent = ExpiredPatent();
  Json bj_case = Post("/api/v1/cases",
                      {{"type", "infringement_dispute"},
                       {"complainant", {{"org_id", rights_holder_.value}}},
                       {"respondent", {{"org_id", factory_.value}}},
                       {"places", {{{"region_code", "130902"}, {"address", "运河区工业园 3 号厂房"}}}},
                       {"period_from", "2026-01-01"}},
                      bj_, 201);
  EXPECT_EQ(bj_case["number"].get<std::string>().substr(0, 8), "BJ-" + core::FormatDate(core::Today()).substr(0, 4) + "-");
  EXPECT_TRUE(bj_case["number"].get<std::string>().ends_with("-0001"));
  ASSERT_FALSE(bj_case["respondent"]["credit_code"].is_null());
  const std::string credit_code = bj_case["respondent"]["credit_code"];
  EXPECT_EQ(bj_case["related"].size(), 0u);

  // Tianjin registers a complaint naming the respondent by name and credit code only.
  Json tj_case = Post("/api/v1/cases",
                      {{"type", "infringement_dispute"},
                       {"complainant", {{"name", "北京某科技有限公司"}}},
                       {"respondent", {{"name", "河北被诉工厂"}, {"credit_code", credit_code}}},
                       {"patents", {patent}},
                       {"period_from", "2026-03-01"}, {"period_to", "2026-09-30"},
                       {"description", "网上销售涉嫌侵权齿轮箱"}},
                      tj_, 201);
  EXPECT_TRUE(tj_case["number"].get<std::string>().starts_with("TJ-"));
  EXPECT_EQ(tj_case["status"], "registered");
  EXPECT_EQ(tj_case["deadline"]["kind"], "acceptance");
  EXPECT_EQ(tj_case["patents"][0]["status"], "expired");
  EXPECT_TRUE(tj_case["patents"][0]["not_in_force"].get<bool>());
  EXPECT_TRUE(tj_case["patent_flag"].get<bool>());
  ASSERT_EQ(tj_case["related"].size(), 1u) << tj_case.dump();
  const Json& related = tj_case["related"][0];
  EXPECT_EQ(related["case"]["id"], bj_case["id"]);
  EXPECT_EQ(related["case"]["access"], "summary");
  EXPECT_FALSE(related["case"].contains("complainant"));
  EXPECT_EQ(related["reasons"], Json({"same_respondent_credit_code", "overlapping_period"}));

  // Summary only until linked; then both offices read both cases in full.
  Json before = Get(CasePath(bj_case), tj_);
  EXPECT_EQ(before["access"], "summary");
  EXPECT_FALSE(before.contains("description"));
  Json link = Post(CasePath(tj_case) + "/links", {{"case_id", bj_case["id"]}, {"note", "同一被诉人"}}, tj_, 201);
  EXPECT_EQ(link["linked_case_ids"], Json::array({bj_case["id"]}));
  EXPECT_EQ(Get(CasePath(bj_case), tj_)["access"], "full");
  EXPECT_EQ(Get(CasePath(tj_case), bj_)["access"], "full");
  Json again = Get(CasePath(tj_case) + "/related", tj_);
  EXPECT_TRUE(again["items"][0]["linked"].get<bool>());
  Post(CasePath(tj_case) + "/links", {{"case_id", bj_case["id"]}}, tj_, 409);

  // Tianjin transfers its case to Hebei, where the respondent is; Hebei accepts.
  Json transfer = Post(CasePath(tj_case) + "/transfers", {{"to", "HE"}, {"reason", "respondent_domicile"}}, tj_, 201);
  EXPECT_EQ(transfer["status"], "requested");
  EXPECT_EQ(Get(CasePath(tj_case), tj_)["pending_transfer"]["id"], transfer["id"]);
  const std::string tpath = CasePath(tj_case) + "/transfers/" + std::to_string(transfer["id"].get<int64_t>());
  Post(tpath + "/accept", Json::object(), tj_, 403);  // only the receiving office accepts
  Json accepted = Post(tpath + "/accept", {{"note", "被诉人住所地在本辖区"}}, he_, 200);
  EXPECT_EQ(accepted["status"], "accepted");
  Post(tpath + "/reject", Json::object(), he_, 409);
  Json now = Get(CasePath(tj_case), he_);
  EXPECT_EQ(now["owner_office"], "HE");
  EXPECT_EQ(now["access"], "write");
  EXPECT_EQ(now["registered_office"], "TJ");
  EXPECT_EQ(Get(CasePath(tj_case), tj_)["access"], "full");  // the former owner still reads

  http::Response late = api().Call("PATCH", CasePath(tj_case), R"({"description":"x"})", &tj_, {{"if-match", "\"" + std::to_string(now["version"].get<int64_t>()) + "\""}});
  EXPECT_EQ(late.status, 403) << late.body;
  http::Response ok = api().Call("PATCH", CasePath(tj_case), R"({"description":"河北接办"})", &he_, {{"if-match", "\"" + std::to_string(now["version"].get<int64_t>()) + "\""}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  const std::string* etag = ok.FindHeader("ETag");
  ASSERT_NE(etag, nullptr);
  EXPECT_EQ(*etag, "\"" + std::to_string(now["version"].get<int64_t>() + 1) + "\"");

  Json history = Get(CasePath(tj_case) + "/history", he_);
  std::vector<std::string> actions;
  for (const auto& e : history["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"register", "link", "transfer_requested", "transfer_accepted", "update"}));
  Json transfers = Get(CasePath(tj_case) + "/transfers", tj_);
  EXPECT_EQ(transfers["items"].size(), 1u);
  // Both sides see the hand-off as evidence-log leaves, waiting for the log.
  Json events = Get(CasePath(tj_case) + "/events", tj_);
  ASSERT_EQ(events["items"].size(), 2u);
  EXPECT_EQ(events["items"][0]["event"], "transfer_requested");
  EXPECT_EQ(events["items"][1]["event"], "transfer_accepted");
  EXPECT_TRUE(events["items"][1]["leaf_index"].is_null());
  EXPECT_TRUE(events["items"][1]["leaf"].get<std::string>().starts_with("ipa-evidence-v1\nkind=case_event\n"));
  EXPECT_EQ(Get(CasePath(tj_case) + "/events", bj_)["items"].size(), 2u);  // linked
  Get(CasePath(tj_case) + "/events", api().NewCaller(Role::kMember), 403);
}

TEST_F(CaseApiTest, WorkflowFollowsTheTable) {
  Json c = Post("/api/v1/cases", {{"complainant", {{"name", "甲公司"}}}, {"respondent", {{"name", "乙公司"}}}}, he_, 201);
  const std::string path = CasePath(c) + "/transitions";
  Json bad = Post(path, {{"to", "decided"}}, he_, 400);
  EXPECT_EQ(bad["field"], "to");
  EXPECT_EQ(Post(path, {{"to", "accepted"}, {"note", "符合受理条件"}}, he_, 200)["accepted_on"], core::FormatDate(core::Today()));
  Json inv = Post(path, {{"to", "investigating"}}, he_, 200);
  EXPECT_EQ(inv["deadline"]["kind"], "resolution");
  Post(path, {{"to", "investigating"}}, tj_, 403);
  Json decided = Post(path, {{"to", "decided"}}, he_, 200);
  EXPECT_TRUE(decided["deadline"].is_null());
  EXPECT_EQ(Post(path, {{"to", "closed"}}, he_, 200)["status"], "closed");
  Post(path, {{"to", "accepted"}}, he_, 400);
  Json history = Get(CasePath(c) + "/history", he_);
  ASSERT_EQ(history["items"].size(), 5u);
  EXPECT_EQ(history["items"][1]["from_status"], "registered");
  EXPECT_EQ(history["items"][1]["to_status"], "accepted");
  EXPECT_EQ(history["items"][1]["note"], "符合受理条件");
  // Every step is in the audit log too.
  Caller admin = api().NewCaller(Role::kAdmin);
  Json audit = Get("/api/v1/audit?object_type=case&object_id=" + std::to_string(c["id"].get<int64_t>()), admin);
  EXPECT_EQ(audit["items"].size(), 5u) << audit.dump();
}

TEST_F(CaseApiTest, BodiesAreStrictAndErrorsNameTheField) {
  auto field = [&](const Json& body) { return Post("/api/v1/cases", body, tj_, 400)["field"]; };
  EXPECT_EQ(field({{"respondent", {{"name", "乙"}}}}), "complainant");
  EXPECT_EQ(field({{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}, {"credit_code", "91130100MA07L5XX0A"}}}}), "respondent.credit_code");
  EXPECT_EQ(field({{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}}}, {"patents", {"123"}}}), "patents[0]");
  EXPECT_EQ(field({{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}}}, {"places", {{{"region_code", "990000"}}}}}), "places[0].region_code");
  EXPECT_EQ(field({{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}}}, {"owner_office", "BJ"}}), "owner_office");
  EXPECT_EQ(field({{"complainant", {{"name", "甲"}, {"evil", 1}}}, {"respondent", {{"name", "乙"}}}}), "complainant.evil");
  EXPECT_EQ(field({{"complainant", {{"org_id", 999999}}}, {"respondent", {{"name", "乙"}}}}), "complainant.org_id");
  EXPECT_EQ(field({{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}}}, {"type", "murder"}}), "type");
  EXPECT_EQ(field({{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}}}, {"assignees", {bj_.user.id.value}}}), "assignees");
  EXPECT_EQ(field({{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}}}, {"period_from", "2026-02-30"}}), "period_from");
  http::Response ct = api().Call("POST", "/api/v1/cases", "{}", &tj_, {{"content-type", "text/plain"}});
  EXPECT_EQ(ct.status, 415);
}

TEST_F(CaseApiTest, UpdatesNeedTheCurrentVersionAndAssigneesAreOwnStaff) {
  Json c = Post("/api/v1/cases", {{"complainant", {{"name", "甲公司"}}}, {"respondent", {{"name", "乙公司"}}}, {"assignees", {tj_.user.id.value}}}, tj_, 201);
  EXPECT_EQ(c["assignees"], Json({tj_.user.id.value}));
  EXPECT_EQ(api().Call("PATCH", CasePath(c), R"({"description":"a"})", &tj_).status, 428);
  EXPECT_EQ(api().Call("PATCH", CasePath(c), R"({"description":"a"})", &tj_, {{"if-match", "\"1\""}}).status, 200);
  EXPECT_EQ(api().Call("PATCH", CasePath(c), R"({"description":"b"})", &tj_, {{"if-match", "\"1\""}}).status, 412);
  http::Response other_staff = api().Call("PATCH", CasePath(c), "{\"assignees\":[" + std::to_string(he_.user.id.value) + "]}", &tj_, {{"if-match", "\"2\""}});
  EXPECT_EQ(other_staff.status, 400);
  EXPECT_EQ(ApiClient::Body(other_staff)["field"], "assignees");
}

TEST_F(CaseApiTest, ListFiltersAndCursor) {
  for (int i = 0; i < 3; ++i) Post("/api/v1/cases", {{"complainant", {{"name", "甲公司"}}}, {"respondent", {{"name", "沧州精工机械有限公司"}}}}, tj_, 201);
  Post("/api/v1/cases", {{"type", "counterfeit_marking"}, {"complainant", {{"name", "丙"}}}, {"respondent", {{"name", "保定某厂"}}}}, he_, 201);
  EXPECT_EQ(Get("/api/v1/cases?office=TJ", bj_)["items"].size(), 3u);
  EXPECT_EQ(Get("/api/v1/cases?type=counterfeit_marking", bj_)["items"].size(), 1u);
  EXPECT_EQ(Get("/api/v1/cases?respondent=" "%E6%B2%A7%E5%B7%9E%E7%B2%BE%E5%B7%A5", bj_)["items"].size(), 3u);
  EXPECT_EQ(Get("/api/v1/cases?status=closed", bj_)["items"].size(), 0u);
  Json page1 = Get("/api/v1/cases?limit=2", bj_);
  ASSERT_EQ(page1["items"].size(), 2u);
  Json page2 = Get("/api/v1/cases?limit=2&cursor=" + page1["next_cursor"].get<std::string>(), bj_);
  EXPECT_EQ(page2["items"].size(), 2u);
  EXPECT_TRUE(page2["next_cursor"].is_null());
  EXPECT_EQ(Get("/api/v1/cases?status=open", bj_, 400)["field"], "status");
  EXPECT_EQ(Get("/api/v1/cases?office=SH", bj_, 400)["field"], "office");
}

TEST_F(CaseApiTest, DeadlinesAreConfigurablePerOfficeAndShownOnCases) {
  Json list = Get("/api/v1/case-deadlines", tj_);
  ASSERT_EQ(list["items"].size(), 3u);
  EXPECT_EQ(list["items"][1]["accept_days"], 7);
  EXPECT_EQ(api().Call("PUT", "/api/v1/case-deadlines/HE", R"({"accept_days":3,"resolve_days":60})", &tj_).status, 403);
  http::Response set = api().Call("PUT", "/api/v1/case-deadlines/TJ", R"({"accept_days":0,"resolve_days":60})", &tj_);
  EXPECT_EQ(set.status, 400);
  EXPECT_EQ(ApiClient::Body(set)["field"], "accept_days");
  http::Response huge = api().Call("PUT", "/api/v1/case-deadlines/TJ", R"({"accept_days":3,"resolve_days":99999999999})", &tj_);
  EXPECT_EQ(huge.status, 400);
  EXPECT_EQ(ApiClient::Body(huge)["field"], "resolve_days");
  EXPECT_EQ(api().Call("PUT", "/api/v1/case-deadlines/TJ", R"({"accept_days":3,"resolve_days":60})", &tj_).status, 200);
  Json c = Post("/api/v1/cases", {{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}}}}, tj_, 201);
  EXPECT_EQ(c["deadline"]["due"], core::FormatDate(core::AddDays(core::Today(), 3)));
  EXPECT_FALSE(c["deadline"]["overdue"].get<bool>());
}

TEST_F(CaseApiTest, JoinRequestsGrantReadAccessWhenTheOwnerAccepts) {
  Json c = Post("/api/v1/cases", {{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}}}, {"description", "内情"}}, bj_, 201);
  Json req = Post(CasePath(c) + "/join-requests", {{"note", "我局也在查"}}, he_, 201);
  Post(CasePath(c) + "/join-requests", Json::object(), he_, 409);
  Post(CasePath(c) + "/join-requests", Json::object(), bj_, 409);  // the owner has access already
  const std::string rpath = CasePath(c) + "/join-requests/" + std::to_string(req["id"].get<int64_t>());
  Post(rpath + "/accept", Json::object(), he_, 403);
  EXPECT_EQ(Get(CasePath(c), he_)["access"], "summary");
  EXPECT_EQ(Get(CasePath(c) + "/join-requests", bj_)["items"].size(), 1u);
  EXPECT_EQ(Get(CasePath(c) + "/join-requests", tj_)["items"].size(), 0u);
  EXPECT_EQ(Post(rpath + "/accept", Json::object(), bj_, 200)["status"], "accepted");
  Json seen = Get(CasePath(c), he_);
  EXPECT_EQ(seen["access"], "full");
  EXPECT_EQ(seen["description"], "内情");
  http::Response edit = api().Call("PATCH", CasePath(c), R"({"description":"x"})", &he_, {{"if-match", "\"1\""}});
  EXPECT_EQ(edit.status, 403);  // joining gives read access, not write
}

TEST_F(CaseApiTest, JointOperationWithTasksOutcomesAndReport) {
  Json c = Post("/api/v1/cases", {{"complainant", {{"name", "甲"}}}, {"respondent", {{"name", "乙"}}}}, he_, 201);
  Json op = Post("/api/v1/joint-operations",
                 {{"title", "京津冀联合执法检查"},
                  {"participants", {"TJ", "HE"}},
                  {"start_date", "2026-11-20"}, {"end_date", "2026-12-05"},
                  {"targets", {{{"kind", "respondent"}, {"value", "沧州精工机械有限公司"}},
                               {{"kind", "place"}, {"value", "运河区工业园"}, {"region_code", "130902"}}}}},
                 bj_, 201);
  EXPECT_EQ(op["lead_office"], "BJ");
  EXPECT_EQ(op["participants"], Json({"BJ", "TJ", "HE"}));
  const std::string path = "/api/v1/joint-operations/" + std::to_string(op["id"].get<int64_t>());
  Json t1 = Post(path + "/tasks", {{"title", "现场检查"}, {"office", "HE"}, {"assignee_id", he_.user.id.value}}, bj_, 201);
  Post(path + "/tasks", {{"title", "调取证据"}, {"office", "TJ"}}, tj_, 201);
  Post(path + "/tasks", {{"title", "越权派单"}, {"office", "BJ"}}, tj_, 403);
  Post(path + "/tasks", {{"title", "x"}, {"office", "HE"}, {"assignee_id", tj_.user.id.value}}, bj_, 400);
  http::Response done = api().Call("PATCH", path + "/tasks/" + std::to_string(t1["id"].get<int64_t>()), R"({"status":"done"})", &he_, {{"if-match", "\"1\""}});
  EXPECT_EQ(done.status, 200) << done.body;
  Post(path + "/outcomes", {{"kind", "inspection"}, {"date", "2026-11-21"}, {"quantity", 3}}, he_, 201);
  Post(path + "/outcomes", {{"kind", "seizure"}, {"date", "2026-11-21"}, {"quantity", 120}, {"note", "涉嫌侵权齿轮箱"}}, he_, 201);
  Post(path + "/outcomes", {{"kind", "case_opened"}, {"date", "2026-11-22"}, {"case_id", c["id"]}}, he_, 201);
  EXPECT_EQ(Post(path + "/outcomes", {{"kind", "case_opened"}, {"date", "2026-11-22"}}, he_, 400)["field"], "case_id");
  Json report = Get(path + "/report", tj_);
  EXPECT_EQ(report["outcomes"]["inspection"], 3);
  EXPECT_EQ(report["outcomes"]["seizure"], 120);
  EXPECT_EQ(report["outcomes"]["case_opened"], 1);
  EXPECT_EQ(report["outcomes_by_office"]["HE"]["seizure"], 120);
  EXPECT_EQ(report["tasks"]["done"], 1);
  EXPECT_EQ(report["tasks"]["open"], 1);
  EXPECT_EQ(report["tasks_by_office"]["TJ"]["open"], 1);
  EXPECT_EQ(report["cases_opened"], Json::array({c["id"]}));
  EXPECT_EQ(Get(path, he_)["tasks"].size(), 2u);
  Caller member = api().NewCaller(Role::kMember, std::nullopt, rights_holder_);
  EXPECT_EQ(api().Call("GET", path, "", &member).status, 403);
}

}  // namespace
}  // namespace ipa::testing
