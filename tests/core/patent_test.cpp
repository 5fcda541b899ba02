#include "core/patent.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

TEST(PatentRecordNamesTest, EnumsRoundTripThroughTheirNames) {
  // The ST.27-aligned event kinds keep stable snake_case names for JSON and storage.
  const char* events[] = {"examination_request",
                          "grant",
                          "annuity_paid",
                          "lapse_non_payment",
                          "restoration",
                          "surrender",
                          "invalidation_full",
                          "invalidation_partial",
                          "term_compensation",
                          "transfer",
                          "licence",
                          "pledge_registered",
                          "pledge_released",
                          "open_licence_declared",
                          "open_licence_withdrawn",
                          "rejection",
                          "withdrawal"};
  for (int i = 0; i < kEventKindCount; ++i) {
    const auto k = static_cast<EventKind>(i);
    EXPECT_EQ(EventKindName(k), events[i]);
    EXPECT_EQ(ParseEventKind(events[i]), k);
  }
  EXPECT_FALSE(ParseEventKind("Grant").has_value());
  for (PatentType t : {PatentType::kInvention, PatentType::kUtilityModel, PatentType::kDesign}) {
    EXPECT_EQ(ParsePatentType(PatentTypeName(t)), t);
  }
  EXPECT_EQ(PatentTypeName(PatentType::kUtilityModel), "utility_model");
  EXPECT_FALSE(ParsePatentType("utility").has_value());
  for (LicenceType t :
       {LicenceType::kExclusive, LicenceType::kSole, LicenceType::kOrdinary, LicenceType::kOpen}) {
    EXPECT_EQ(ParseLicenceType(LicenceTypeName(t)), t);
  }
  EXPECT_EQ(LicenceTypeName(LicenceType::kSole), "sole");
  EXPECT_FALSE(ParseLicenceType("").has_value());
  EXPECT_EQ(RegionRuleName(RegionRule::kNone), "none");
  EXPECT_EQ(RegionRuleName(RegionRule::kProvinceCode), "province_code");
  EXPECT_EQ(RegionRuleName(RegionRule::kAddress), "address");
  EXPECT_EQ(RegionRuleName(RegionRule::kApplicantName), "applicant_name");
}

}  // namespace
}  // namespace ipa::core
