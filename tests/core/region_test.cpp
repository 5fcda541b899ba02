#include "core/region.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ipa::core {
namespace {

TEST(RegionTest, HasEveryProvinceAndTheJingJinJiDivisions) {
  int provinces = 0, bj = 0, tj = 0, he_cities = 0, he_counties = 0;
  for (const Region& r : AllRegions()) {
    if (r.level == RegionLevel::kProvince) ++provinces;
    if (r.parent == "110000") ++bj;
    if (r.parent == "120000") ++tj;
    if (r.parent == "130000") ++he_cities;
    if (r.code.starts_with("13") && r.level == RegionLevel::kDistrict) ++he_counties;
  }
  EXPECT_EQ(provinces, 34);
  EXPECT_EQ(bj, 16);
  EXPECT_EQ(tj, 16);
  EXPECT_EQ(he_cities, 11);
  EXPECT_EQ(he_counties, 167);
}

TEST(RegionTest, TableIsConsistent) {
  std::set<std::string> codes;
  for (const Region& r : AllRegions()) {
    EXPECT_EQ(r.code.size(), 6u) << r.code;
    EXPECT_TRUE(codes.insert(r.code).second) << "duplicate " << r.code;
    if (!r.parent.empty()) {
      ASSERT_NE(FindRegion(r.parent), nullptr) << r.code << " has unknown parent " << r.parent;
      EXPECT_EQ(r.code.substr(0, 2), r.parent.substr(0, 2)) << r.code;
    }
  }
}

TEST(RegionTest, FullNamesAndOffices) {
  EXPECT_EQ(RegionFullName("120116"), "天津市滨海新区");
  EXPECT_EQ(RegionFullName("130102"), "河北省石家庄市长安区");
  EXPECT_EQ(RegionFullName("110108"), "北京市海淀区");
  EXPECT_EQ(OfficeForRegion("130682"), Office::kHebei);
  EXPECT_EQ(OfficeForRegion("110000"), Office::kBeijing);
  EXPECT_FALSE(OfficeForRegion("310000").has_value());
  EXPECT_TRUE(ValidateRegionCode("440000", "r").has_value());
  EXPECT_FALSE(ValidateRegionCode("130199", "r").has_value());
  for (Office o : kAllOffices) EXPECT_EQ(ParseOffice(OfficeCode(o)), o);
}

}  // namespace
}  // namespace ipa::core
