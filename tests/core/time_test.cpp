#include "core/time.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

TEST(TimeTest, ParsesRealDatesOnly) {
  EXPECT_TRUE(ParseDate("2016-03-29", "d").has_value());
  EXPECT_TRUE(ParseDate("2024-02-29", "d").has_value());
  for (const char* bad : {"2023-02-29", "1900-02-29", "2016-13-01", "2016-3-29", "20160329", "abcd-ef-gh", "1899-12-31"}) {
    auto r = ParseDate(bad, "joined_on");
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().field, "joined_on");
  }
  EXPECT_TRUE(ParseDate("2000-02-29", "d").has_value());
}

TEST(TimeTest, FormatsIsoUtc) {
  EXPECT_EQ(FormatIsoTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoTime(1459209600123), "2016-03-29T00:00:00.123Z");
  EXPECT_EQ(DaysFromCivil(2016, 3, 29), 16889);
}

}  // namespace
}  // namespace ipa::core
