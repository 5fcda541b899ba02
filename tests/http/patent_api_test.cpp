// The patent corpus over the API: a record with its status today and on a chosen date, the
// annuity schedule, lists, exports, and uploads running as import jobs.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/date.hpp"
#include "http/api_fixture.hpp"
#include "service/import_jobs.hpp"
#include "store/patent_repo.hpp"

namespace ipa::testing {
namespace {

using core::MakeDate;
using core::Role;

constexpr const char* kCsv =
    "申请号,公开号,专利类型,专利名称,申请人,发明人,申请日,公开日,授权公告日,主分类号,分类号,申请人地址,法律状态\n"
    "CN201710601862.3,CN106844774A,发明授权,一种锂电池正极材料的制备方法,天津海河新材料有限公司,张三;李四,20170728,20180130,20200310,"
    "H01M4/525,H01M4/525;H01M10/0525,300457 天津市滨海新区黄海路,有权\n"
    "CN201710601862.4,CN106844775A,发明公开,校验位错误的记录,某公司,王五,20170728,20180130,0,G06F16/00,G06F16/00,北京市海淀区,审中\n";

class PatentApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    jobs_ = std::make_unique<service::ImportJobs>(api().db(), ::testing::TempDir() + "ipa-uploads");
    api().router().app().imports = jobs_.get();
    admin_ = api().NewCaller(Role::kAdmin);
  }
  void TearDown() override {
    jobs_.reset();  // joins running imports before the database goes
    ApiTest::TearDown();
  }

  // Uploads `body` and polls the job until it ends.
  http::Json UploadAndWait(const std::string& body, const std::string& format, const Caller& who) {
    http::Response r = api().Call("POST", "/api/v1/imports?format=" + format + "&file_name=sample.csv", body, &who,
                                  {{"content-type", "text/csv"}});
    EXPECT_EQ(r.status, 202) << r.body;
    http::Json job = ApiClient::Body(r);
    for (int i = 0; i < 200 && job.value("state", "") == "running"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      job = ApiClient::Body(api().Call("GET", "/api/v1/imports/" + std::to_string(job["id"].get<int64_t>()), "", &who));
    }
    return job;
  }

  std::unique_ptr<service::ImportJobs> jobs_;
  Caller admin_;
};

TEST_F(PatentApiTest, UploadImportsGoodRowsAndExplainsTheBadOne) {
  http::Json job = UploadAndWait(kCsv, "cn-csv", admin_);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["summary"]["imported"], 1);
  EXPECT_EQ(job["summary"]["rejected"], 1);
  EXPECT_EQ(job["summary"]["line"], "imported 1, updated 0, rejected 1");
  for (const auto& w : job["warnings"]) {
    EXPECT_TRUE(w.get<std::string>().starts_with("sample.csv")) << "no server paths in notes: " << w;
  }
  ASSERT_EQ(job["rejections"].size(), 1u);
  EXPECT_EQ(job["rejections"][0]["file"], "sample.csv");
  EXPECT_EQ(job["rejections"][0]["line"], 3);
  EXPECT_NE(job["rejections"][0]["reason"].get<std::string>().find("expected '3'"), std::string::npos) << job.dump();
  // Importing again updates instead of duplicating.
  http::Json again = UploadAndWait(kCsv, "cn-csv", admin_);
  EXPECT_EQ(again["summary"]["updated"], 1);
  EXPECT_EQ(ApiClient::Body(api().Call("GET", "/api/v1/patents", "", &admin_))["items"].size(), 1u);
}

// The server hands an upload over as a spool file: the job moves it into its folder (no second
// copy) and the spool is empty afterwards.
TEST_F(PatentApiTest, SpooledUploadIsMovedIntoTheJob) {
  api().spool_dir = ::testing::TempDir() + "ipa-api-spool-" + std::to_string(::getpid());
  std::filesystem::remove_all(api().spool_dir);
  http::Json job = UploadAndWait(kCsv, "cn-csv", admin_);
  EXPECT_EQ(job["state"], "done") << job.dump();
  EXPECT_GT(job["summary"]["imported"].get<int64_t>(), 0) << job.dump();
  EXPECT_TRUE(std::filesystem::is_empty(api().spool_dir));
  std::filesystem::remove_all(api().spool_dir);
  api().spool_dir.clear();
}

