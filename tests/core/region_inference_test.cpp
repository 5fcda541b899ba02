#include "core/region_inference.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

TEST(RegionInferenceTest, AddressNamesTheMostSpecificConsistentRegion) {
  struct Case {
    const char* address;
    const char* code;
  } cases[] = {
      {"100084 北京市海淀区清华园1号", "110108"},
      {"300457 天津经济技术开发区第四大街", "120000"},
      {"天津市滨海新区黄海路", "120116"},
      {"河北省石家庄市长安区中山东路", "130102"},
      {"050000 河北省石家庄市", "130100"},
      {"河北省保定市莲池区", "130606"},
      {"071000 保定市竞秀区", "130602"},
      {"河北省张家口市桥西区", "130703"},
      {"450000 河南省郑州市金水区", "410000"},
      {"上海市浦东新区", "310000"},
      {"新疆维吾尔自治区乌鲁木齐市", "650000"},
      {"no place here", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(RegionNamedIn(c.address), c.code) << c.address;
}

TEST(RegionInferenceTest, FallsBackToApplicantNamesThatStartWithAPlace) {
  InferredRegion by_address = InferRegion("天津市河西区友谊路", {"北京华清科技有限公司"});
  EXPECT_EQ(by_address.region_code, "120103");
  EXPECT_EQ(by_address.rule, RegionRule::kAddress);
  InferredRegion by_name = InferRegion("", {"某某个人", "石家庄金桥装备制造股份有限公司"});
  EXPECT_EQ(by_name.region_code, "130100");
  EXPECT_EQ(by_name.rule, RegionRule::kApplicantName);
  EXPECT_EQ(InferRegion("", {"北京华清科技有限公司"}).region_code, "110000");
  EXPECT_EQ(InferRegion("", {"华清（北京）科技有限公司"}).rule, RegionRule::kNone);
}

}  // namespace
}  // namespace ipa::core
