#include "core/date.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

TEST(DateTest, ParseDateTextAcceptsTheWrittenForms) {
  struct Case {
    const char* text;
    const char* iso;
  } cases[] = {
      {"2016-03-29", "2016-03-29"}, {"20160329", "2016-03-29"},   {"2016.03.29", "2016-03-29"},
      {"2016/3/29", "2016-03-29"},  {"2016-3-9", "2016-03-09"},   {"2016-02-29", "2016-02-29"},
      {"19000101", "1900-01-01"},   {"2199-12-31", "2199-12-31"}, {"1970-01-01", "1970-01-01"},
  };
  for (const Case& c : cases) {
    auto d = ParseDateText(c.text);
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(FormatDate(*d), c.iso) << c.text;
  }
}

TEST(DateTest, ParseDateTextRejectsWhatIsNotARealDateInRange) {
  for (const char* text :
       {"", "2016", "2016-03", "2016-02-30", "2015-02-29", "20150229", "2016-13-01", "2016-00-10",
        "2016-01-00", "1899-12-31", "2200-01-01", "2016-03-29x", "2016--03-29", "2016_03_29",
        "12016-03-29", " 2016-03-29", "2016-03-29 ", "abcd-ef-gh", "2016032"}) {
    EXPECT_FALSE(ParseDateText(text).has_value()) << "'" << text << "'";
  }
}

TEST(DateTest, MakeSplitAndFormatRoundTrip) {
  EXPECT_EQ(MakeDate(1970, 1, 1).days, 0);
  EXPECT_EQ(MakeDate(1970, 1, 2).days, 1);
  EXPECT_EQ(MakeDate(1969, 12, 31).days, -1);
  const Date d = MakeDate(2021, 6, 1);
  EXPECT_EQ(d.days, 18779);
  int y;
  unsigned m, day;
  SplitDate(d, y, m, day);
  EXPECT_EQ(y, 2021);
  EXPECT_EQ(m, 6u);
  EXPECT_EQ(day, 1u);
  EXPECT_EQ(FormatDate(d), "2021-06-01");
  EXPECT_LT(MakeDate(2021, 5, 31), d);
  EXPECT_EQ(AddDays(d, -1), MakeDate(2021, 5, 31));
}

TEST(DateTest, AddYearsKeepsTheDayAndMaps29FebruaryTo28InCommonYears) {
  struct Case {
    const char* from;
    int years;
    const char* to;
  } cases[] = {
      {"1999-06-01", 1, "2000-06-01"},  {"2000-02-29", 1, "2001-02-28"},
      {"2000-02-29", 4, "2004-02-29"},  {"2000-02-29", 20, "2020-02-29"},
      {"2000-02-29", 10, "2010-02-28"}, {"2000-02-29", -1, "1999-02-28"},
      {"2001-02-28", 3, "2004-02-28"},  {"2021-05-31", 10, "2031-05-31"},
      {"2021-12-31", 0, "2021-12-31"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatDate(AddYears(*ParseDateText(c.from), c.years)), c.to)
        << c.from << " + " << c.years;
  }
}

TEST(DateTest, AddMonthsClampsToTheLastDayOfTheMonth) {
  struct Case {
    const char* from;
    int months;
    const char* to;
  } cases[] = {
      {"2021-01-31", 1, "2021-02-28"},  {"2020-01-31", 1, "2020-02-29"},
      {"2021-03-31", -1, "2021-02-28"}, {"2021-05-31", 6, "2021-11-30"},
      {"2021-08-31", 6, "2022-02-28"},  {"2023-08-31", 6, "2024-02-29"},
      {"2021-12-15", 1, "2022-01-15"},  {"2021-06-30", 6, "2021-12-30"},
      {"2021-01-15", 12, "2022-01-15"}, {"2021-01-15", -13, "2019-12-15"},
      {"2020-02-29", 12, "2021-02-28"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatDate(AddMonths(*ParseDateText(c.from), c.months)), c.to)
        << c.from << " + " << c.months << " months";
  }
}

}  // namespace
}  // namespace ipa::core