TEST_F(PatentApiTest, MembersCannotUploadAndOthersCannotReadAJob) {
  Caller member = api().NewCaller(Role::kMember);
  EXPECT_EQ(api().Call("POST", "/api/v1/imports?format=cn-csv", kCsv, &member, {{"content-type", "text/csv"}}).status, 403);
  Caller office = api().NewCaller(Role::kOffice, core::Office::kTianjin);
  http::Json job = UploadAndWait(kCsv, "cn-csv", office);
  EXPECT_EQ(job["state"], "done");
  Caller other_office = api().NewCaller(Role::kOffice, core::Office::kHebei);
  EXPECT_EQ(api().Call("GET", "/api/v1/imports/" + std::to_string(job["id"].get<int64_t>()), "", &other_office).status, 404);
  EXPECT_EQ(api().Call("POST", "/api/v1/imports?format=word", kCsv, &office, {{"content-type", "text/csv"}}).status, 400);
}

TEST_F(PatentApiTest, DetailShowsStatusTodayAndOnADateWithTheAnnuitySchedule) {
  ASSERT_EQ(UploadAndWait(kCsv, "cn-csv", admin_)["state"], "done");
  Caller member = api().NewCaller(Role::kMember);
  http::Response r = api().Call("GET", "/api/v1/patents/201710601862.3?on=2019-01-01", "", &member);
  ASSERT_EQ(r.status, 200) << r.body;
  http::Json p = ApiClient::Body(r);
  EXPECT_EQ(p["title"], "一种锂电池正极材料的制备方法");
  EXPECT_EQ(p["type"], "invention");
  EXPECT_EQ(p["region_code"], "120116");
  EXPECT_EQ(p["region_rule"], "address");
  EXPECT_EQ(p["status_on"]["date"], "2019-01-01");
  EXPECT_EQ(p["status_on"]["status"], "pending");
  EXPECT_EQ(p["status"], "valid");
  EXPECT_EQ(p["expiry_date"], "2037-07-28");
  ASSERT_FALSE(p["ipc"].empty());
  EXPECT_EQ(p["ipc"][0]["code"], "H01M 4/525");
  EXPECT_FALSE(p["ipc"][0]["title_en"].get<std::string>().empty());
  EXPECT_EQ(p["ipc"][0]["wipo_field"]["number"], 1);
  ASSERT_FALSE(p["annuities"]["years"].empty());
  EXPECT_TRUE(p["annuities"]["years"][0]["paid_at_registration"]);
  EXPECT_EQ(p["annuities"]["years"][1]["late_fee_bands"].size(), 6u);
  EXPECT_FALSE(p["status_history"].empty());
  EXPECT_EQ(api().Call("GET", "/api/v1/patents/201710601862.3?on=2019-02-30", "", &member).status, 400);
  EXPECT_EQ(api().Call("GET", "/api/v1/patents/CN201710601862.3", "", &member).status, 200) << "typed with its prefix";
  EXPECT_EQ(api().Call("GET", "/api/v1/patents/ZL2017106018623", "", &member).status, 200);
  EXPECT_EQ(api().Call("GET", "/api/v1/patents/209910000000.1", "", &member).status, 404);
}

TEST_F(PatentApiTest, ListFiltersAndExports) {
  ASSERT_EQ(UploadAndWait(kCsv, "cn-csv", admin_)["state"], "done");
  EXPECT_EQ(ApiClient::Body(api().Call("GET", "/api/v1/patents?region=12&ipc=H01M", "", &admin_))["items"].size(), 1u);
  EXPECT_EQ(ApiClient::Body(api().Call("GET", "/api/v1/patents?region=13", "", &admin_))["items"].size(), 0u);
  EXPECT_EQ(api().Call("GET", "/api/v1/patents?type=gadget", "", &admin_).status, 400);
  http::Response csv = api().Call("GET", "/api/v1/patents/export?format=csv", "", &admin_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF" "application_number,")) << "CSV exports start with a UTF-8 BOM";
  EXPECT_NE(csv.body.find("一种锂电池正极材料的制备方法"), std::string::npos);
  http::Response jsonl = api().Call("GET", "/api/v1/patents/export?format=jsonl", "", &admin_);
  ASSERT_EQ(jsonl.status, 200);
  EXPECT_NE(jsonl.body.find("\"application_number\":\"201710601862.3\""), std::string::npos) << jsonl.body.substr(0, 300);
}

}  // namespace
}  // namespace ipa::testing
