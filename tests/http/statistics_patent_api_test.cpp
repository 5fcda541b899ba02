// The statistics computed from the live index and store (/api/v1/statistics/patents, overview,
// top-applicants, fields, flows) against brute-force counts over the same demo patents, and bad
// parameters answered 400 naming the field. Runs on SQLite and (http_tests_postgres) PostgreSQL.
#include <map>

#include "core/legal_status.hpp"
#include "http/api_fixture.hpp"
#include "service/demo_data.hpp"
#include "store/patent_repo.hpp"

namespace ipa::testing {
namespace {

using core::Role;

int YearOf(core::Date d) {
  int y = 0;
  unsigned m = 0, day = 0;
  core::SplitDate(d, y, m, day);
  return y;
}

std::string Province(const std::string& code) { return code.size() == 6 ? code.substr(0, 2) + "0000" : ""; }

class StatisticsPatentApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(service::LoadDemoPatents(api().db(), 600, 11).has_value());
    ASSERT_TRUE(api().search().CatchUp().has_value());
    member_ = api().NewCaller(Role::kMember);
    auto st = api().db().Read([&](store::Tx& tx) -> core::Status {
      int64_t after = 0;
      for (;;) {
        IPA_TRY(batch, store::ScanPatents(tx, after, 500));
        if (batch.empty()) return {};
        for (auto& [id, p] : batch) {
          after = id.value;
          patents_.push_back(std::move(p));
        }
      }
    });
    ASSERT_TRUE(st.has_value());
    ASSERT_EQ(patents_.size(), 600u);
  }
  http::Json Get(const std::string& target, int status = 200) {
    http::Response r = api().Call("GET", target, "", &member_);
    EXPECT_EQ(r.status, status) << target << " " << r.body.substr(0, 500);
    return ApiClient::Body(r);
  }
  static bool ValidOn(const core::Patent& p, core::Date day) { return core::IsInForce(core::LegalStatusOn(p, day)); }

  Caller member_;
  std::vector<core::Patent> patents_;
};

TEST_F(StatisticsPatentApiTest, CountsByProvinceAndYearMatchABruteForceCount) {
  std::map<std::pair<std::string, std::string>, uint64_t> expected;
  for (const core::Patent& p : patents_) {
    expected[{Province(p.region_code), p.filing_date ? std::to_string(YearOf(*p.filing_date)) : ""}]++;
  }
  http::Json body = Get("/api/v1/statistics/patents?group=province,filing_year");
  EXPECT_FALSE(body["definition"]["zh"].get<std::string>().empty());
  EXPECT_FALSE(body["definition"]["en"].get<std::string>().empty());
  std::map<std::pair<std::string, std::string>, uint64_t> got;
  for (const auto& item : body["items"]) got[{item["province"], item["filing_year"]}] = item["count"];
  EXPECT_EQ(got, expected);
  EXPECT_EQ(body["total"], 600);
}

TEST_F(StatisticsPatentApiTest, ValidInventionsOnADateMatchTheLegalStatusRules) {
  const core::Date day = core::MakeDate(2021, 6, 30);
  std::map<std::string, uint64_t> expected;
  for (const core::Patent& p : patents_) {
    if (p.type == core::PatentType::kInvention && ValidOn(p, day)) expected[Province(p.region_code)]++;
  }
  http::Json body = Get("/api/v1/statistics/patents?group=province&measure=valid_inventions&as_of=2021-06-30");
  std::map<std::string, uint64_t> got;
  for (const auto& item : body["items"]) got[item["province"]] = item["count"];
  EXPECT_EQ(got, expected);
  EXPECT_EQ(body["measure"], "valid_inventions");
}

TEST_F(StatisticsPatentApiTest, OverviewFiguresMatchBruteForceWithDefinitions) {
  const core::Date as_of = core::MakeDate(2023, 12, 31);
  http::Json body = Get("/api/v1/statistics/overview?regions=110000,120000,130000&from=2015&to=2022&as_of=2023-12-31&"
                        "numerator=valid_inventions&series=NBS_GDP_EC5");
  EXPECT_EQ(body["numerator"]["id"], "valid_inventions");
  ASSERT_EQ(body["items"].size(), 4u * 8u);  // three provinces and the nation, eight years
  for (const auto& item : body["items"]) {
    const std::string region = item["region_code"];
    const int year = item["year"];
    uint64_t apps = 0, grants = 0, cohort = 0, valid_inv = 0;
    const core::Date year_end = core::MakeDate(year, 12, 31);
    for (const core::Patent& p : patents_) {
      if (region != "100000" && Province(p.region_code) != region) continue;
      const bool filed = p.filing_date && YearOf(*p.filing_date) == year;
      apps += filed;
      grants += p.grant_date && YearOf(*p.grant_date) == year;
      cohort += filed && p.grant_date && *p.grant_date <= as_of;
      valid_inv += p.type == core::PatentType::kInvention && ValidOn(p, year_end);
    }
    SCOPED_TRACE(region + " " + std::to_string(year));
    EXPECT_EQ(item["applications"], apps);
    EXPECT_EQ(item["grants"], grants);
    EXPECT_EQ(item["cohort_grants"], cohort);
    EXPECT_EQ(item["valid_inventions"], valid_inv);
    const http::Json& ratio = item["indicators"]["grant_ratio_cohort"];
    if (apps > 0) {
      EXPECT_NEAR(ratio["value"].get<double>(), 100.0 * cohort / apps, 1e-9);
    }
    EXPECT_FALSE(ratio["definition_zh"].get<std::string>().empty());
    const http::Json& gdp = item["indicators"]["per_100m_gdp"];
    EXPECT_EQ(gdp["numerator"]["name"], "valid_inventions");
    if (gdp["value"].is_null()) {
      EXPECT_FALSE(gdp["missing"].get<std::string>().empty());
    } else {
      EXPECT_EQ(gdp["denominator"]["series"], "NBS_GDP_EC5");
      EXPECT_NEAR(gdp["value"].get<double>(), valid_inv / gdp["denominator"]["value"].get<double>(), 1e-12);
    }
  }
  uint64_t nation_valid = 0, bj_valid = 0;
  for (const core::Patent& p : patents_) {
    if (!ValidOn(p, as_of)) continue;
    ++nation_valid;
    bj_valid += Province(p.region_code) == "110000";
  }
  const http::Json& bj = body["as_of_items"][0];
  EXPECT_EQ(bj["region_code"], "110000");
  EXPECT_EQ(bj["valid_patents"], bj_valid);
  EXPECT_NEAR(bj["valid_share"]["value"].get<double>(), 100.0 * bj_valid / nation_valid, 1e-9);
  EXPECT_EQ(body["as_of_items"][3]["valid_patents"], nation_valid);
}

