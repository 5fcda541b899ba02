#include "core/organization.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

Organization Valid() {
  Organization o;
  o.name_zh = "  天津海河新材料有限公司 ";
  o.region_code = "120116";
  o.credit_code = "91110108ma01abcd1e";
  o.industry = "C";
  o.contact = {"李四", "+86 22-1234 5678", "ip@example.com"};
  return o;
}

TEST(OrganizationTest, NormalisesAValidOrganisation) {
  Organization o = Valid();
  ASSERT_TRUE(NormalizeAndValidate(o).has_value());
  EXPECT_EQ(o.name_zh, "天津海河新材料有限公司");
  EXPECT_EQ(o.credit_code, "91110108MA01ABCD1E");
  EXPECT_EQ(OwningOffice(o), Office::kTianjin);
}

TEST(OrganizationTest, EachBadFieldIsNamed) {
  struct Case {
    const char* field;
    void (*spoil)(Organization&);
  } cases[] = {
      {"name_zh", [](Organization& o) { o.name_zh = "   "; }},
      {"name_zh", [](Organization& o) { o.name_zh = std::string(201 * 3, 'a'); }},
      {"name_zh", [](Organization& o) { o.name_zh = "bad\xff"; }},
      {"credit_code", [](Organization& o) { o.credit_code = "91110108MA01ABCD1X"; }},
      {"region_code", [](Organization& o) { o.region_code = "999999"; }},
      {"industry", [](Organization& o) { o.industry = "Z"; }},
      {"membership.joined_on", [](Organization& o) { o.membership.joined_on = "2016-02-30"; }},
      {"membership.joined_on", [](Organization& o) { o.membership.status = MemberStatus::kActive; }},
      {"contact.email", [](Organization& o) { o.contact.email = "not-an-email"; }},
      {"contact.phone", [](Organization& o) { o.contact.phone = "010-abc"; }},
      {"aliases", [](Organization& o) { o.aliases.assign(21, "x"); }},
  };
  for (const Case& c : cases) {
    Organization o = Valid();
    c.spoil(o);
    auto st = NormalizeAndValidate(o);
    ASSERT_FALSE(st.has_value()) << c.field;
    EXPECT_EQ(st.error().field, c.field) << st.error().message;
  }
}

TEST(OrganizationTest, SearchTextFoldsWidthAndCase) {
  Organization o = Valid();
  o.name_en = "Haihe ＮＥＷ Materials";
  o.aliases = {"海河新材"};
  const std::string text = OrgSearchText(o);
  EXPECT_NE(text.find("haihe new materials"), std::string::npos) << text;
  EXPECT_NE(text.find("海河新材"), std::string::npos);
}

TEST(OrganizationTest, TypeAndStatusNamesRoundTrip) {
  for (OrgType t : kAllOrgTypes) EXPECT_EQ(ParseOrgType(OrgTypeName(t)), t);
  for (MemberStatus s : kAllMemberStatuses) EXPECT_EQ(ParseMemberStatus(MemberStatusName(s)), s);
  EXPECT_FALSE(ParseOrgType("bank").has_value());
}

}  // namespace
}  // namespace ipa::core
