#include "core/patent_normalize.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

Patent Raw() {
  Patent p;
  p.application_number = "CN 201710601862.3";
  p.publication_number = "cn106844774a";
  p.type = PatentType::kUtilityModel;  // the number's type digit (1) wins
  p.title_zh = "  一种锂电池正极材料的制备方法 ";
  p.ipc = {"H01M10/0525", "h01m 10/0525", "H01M4/525", " "};
  p.applicants = {{"天津海河新材料有限公司", std::nullopt}, {"  ", std::nullopt}};
  p.applicant_address = "300457 天津市滨海新区黄海路";
  p.filing_date = MakeDate(2017, 7, 28);
  p.publication_date = MakeDate(2018, 1, 30);
  LegalEvent paid{EventKind::kAnnuityPaid, MakeDate(2021, 7, 1)};
  LegalEvent grant{EventKind::kGrant, MakeDate(2020, 3, 10)};
  p.events = {paid, grant};
  return p;
}

TEST(PatentNormalizeTest, NormalisesEveryPart) {
  Patent p = Raw();
  ASSERT_TRUE(NormalizePatent(p).has_value());
  EXPECT_EQ(p.application_number, "201710601862.3");
  EXPECT_EQ(p.publication_number, "CN106844774A");
  EXPECT_EQ(p.type, PatentType::kInvention);
  EXPECT_EQ(p.title_zh, "一种锂电池正极材料的制备方法");
  EXPECT_EQ(p.ipc, (std::vector<std::string>{"H01M 10/0525", "H01M 4/525"}));
  EXPECT_EQ(p.applicants.size(), 1u);
  EXPECT_EQ(p.region_code, "120116");
  EXPECT_EQ(p.region_rule, RegionRule::kAddress);
  ASSERT_EQ(p.events.size(), 2u);
  EXPECT_EQ(p.events[0].kind, EventKind::kGrant);
  EXPECT_EQ(p.grant_date, MakeDate(2020, 3, 10));
}

TEST(PatentNormalizeTest, KeysForForeignPublicationOnlyAndUnnumberedRecords) {
  EXPECT_EQ(*NormalizeApplicationNumberText("US 16/123,456"), "US16123456");
  Patent us;
  us.application_number = "US11000001";
  us.publication_number = "us07272630b2";
  us.grant_number = "US07272630B2";
  us.title_en = "Method of rendering";
  ASSERT_TRUE(NormalizePatent(us).has_value()) << "foreign numbers are kept, not read as Chinese";
  EXPECT_EQ(us.publication_number, "US07272630B2");
  Patent by_pub;
  by_pub.publication_number = "CN114081026A";
  by_pub.title_zh = "一种水电站高压输电线路驱鸟保护装置";
  ASSERT_TRUE(NormalizePatent(by_pub).has_value());
  EXPECT_EQ(by_pub.application_number, "CN114081026A");
  Patent a, b;
  a.title_zh = b.title_zh = "声波影响粒子碰并的数值模拟计算方法及系统";
  a.filing_date = b.filing_date = MakeDate(2022, 4, 2);
  a.applicants = b.applicants = {{"中国科学院大气物理研究所", std::nullopt}};
  ASSERT_TRUE(NormalizePatent(a).has_value());
  ASSERT_TRUE(NormalizePatent(b).has_value());
  EXPECT_EQ(a.application_number, b.application_number) << "the same row keeps its key";
  EXPECT_EQ(a.application_number.size(), 17u);
  EXPECT_EQ(a.application_number[0], 'H');
  EXPECT_EQ(a.region_code, "") << "中国… names no province";
}

TEST(PatentNormalizeTest, RejectsNamingTheField) {
  struct Case {
    const char* field;
    void (*spoil)(Patent&);
  } cases[] = {
      {"application_number", [](Patent& p) { p.application_number = "201710601862.4"; }},
      {"publication_number", [](Patent& p) { p.publication_number = "CN106844774A1"; }},
      {"ipc", [](Patent& p) { p.ipc = {"Z99Q 1/00"}; }},
      {"title", [](Patent& p) { p.title_zh = " "; }},
      {"title_zh", [](Patent& p) { p.title_zh = "bad\xff"; }},
      {"publication_date", [](Patent& p) { p.publication_date = MakeDate(2017, 1, 1); }},
      {"grant_date", [](Patent& p) { p.grant_date = MakeDate(2016, 1, 1); }},
      {"region_code", [](Patent& p) { p.region_code = "999999"; }},
  };
  for (const Case& c : cases) {
    Patent p = Raw();
    c.spoil(p);
    auto st = NormalizePatent(p);
    ASSERT_FALSE(st.has_value()) << c.field;
    EXPECT_EQ(st.error().field, c.field) << st.error().message;
  }
}

}  // namespace
}  // namespace ipa::core