TEST_F(StatisticsPatentApiTest, TopApplicantsAndFieldsAreOrderedAndBounded) {
  http::Json top = Get("/api/v1/statistics/top-applicants?region=北京&limit=5");
  ASSERT_FALSE(top["items"].empty());
  EXPECT_LE(top["items"].size(), 5u);
  for (size_t i = 1; i < top["items"].size(); ++i) {
    EXPECT_GE(top["items"][i - 1]["count"].get<int>(), top["items"][i]["count"].get<int>());
  }
  EXPECT_EQ(top["region_code"], "110000");
  http::Json wipo = Get("/api/v1/statistics/fields?level=wipo");
  uint64_t sum = 0;
  for (const auto& item : wipo["items"]) {
    sum += item["count"].get<uint64_t>();
    EXPECT_FALSE(item["name_zh"].get<std::string>().empty());
  }
  EXPECT_GT(sum, 0u);
  EXPECT_LE(sum, 600u);
  http::Json sections = Get("/api/v1/statistics/fields?level=section&region=130000");
  ASSERT_FALSE(sections["items"].empty());
  uint64_t hebei_h = 0;
  for (const core::Patent& p : patents_) {
    if (Province(p.region_code) != "130000") continue;
    bool h = false;
    for (const std::string& ipc : p.ipc) h = h || ipc.starts_with("H");
    hebei_h += h;
  }
  for (const auto& item : sections["items"]) {
    if (item["key"] == "H") {
      EXPECT_EQ(item["count"], hebei_h);
    }
  }
}

TEST_F(StatisticsPatentApiTest, FlowsCountEveryTransferAndLicence) {
  uint64_t transfers = 0, licences = 0;
  for (const core::Patent& p : patents_) {
    for (const core::LegalEvent& e : p.events) {
      transfers += e.kind == core::EventKind::kTransfer;
      licences += e.kind == core::EventKind::kLicence;
    }
  }
  ASSERT_GT(transfers + licences, 0u);
  http::Json all = Get("/api/v1/statistics/flows");
  EXPECT_EQ(all["events"], transfers + licences);
  uint64_t sum = 0, unknown = 0;
  for (const auto& item : all["items"]) {
    sum += item["count"].get<uint64_t>();
    if (item["from_region"] == "" || item["to_region"] == "") unknown += item["count"].get<uint64_t>();
  }
  EXPECT_EQ(sum, transfers + licences);
  EXPECT_EQ(all["unknown"], unknown);
  EXPECT_EQ(Get("/api/v1/statistics/flows?kind=transfer")["events"], transfers);
  EXPECT_EQ(Get("/api/v1/statistics/flows?kind=licence")["events"], licences);
  EXPECT_FALSE(all["definition"]["en"].get<std::string>().empty());
}

TEST_F(StatisticsPatentApiTest, BadParametersAreProblemsNamingTheField) {
  EXPECT_EQ(Get("/api/v1/statistics/patents?group=colour", 400)["field"], "group");
  EXPECT_EQ(Get("/api/v1/statistics/patents?group=type,type", 400)["field"], "group");
  EXPECT_EQ(Get("/api/v1/statistics/patents?group=province,filing_year,grant_year,type,status", 400)["field"], "group");
  EXPECT_EQ(Get("/api/v1/statistics/patents?as_of=2021-13-01", 400)["field"], "as_of");
  EXPECT_EQ(Get("/api/v1/statistics/patents?measure=money", 400)["field"], "measure");
  EXPECT_EQ(Get("/api/v1/statistics/patents?q=TI%3D(", 400)["field"], "q");
  EXPECT_EQ(Get("/api/v1/statistics/overview?numerator=gdp", 400)["field"], "numerator");
  EXPECT_EQ(Get("/api/v1/statistics/overview?regions=Atlantis", 400)["field"], "regions");
  EXPECT_EQ(Get("/api/v1/statistics/overview?from=2020&to=2010", 400)["field"], "from");
  EXPECT_EQ(Get("/api/v1/statistics/overview?series=NBS_1999", 400)["field"], "series");
  EXPECT_EQ(Get("/api/v1/statistics/top-applicants?limit=0", 400)["field"], "limit");
  EXPECT_EQ(Get("/api/v1/statistics/fields?level=class", 400)["field"], "level");
  EXPECT_EQ(Get("/api/v1/statistics/flows?kind=pledge", 400)["field"], "kind");
  EXPECT_EQ(Get("/api/v1/statistics/flows?from=19x", 400)["field"], "from");
  EXPECT_EQ(api().Call("GET", "/api/v1/statistics/overview").status, 401);
}

}  // namespace
}  // namespace ipa::testing
