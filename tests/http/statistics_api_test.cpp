// The statistics API: definitions, reference series with their revision, official tables and
// the indicators computed from them, each with definition, numerator and denominator series.
#include "http/api_fixture.hpp"
#include "service/statistic_service.hpp"

namespace ipa::testing {
namespace {

using core::Role;

class StatisticsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    member_ = api().NewCaller(Role::kMember);
  }
  http::Json Get(const std::string& target, int status = 200) {
    http::Response r = api().Call("GET", target, "", &member_);
    EXPECT_EQ(r.status, status) << target << " " << r.body;
    return ApiClient::Body(r);
  }
  Caller member_;
};

TEST_F(StatisticsApiTest, IndicatorDefinitionsAreListedWithBothLanguages) {
  http::Json body = Get("/api/v1/statistics/indicators");
  ASSERT_EQ(body["items"].size(), 6u);
  EXPECT_EQ(body["items"][0]["id"], "per_100m_gdp");
  EXPECT_EQ(body["items"][0]["name_zh"], "每亿元GDP专利数");
  EXPECT_FALSE(body["items"][0]["definition_en"].get<std::string>().empty());
  EXPECT_EQ(body["measures"].size(), 5u);
  EXPECT_EQ(api().Call("GET", "/api/v1/statistics/indicators").status, 401);
}

TEST_F(StatisticsApiTest, ReferenceSeriesSayWhichRevisionEachFigureIs) {
  http::Json body = Get("/api/v1/statistics/reference?region=北京&measure=gdp&from=2013&to=2013");
  ASSERT_EQ(body["items"].size(), 2u);  // the original and the 5th-census revision
  EXPECT_EQ(body["items"][0]["series"], "NBS_GDP_PRE_EC4");
  EXPECT_EQ(body["items"][0]["revision"], "original");
  EXPECT_DOUBLE_EQ(body["items"][0]["value"].get<double>(), 19800.81);
  EXPECT_EQ(body["items"][1]["series"], "NBS_GDP_EC5");
  EXPECT_EQ(body["items"][1]["revision"], "revised");
  EXPECT_DOUBLE_EQ(body["items"][1]["value"].get<double>(), 21746.0);
  EXPECT_EQ(body["series"].size(), 5u);
  EXPECT_FALSE(body["series"][0]["sources"].empty());
  bool seed_claim = false;
  for (const auto& c : body["claims"]) {
    if (c["id"] != "seed_jjj_gdp_share") continue;
    seed_claim = true;
    EXPECT_EQ(c["value"], 10.9);
    // Beside the claim, what the data give, each naming its numerator and denominator series.
    ASSERT_EQ(c["computed"].size(), 4u);
    const http::Json& first = c["computed"][0];
    EXPECT_EQ(first["numerator"]["series"], "NBS_GDP_PRE_EC4");
    EXPECT_EQ(first["denominator"]["series"], "NBS_GDP_EC4");
    EXPECT_NEAR(first["value"].get<double>(), 10.57, 0.005);
  }
  EXPECT_TRUE(seed_claim);
  http::Json national = Get("/api/v1/statistics/reference?region=100000&series=NBS_GDP_EC4&from=2013&to=2013");
  ASSERT_EQ(national["items"].size(), 1u);
  EXPECT_DOUBLE_EQ(national["items"][0]["value"].get<double>(), 592963.2);
}

TEST_F(StatisticsApiTest, BadQueriesAreProblemsNamingTheField) {
  EXPECT_EQ(Get("/api/v1/statistics/reference?series=NBS_GDP_1999", 400)["field"], "series");
  EXPECT_EQ(Get("/api/v1/statistics/reference?region=130102", 400)["field"], "region");
  EXPECT_EQ(Get("/api/v1/statistics/official?from=20x3", 400)["field"], "from");
  EXPECT_EQ(Get("/api/v1/statistics/official?from=2015&to=2013", 400)["field"], "from");
  EXPECT_EQ(Get("/api/v1/statistics/official/indicators?indicator=magic", 400)["field"], "indicator");
  EXPECT_EQ(Get("/api/v1/statistics/official/indicators?measure=patents", 400)["field"], "measure");
}

TEST_F(StatisticsApiTest, OfficialTablesAndTheirIndicators) {
  EXPECT_TRUE(Get("/api/v1/statistics/official")["items"].empty());
  auto added = service::LoadDemoOfficialStatistics(api().db());
  ASSERT_TRUE(added.has_value());
  http::Json rows = Get("/api/v1/statistics/official?region=110000,120000,130000&from=2015&to=2015");
  ASSERT_EQ(rows["items"].size(), 3u);
  EXPECT_EQ(rows["items"][0]["grants"], 94031);
  EXPECT_TRUE(rows["items"][0]["valid_patents"].is_null());
  EXPECT_NE(rows["items"][0]["source"].get<std::string>().find("CNIPA_AR2015_b4"), std::string::npos);

  http::Json shares = Get("/api/v1/statistics/official/indicators?region=110000&from=2015&to=2015&indicator=share_of_national,per_100m_gdp&series=NBS_GDP_PRE_EC4");
  ASSERT_EQ(shares["items"].size(), 2u);
  const http::Json& share = shares["items"][0];
  EXPECT_EQ(share["indicator"], "share_of_national");
  EXPECT_NEAR(share["value"].get<double>(), 100.0 * 94031 / 1596977, 1e-9);
  EXPECT_EQ(share["numerator"]["name"], "grants");
  EXPECT_EQ(share["numerator"]["name_zh"], "专利授权量");
  EXPECT_EQ(share["denominator"]["value"], 1596977);
  EXPECT_FALSE(share["definition_zh"].get<std::string>().empty());
  const http::Json& per_gdp = shares["items"][1];
  EXPECT_EQ(per_gdp["indicator"], "per_100m_gdp");
  EXPECT_NEAR(per_gdp["value"].get<double>(), 94031 / 23014.59, 1e-9);
  EXPECT_EQ(per_gdp["denominator"]["series"], "NBS_GDP_PRE_EC4");
  EXPECT_EQ(per_gdp["denominator"]["revision"], "original");

  // Without a series the newest vintage is used, and said.
  http::Json latest = Get("/api/v1/statistics/official/indicators?region=110000&from=2015&to=2015&indicator=per_100m_gdp");
  ASSERT_EQ(latest["items"].size(), 1u);
  EXPECT_EQ(latest["items"][0]["denominator"]["series"], "NBS_GDP_EC5");

  // Growth needs the year before: 2015 grants have no 2014 grants row, so the reason is given.
  http::Json growth = Get("/api/v1/statistics/official/indicators?region=130000&from=2015&indicator=yoy_growth");
  ASSERT_EQ(growth["items"].size(), 1u);
  EXPECT_TRUE(growth["items"][0]["value"].is_null());
  EXPECT_EQ(growth["items"][0]["missing"], "no grants count for 130000 in 2014");
}

}  // namespace
}  // namespace ipa::testing
