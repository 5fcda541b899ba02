#include "core/patent_term.hpp"

#include <gtest/gtest.h>

#include "core/patent_builders.hpp"

namespace ipa::core {
namespace {

using testing::D;
using testing::Event;
using testing::LateThenUnpaid;
using testing::MakePatent;
using testing::Paid;

// ---- Term and patent years ----------------------------------------------------------------

TEST(PatentTermTest, TermYearsByTypeAndTheDesignSwitch) {
  struct Case {
    PatentType type;
    const char* filed;
    int years;
  } cases[] = {
      {PatentType::kInvention, "1999-06-01", 20},    {PatentType::kInvention, "2021-06-01", 20},
      {PatentType::kUtilityModel, "2000-01-01", 10}, {PatentType::kUtilityModel, "2022-01-01", 10},
      {PatentType::kDesign, "2021-05-31", 10},       {PatentType::kDesign, "2021-06-01", 15},
      {PatentType::kDesign, "2010-01-01", 10},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(TermYears(c.type, D(c.filed)), c.years) << PatentTypeName(c.type) << " " << c.filed;
  }
  StatusRules rules;
  rules.design_15_years_from = D("2022-01-01");
  EXPECT_EQ(TermYears(PatentType::kDesign, D("2021-06-01"), rules), 10);
}

TEST(PatentTermTest, ExpiryDateIsTheFirstDayAfterTheTerm) {
  struct Case {
    PatentType type;
    const char* filed;
    int compensation_days;
    const char* expiry;
  } cases[] = {
      {PatentType::kUtilityModel, "1999-09-06", 0, "2009-09-06"},  // protected to 2009-09-05
      {PatentType::kInvention, "2000-03-15", 0, "2020-03-15"},
      {PatentType::kInvention, "2000-02-29", 0, "2020-02-29"},
      {PatentType::kUtilityModel, "2008-02-29", 0, "2018-02-28"},
      {PatentType::kDesign, "2021-05-31", 0, "2031-05-31"},
      {PatentType::kDesign, "2021-06-01", 0, "2036-06-01"},
      {PatentType::kInvention, "2010-01-10", 365, "2031-01-10"},
      {PatentType::kInvention, "2010-01-10", 30, "2030-02-09"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatDate(ExpiryDate(c.type, D(c.filed), c.compensation_days)), c.expiry) << c.filed;
  }
  Patent p = MakePatent(PatentType::kInvention, "2010-01-10");
  p.events = {Event(EventKind::kTermCompensation, "2014-01-01", 0, 200),
              Event(EventKind::kTermCompensation, "2015-01-01", 0, 165)};
  EXPECT_EQ(TermCompensationDays(p), 365);
  EXPECT_EQ(ExpiryDate(p), D("2031-01-10"));
  EXPECT_FALSE(ExpiryDate(Patent{}).has_value());
}

TEST(PatentTermTest, PatentYearsCountFromTheFilingDate) {
  const Date filed = D("1999-06-01");
  EXPECT_EQ(PatentYearStart(filed, 1), D("1999-06-01"));
  EXPECT_EQ(PatentYearEnd(filed, 1), D("2000-05-31"));
  EXPECT_EQ(PatentYearStart(filed, 2), D("2000-06-01"));
  EXPECT_EQ(PatentYearEnd(filed, 20), D("2019-05-31"));
  struct Case {
    const char* filed;
    const char* day;
    int year;
  } cases[] = {
      {"1999-06-01", "1999-05-31", 0},
      {"1999-06-01", "1999-06-01", 1},
      {"1999-06-01", "2000-05-31", 1},
      {"1999-06-01", "2000-06-01", 2},
      {"1999-06-01", "2019-05-31", 20},
      {"1999-06-01", "2019-06-01", 21},
      // 29 February: anniversaries fall on 28 February in common years.
      {"2000-02-29", "2001-02-27", 1},
      {"2000-02-29", "2001-02-28", 2},
      {"2000-02-29", "2004-02-28", 4},
      {"2000-02-29", "2004-02-29", 5},
      {"2000-02-29", "2005-02-27", 5},
      {"2000-02-29", "2005-02-28", 6},
      {"2000-12-31", "2001-12-30", 1},
      {"2000-12-31", "2001-12-31", 2},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PatentYearOf(D(c.filed), D(c.day)), c.year) << c.filed << " on " << c.day;
  }
  EXPECT_EQ(PatentYearEnd(D("2000-02-29"), 1), D("2001-02-27"));
}

// ---- Annuities ----------------------------------------------------------------------------

TEST(AnnuityTest, DueDateIsTheLastDayOfThePreviousYear) {
  EXPECT_EQ(AnnuityDueDate(D("1999-06-01"), 2), D("2000-05-31"));
  EXPECT_EQ(AnnuityDueDate(D("1999-06-01"), 3), D("2001-05-31"));
  EXPECT_EQ(AnnuityDueDate(D("2000-02-29"), 2), D("2001-02-27"));
  EXPECT_EQ(AnnuityDueDate(D("2000-02-29"), 5), D("2004-02-28"));
  StatusRules anniversary;
  anniversary.annuity_due_on_anniversary = true;
  EXPECT_EQ(AnnuityDueDate(D("1999-06-01"), 2, anniversary), D("2000-06-01"));
}

TEST(AnnuityTest, GraceEndsSixMonthsAfterTheDueDate) {
  struct Case {
    const char* due;
    const char* grace_end;
    const char* restoration_deadline;
  } cases[] = {
      {"2000-05-31", "2000-11-30", "2002-11-30"}, {"2021-08-31", "2022-02-28", "2024-02-28"},
      {"2023-08-31", "2024-02-29", "2026-02-28"}, {"2014-06-30", "2014-12-30", "2016-12-30"},
      {"2018-03-09", "2018-09-09", "2020-09-09"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatDate(GraceEnd(D(c.due))), c.grace_end) << c.due;
    EXPECT_EQ(FormatDate(RestorationDeadline(GraceEnd(D(c.due)))), c.restoration_deadline) << c.due;
  }
}

TEST(AnnuityTest, LateFeePercentByMonthOfTheGracePeriod) {
  const Date due = D("2020-05-31");
  struct Case {
    const char* paid;
    std::optional<int> percent;
  } cases[] = {
      {"2020-01-01", 0},
      {"2020-05-31", 0},
      {"2020-06-01", 0},
      {"2020-06-30", 0},
      {"2020-07-01", 5},
      {"2020-07-31", 5},
      {"2020-08-01", 10},
      {"2020-08-31", 10},
      {"2020-09-01", 15},
      {"2020-09-30", 15},
      {"2020-10-01", 20},
      {"2020-10-31", 20},
      {"2020-11-01", 25},
      {"2020-11-30", 25},
      {"2020-12-01", std::nullopt},
      {"2021-05-31", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(LateFeePercent(due, D(c.paid)), c.percent) << c.paid;
  }
}

TEST(AnnuityTest, OfficialFeeTable) {
  struct Case {
    PatentType type;
    int year;
    int cny;
  } cases[] = {
      {PatentType::kInvention, 1, 900},     {PatentType::kInvention, 3, 900},
      {PatentType::kInvention, 4, 1200},    {PatentType::kInvention, 6, 1200},
      {PatentType::kInvention, 7, 2000},    {PatentType::kInvention, 10, 4000},
      {PatentType::kInvention, 13, 6000},   {PatentType::kInvention, 16, 8000},
      {PatentType::kInvention, 20, 8000},   {PatentType::kInvention, 21, 8000},
      {PatentType::kUtilityModel, 1, 600},  {PatentType::kUtilityModel, 4, 900},
      {PatentType::kUtilityModel, 6, 1200}, {PatentType::kUtilityModel, 10, 2000},
      {PatentType::kDesign, 5, 900},        {PatentType::kDesign, 9, 2000},
      {PatentType::kDesign, 11, 3000},      {PatentType::kDesign, 15, 3000},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(OfficialAnnuityFeeCny(c.type, c.year), c.cny)
        << PatentTypeName(c.type) << " year " << c.year;
  }
}

TEST(AnnuityTest, ScheduleListsDueDatesGraceBandsAndPayments) {
  const AnnuitySchedule s = BuildAnnuitySchedule(LateThenUnpaid());
  EXPECT_TRUE(s.payments_tracked);
  ASSERT_EQ(s.years.size(), 10u);
  const AnnuityYear& first = s.years[0];
  EXPECT_EQ(first.patent_year, 1);
  EXPECT_TRUE(first.paid_at_registration);
  EXPECT_EQ(first.due, D("2015-09-01"));
  EXPECT_TRUE(first.late_fee_bands.empty());
  const AnnuityYear& second = s.years[1];
  EXPECT_EQ(second.year_start, D("2016-03-10"));
  EXPECT_EQ(second.year_end, D("2017-03-09"));
  EXPECT_EQ(second.due, D("2016-03-09"));
  EXPECT_EQ(second.grace_end, D("2016-09-09"));
  EXPECT_EQ(second.paid_on, D("2016-03-01"));
  EXPECT_EQ(second.late_fee_percent, 0);
  EXPECT_EQ(second.fee_cny, 600);
  ASSERT_EQ(second.late_fee_bands.size(), 6u);
  EXPECT_EQ(second.late_fee_bands[0].from, D("2016-03-10"));
  EXPECT_EQ(second.late_fee_bands[0].to, D("2016-04-09"));
  EXPECT_EQ(second.late_fee_bands[0].percent, 0);
  EXPECT_EQ(second.late_fee_bands[1].from, D("2016-04-10"));
  EXPECT_EQ(second.late_fee_bands[1].percent, 5);
  EXPECT_EQ(second.late_fee_bands[5].from, D("2016-08-10"));
  EXPECT_EQ(second.late_fee_bands[5].to, D("2016-09-09"));
  EXPECT_EQ(second.late_fee_bands[5].percent, 25);
  EXPECT_EQ(s.years[2].late_fee_percent, 5);  // paid 2017-04-20, due 2017-03-09
  EXPECT_FALSE(s.years[3].paid_on.has_value());
  EXPECT_EQ(s.years[3].fee_cny, 900);
  EXPECT_EQ(s.years[9].year_end, D("2025-03-09"));
}

TEST(AnnuityTest, ScheduleEndsWithThePartialYearOfTermCompensation) {
  Patent p = MakePatent(PatentType::kInvention, "2010-01-10", "2016-05-01");
  p.events = {Event(EventKind::kTermCompensation, "2016-05-01", 0, 100)};
  const AnnuitySchedule s = BuildAnnuitySchedule(p);
  EXPECT_FALSE(s.payments_tracked);
  ASSERT_FALSE(s.years.empty());
  EXPECT_EQ(s.years.front().patent_year, 7);
  EXPECT_EQ(s.years.back().patent_year, 21);
  EXPECT_EQ(s.years.back().year_start, D("2030-01-10"));
  EXPECT_EQ(s.years.back().year_end, D("2030-04-19"));  // expiry 2030-04-20
  EXPECT_TRUE(BuildAnnuitySchedule(MakePatent(PatentType::kInvention, "2010-01-10")).years.empty());
}

TEST(AnnuityTest, NextAnnuityDue) {
  const Patent tracked = LateThenUnpaid();
  struct Case {
    const char* on;
    int year;  // 0 = none
  } cases[] = {
      {"2015-10-01", 2}, {"2016-03-01", 3}, {"2017-03-15", 3},
      {"2017-04-20", 4}, {"2019-01-01", 4}, {"2025-03-10", 0},
  };
  for (const Case& c : cases) {
    auto next = NextAnnuityDue(tracked, D(c.on));
    EXPECT_EQ(next ? next->patent_year : 0, c.year) << c.on;
  }
  // Without payment records the next one is the next due date.
  const Patent untracked = MakePatent(PatentType::kUtilityModel, "2015-03-10", "2015-09-01");
  auto next = NextAnnuityDue(untracked, D("2018-03-10"));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->patent_year, 5);
  EXPECT_EQ(next->due, D("2019-03-09"));
  EXPECT_EQ(next->grace_end, D("2019-09-09"));
  EXPECT_EQ(next->fee_cny, 900);
  EXPECT_FALSE(
      NextAnnuityDue(MakePatent(PatentType::kUtilityModel, "2015-03-10"), D("2016-01-01")));
}

}  // namespace
}  // namespace ipa::core
