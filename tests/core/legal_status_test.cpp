#include "core/legal_status.hpp"

#include <gtest/gtest.h>

#include <random>

#include "core/patent_builders.hpp"

namespace ipa::core {
namespace {

using testing::D;
using testing::Event;
using testing::LateThenUnpaid;
using testing::MakePatent;
using testing::Paid;

// A day and the status expected on it.
struct Expect {
  const char* day;
  LegalStatus status;
};

// Checks the compiled facts and the reference reading against the table.
void ExpectStatuses(const Patent& p, std::initializer_list<Expect> table,
                    const StatusRules& rules = {}) {
  const LegalFacts facts = CompileFacts(p, rules);
  for (const Expect& e : table) {
    EXPECT_EQ(LegalStatusName(LegalStatusOn(facts, D(e.day))), LegalStatusName(e.status))
        << "compiled, on " << e.day;
    EXPECT_EQ(LegalStatusName(LegalStatusOn(p, D(e.day), rules)), LegalStatusName(e.status))
        << "reference, on " << e.day;
  }
}

using S = LegalStatus;

// ---- Names --------------------------------------------------------------------------------

TEST(LegalStatusTest, NamesRoundTrip) {
  const char* names[] = {"pending", "valid",       "valid_grace", "lapsed_restorable", "lapsed",
                         "expired", "invalidated", "surrendered", "rejected",          "withdrawn"};
  for (int i = 0; i < kLegalStatusCount; ++i) {
    const auto s = static_cast<LegalStatus>(i);
    EXPECT_EQ(LegalStatusName(s), names[i]);
    EXPECT_EQ(ParseLegalStatus(names[i]), s);
  }
  EXPECT_FALSE(ParseLegalStatus("Valid").has_value());
  EXPECT_TRUE(IsInForce(S::kValid));
  EXPECT_TRUE(IsInForce(S::kValidGrace));
  for (S s : {S::kPending, S::kLapsedRestorable, S::kLapsed, S::kExpired, S::kInvalidated,
              S::kSurrendered, S::kRejected, S::kWithdrawn}) {
    EXPECT_FALSE(IsInForce(s)) << LegalStatusName(s);
  }
}

// ---- Status -------------------------------------------------------------------------------

TEST(LegalStatusTest, GrantedWithoutPaymentRecordsRunsToExpiry) {
  const Patent p = MakePatent(PatentType::kInvention, "2010-01-10", "2013-05-20");
  ExpectStatuses(p, {{"2009-12-31", S::kPending},
                     {"2010-01-10", S::kPending},
                     {"2013-05-19", S::kPending},
                     {"2013-05-20", S::kValid},  // the right starts on the grant date
                     {"2020-01-01", S::kValid},
                     {"2030-01-09", S::kValid},    // last protected day
                     {"2030-01-10", S::kExpired},  // the expiry day itself
                     {"2040-01-01", S::kExpired}});
}

TEST(LegalStatusTest, GrantFromAnEventWhenTheDateFieldIsEmpty) {
  Patent p = MakePatent(PatentType::kUtilityModel, "2020-01-10");
  p.events = {Event(EventKind::kGrant, "2020-07-01")};
  ExpectStatuses(p, {{"2020-06-30", S::kPending}, {"2020-07-01", S::kValid}});
  EXPECT_EQ(GrantDate(p), D("2020-07-01"));
}

TEST(LegalStatusTest, DesignTermSwitchOn20210601) {
  ExpectStatuses(MakePatent(PatentType::kDesign, "2021-05-31", "2021-10-01"),
                 {{"2031-05-30", S::kValid}, {"2031-05-31", S::kExpired}});
  ExpectStatuses(
      MakePatent(PatentType::kDesign, "2021-06-01", "2021-10-01"),
      {{"2031-06-01", S::kValid}, {"2036-05-31", S::kValid}, {"2036-06-01", S::kExpired}});
}

TEST(LegalStatusTest, TermCompensationExtendsTheEnd) {
  Patent p = MakePatent(PatentType::kInvention, "2010-01-10", "2016-05-01");
  p.events = {Event(EventKind::kTermCompensation, "2016-05-01", 0, 365)};
  ExpectStatuses(
      p, {{"2030-01-10", S::kValid}, {"2031-01-09", S::kValid}, {"2031-01-10", S::kExpired}});
}

TEST(LegalStatusTest, TrackedAnnuitiesGraceLapseAndRestorationWindow) {
  // Year 3 due 2017-03-09, paid 2017-04-20 (in grace). Year 4 due 2018-03-09, never paid:
  // grace to 2018-09-09, restorable to 2020-09-09.
  ExpectStatuses(LateThenUnpaid(), {{"2015-09-01", S::kValid},
                                    {"2017-03-09", S::kValid},
                                    {"2017-03-10", S::kValidGrace},
                                    {"2017-04-19", S::kValidGrace},
                                    {"2017-04-20", S::kValid},
                                    {"2018-03-09", S::kValid},
                                    {"2018-03-10", S::kValidGrace},
                                    {"2018-09-09", S::kValidGrace},  // last day of grace
                                    {"2018-09-10", S::kLapsedRestorable},
                                    {"2020-09-09", S::kLapsedRestorable},
                                    {"2020-09-10", S::kLapsed},
                                    {"2025-03-10", S::kLapsed}});  // never reached expiry
}

TEST(LegalStatusTest, LapseIsEffectiveFromTheEndOfTheLastPaidYear) {
  const LegalFacts facts = CompileFacts(LateThenUnpaid());
  EXPECT_EQ(LapseEffectiveDate(facts, D("2018-09-10")), D("2018-03-10"));
  EXPECT_EQ(LapseEffectiveDate(facts, D("2022-01-01")), D("2018-03-10"));
  EXPECT_FALSE(LapseEffectiveDate(facts, D("2018-09-09")).has_value());
  EXPECT_FALSE(LapseEffectiveDate(facts, D("2016-01-01")).has_value());
}

TEST(LegalStatusTest, RestorationWithPaymentBringsTheRightBack) {
  Patent p = LateThenUnpaid();
  p.events.push_back(Event(EventKind::kRestoration, "2019-05-01"));
  p.events.push_back(Paid(4, "2019-05-01"));
  p.events.push_back(Paid(5, "2019-05-01"));  // year 5 was in its grace period then
  // Year 6 due 2020-03-09, unpaid: lapses again.
  ExpectStatuses(p, {{"2019-04-30", S::kLapsedRestorable},
                     {"2019-05-01", S::kValid},
                     {"2020-03-09", S::kValid},
                     {"2020-03-10", S::kValidGrace},
                     {"2020-09-10", S::kLapsedRestorable}});
  EXPECT_EQ(LapseEffectiveDate(CompileFacts(p), D("2020-09-10")), D("2020-03-10"));
}

TEST(LegalStatusTest, RestorationNeedsThePaymentAndTheWindow) {
  Patent unpaid = LateThenUnpaid();
  unpaid.events.push_back(Event(EventKind::kRestoration, "2019-05-01"));
  ExpectStatuses(unpaid, {{"2019-05-01", S::kLapsedRestorable}, {"2020-09-10", S::kLapsed}});
  Patent too_late = LateThenUnpaid();
  too_late.events.push_back(Event(EventKind::kRestoration, "2020-09-10"));
  too_late.events.push_back(Paid(4, "2020-09-10"));
  ExpectStatuses(too_late, {{"2020-09-10", S::kLapsed}, {"2021-01-01", S::kLapsed}});
  Patent last_day = LateThenUnpaid();
  last_day.events.push_back(Event(EventKind::kRestoration, "2020-09-09"));
  for (int year = 4; year <= 6; ++year) last_day.events.push_back(Paid(year, "2020-09-09"));
  ExpectStatuses(
      last_day,
      {{"2020-09-08", S::kLapsedRestorable}, {"2020-09-09", S::kValid}, {"2021-01-01", S::kValid}});
}

TEST(LegalStatusTest, RecordedLapseWithoutPaymentRecords) {
  // An invention whose records hold no annuity payments: only the lapse event decides.
  // Lapse effective 2014-07-01 → due 2014-06-30, grace to 2014-12-30, restorable to 2016-12-30.
  Patent p = MakePatent(PatentType::kInvention, "2005-07-01", "2009-02-01");
  p.events = {Event(EventKind::kLapseNonPayment, "2014-07-01")};
  ExpectStatuses(p, {{"2014-06-30", S::kValid},
                     {"2014-07-01", S::kValidGrace},
                     {"2014-12-30", S::kValidGrace},
                     {"2014-12-31", S::kLapsedRestorable},
                     {"2016-12-30", S::kLapsedRestorable},
                     {"2016-12-31", S::kLapsed},
                     {"2025-07-01", S::kLapsed}});
  EXPECT_EQ(LapseEffectiveDate(CompileFacts(p), D("2015-01-01")), D("2014-07-01"));
  p.events.push_back(Event(EventKind::kRestoration, "2015-03-01"));
  ExpectStatuses(p, {{"2015-02-28", S::kLapsedRestorable},
                     {"2015-03-01", S::kValid},
                     {"2025-07-01", S::kExpired}});
}

TEST(LegalStatusTest, TwentyNinthFebruaryFilingDueDatesAndGrace) {
  // Year 1 ends 2013-02-27; the year-2 annuity is due then; grace to 2013-08-27.
  Patent p = MakePatent(PatentType::kUtilityModel, "2012-02-29", "2012-08-01");
  StatusRules strict;
  strict.annuity_evidence = AnnuityEvidence::kRequirePaymentEvents;
  ExpectStatuses(p,
                 {{"2013-02-27", S::kValid},
                  {"2013-02-28", S::kValidGrace},
                  {"2013-08-27", S::kValidGrace},
                  {"2013-08-28", S::kLapsedRestorable}},
                 strict);
  EXPECT_EQ(LapseEffectiveDate(CompileFacts(p, strict), D("2014-01-01")), D("2013-02-28"));
}

TEST(LegalStatusTest, AnnuityEvidenceModes) {
  Patent p = MakePatent(PatentType::kInvention, "2010-01-10", "2012-06-01");  // grant year 3
  StatusRules strict;
  strict.annuity_evidence = AnnuityEvidence::kRequirePaymentEvents;
  StatusRules assume;
  assume.annuity_evidence = AnnuityEvidence::kAssumePaidUnlessLapseRecorded;
  // No payments: inferred and assumed modes keep it valid; strict mode lapses it.
  ExpectStatuses(p, {{"2016-01-01", S::kValid}});
  ExpectStatuses(p, {{"2016-01-01", S::kValid}}, assume);
  ExpectStatuses(p,
                 {{"2013-01-09", S::kValid},
                  {"2013-01-10", S::kValidGrace},
                  {"2013-07-10", S::kLapsedRestorable}},
                 strict);
  // Records start with year 6: years 4 and 5 are taken as paid; year 7 is missing.
  p.events = {Paid(6, "2015-01-01")};
  ExpectStatuses(p, {{"2015-06-01", S::kValid},
                     {"2016-01-10", S::kValidGrace},
                     {"2016-07-10", S::kLapsedRestorable}});
  ExpectStatuses(p, {{"2016-07-10", S::kValid}}, assume);
  EXPECT_TRUE(BuildAnnuitySchedule(p).years[2].assumed_paid);   // year 5
  EXPECT_FALSE(BuildAnnuitySchedule(p).years[4].assumed_paid);  // year 7
}

TEST(LegalStatusTest, AnnuityDueOnTheAnniversaryReading) {
  StatusRules rules;
  rules.annuity_due_on_anniversary = true;
  rules.annuity_evidence = AnnuityEvidence::kRequirePaymentEvents;
  Patent p = MakePatent(PatentType::kUtilityModel, "2015-03-10", "2015-09-01");
  p.events = {Paid(2, "2016-03-10")};  // on the anniversary: on time under this reading
  ExpectStatuses(p,
                 {{"2016-03-10", S::kValid},
                  {"2017-03-10", S::kValid},
                  {"2017-03-11", S::kValidGrace},
                  {"2017-09-10", S::kValidGrace},
                  {"2017-09-11", S::kLapsedRestorable}},
                 rules);
  EXPECT_EQ(LapseEffectiveDate(CompileFacts(p, rules), D("2018-01-01")), D("2017-03-10"));
}

TEST(LegalStatusTest, SurrenderEndsTheRightOnItsDate) {
  Patent p = MakePatent(PatentType::kUtilityModel, "2015-03-10", "2015-09-01");
  p.events = {Event(EventKind::kSurrender, "2018-01-05")};
  ExpectStatuses(p, {{"2018-01-04", S::kValid},
                     {"2018-01-05", S::kSurrendered},
                     {"2030-01-01", S::kSurrendered}});
}

TEST(LegalStatusTest, SurrenderDuringGraceIsASurrenderNotALapse) {
  Patent p = LateThenUnpaid();
  p.events.push_back(Event(EventKind::kSurrender, "2018-05-01"));
  ExpectStatuses(p, {{"2018-04-30", S::kValidGrace},
                     {"2018-05-01", S::kSurrendered},
                     {"2019-01-01", S::kSurrendered}});
}

TEST(LegalStatusTest, FullInvalidationVoidsFromItsDatePartialKeepsItValid) {
  Patent p = MakePatent(PatentType::kInvention, "2010-01-10", "2013-05-20");
  p.events = {Event(EventKind::kInvalidationPartial, "2015-01-01")};
  ExpectStatuses(p, {{"2015-01-01", S::kValid}, {"2020-01-01", S::kValid}});
  p.events.push_back(Event(EventKind::kInvalidationFull, "2017-06-01"));
  ExpectStatuses(p, {{"2017-05-31", S::kValid},
                     {"2017-06-01", S::kInvalidated},
                     {"2031-01-01", S::kInvalidated}});
  // Invalidated after it expired: invalidated from that day on.
  Patent expired = MakePatent(PatentType::kUtilityModel, "2005-01-10", "2005-06-01");
  expired.events = {Event(EventKind::kInvalidationFull, "2016-03-01")};
  ExpectStatuses(expired, {{"2015-01-10", S::kExpired}, {"2016-03-01", S::kInvalidated}});
}

TEST(LegalStatusTest, RejectionAndWithdrawalEndAPendingApplication) {
  Patent rejected = MakePatent(PatentType::kInvention, "2018-01-10");
  rejected.events = {Event(EventKind::kExaminationRequest, "2018-03-01"),
                     Event(EventKind::kRejection, "2020-04-01")};
  ExpectStatuses(
      rejected,
      {{"2020-03-31", S::kPending}, {"2020-04-01", S::kRejected}, {"2040-01-01", S::kRejected}});
  // Granted on re-examination after the rejection.
  rejected.grant_date = D("2021-09-01");
  ExpectStatuses(rejected, {{"2021-08-31", S::kRejected}, {"2021-09-01", S::kValid}});
  Patent withdrawn = MakePatent(PatentType::kInvention, "2018-01-10");
  withdrawn.events = {Event(EventKind::kWithdrawal, "2019-02-01")};
  ExpectStatuses(withdrawn, {{"2019-01-31", S::kPending}, {"2019-02-01", S::kWithdrawn}});
  // A deemed withdrawal restored: pending again.
  withdrawn.events.push_back(Event(EventKind::kRestoration, "2019-05-01"));
  ExpectStatuses(withdrawn, {{"2019-04-30", S::kWithdrawn}, {"2019-05-01", S::kPending}});
}

TEST(LegalStatusTest, EventsInAnyOrderAndWithoutAFilingDate) {
  Patent p = MakePatent(PatentType::kInvention, "2010-01-10", "2013-05-20");
  p.events = {Event(EventKind::kSurrender, "2019-01-01"),
              Event(EventKind::kInvalidationPartial, "2015-01-01")};
  ExpectStatuses(p, {{"2018-12-31", S::kValid}, {"2019-01-01", S::kSurrendered}});
  Patent undated;
  undated.grant_date = D("2013-05-20");
  ExpectStatuses(undated, {{"2013-05-19", S::kPending}, {"2050-01-01", S::kValid}});
}

TEST(LegalStatusTest, HistoryIsTheListOfChanges) {
  const LegalFacts facts = CompileFacts(LateThenUnpaid());
  const std::vector<StatusPeriod> history = StatusHistory(facts);
  ASSERT_EQ(history.size(), 6u);
  EXPECT_EQ(history[0].from, D("2015-09-01"));
  EXPECT_EQ(history[0].status, S::kValid);
  EXPECT_EQ(history[1].from, D("2017-03-10"));
  EXPECT_EQ(history[1].status, S::kValidGrace);
  EXPECT_EQ(history[5].from, D("2020-09-10"));
  EXPECT_EQ(history[5].status, S::kLapsed);
  EXPECT_EQ(facts.initial_status(), S::kPending);
  EXPECT_FALSE(facts.history_truncated());
}

TEST(LegalStatusTest, LongHistoriesKeepTheRecentPast) {
  // Every annuity paid in the second month of grace: 2 changes a year, more than fit.
  Patent p = MakePatent(PatentType::kInvention, "2000-01-10", "2003-01-10");
  for (int year = 4; year <= 20; ++year) {
    const Date paid = AddMonths(AnnuityDueDate(*p.filing_date, year), 1);
    LegalEvent e;
    e.kind = EventKind::kAnnuityPaid;
    e.date = AddDays(paid, 5);
    e.patent_year = year;
    p.events.push_back(e);
  }
  const LegalFacts facts = CompileFacts(p);
  EXPECT_TRUE(facts.history_truncated());
  EXPECT_EQ(facts.change_count(), LegalFacts::kMaxChanges);
  // The recent past is exact; the expiry is kept.
  for (const char* day : {"2019-01-10", "2019-02-10", "2019-02-20", "2020-01-09", "2020-01-10"}) {
    EXPECT_EQ(LegalStatusOn(facts, D(day)), LegalStatusOn(p, D(day))) << day;
  }
  EXPECT_EQ(LegalStatusOn(facts, D("2003-06-01")), S::kValid);
}

// The compiled timeline agrees with the reference reading on random patents and days.
TEST(LegalStatusTest, CompiledFactsAgreeWithTheReferenceReading) {
  std::mt19937 rng(20240601);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const Date base = D("1995-01-01");
  int compared = 0;
  int skipped = 0;
  for (int n = 0; n < 500; ++n) {
    Patent p;
    p.type = static_cast<PatentType>(pick(0, 2));
    p.filing_date = AddDays(base, pick(0, 9000));
    if (pick(0, 5) > 0) p.grant_date = AddDays(*p.filing_date, pick(100, 2000));
    const int events = pick(0, 8);
    for (int i = 0; i < events; ++i) {
      LegalEvent e;
      e.kind = static_cast<EventKind>(pick(0, kEventKindCount - 1));
      e.date = AddDays(*p.filing_date, pick(0, 8000));
      e.patent_year = pick(1, 20);
      e.days = pick(0, 900);
      p.events.push_back(e);
    }
    if (p.grant_date && pick(0, 1) == 1) {
      // A realistic payment history: on time, late in grace, very late with a restoration.
      const int grant_year = PatentYearOf(*p.filing_date, *p.grant_date);
      for (int year = grant_year + 1; year <= 20; ++year) {
        const Date due = AnnuityDueDate(*p.filing_date, year);
        const int kind = pick(0, 9);
        if (kind == 0) break;  // stops paying
        const Date paid = AddDays(due, kind < 6   ? -pick(0, 60)
                                       : kind < 9 ? pick(1, 180)
                                                  : pick(190, 700));
        p.events.push_back(Paid(year, FormatDate(paid).c_str()));
        if (kind == 9) p.events.push_back(Event(EventKind::kRestoration, FormatDate(paid).c_str()));
      }
    }
    StatusRules rules;
    rules.annuity_evidence = static_cast<AnnuityEvidence>(pick(0, 2));
    rules.annuity_due_on_anniversary = pick(0, 1) == 1;
    const LegalFacts facts = CompileFacts(p, rules);
    if (facts.history_truncated()) {
      ++skipped;
      continue;
    }
    for (int k = 0; k < 60; ++k) {
      const Date day = AddDays(*p.filing_date, pick(-30, 9000));
      ASSERT_EQ(LegalStatusOn(facts, day), LegalStatusOn(p, day, rules))
          << "patent " << n << " on " << FormatDate(day);
      ++compared;
    }
  }
  EXPECT_GT(compared, 15000);
  EXPECT_LT(skipped, 100);
}

}  // namespace
}  // namespace ipa::core
