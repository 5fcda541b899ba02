// A Chinese patent's term, patent years and annuities: expiry, due dates, grace periods, late
// fees, restoration deadlines and the annuity schedule. Pure functions; the reading of each
// rule is in docs/patent-law-rules.md.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "core/date.hpp"
#include "core/patent.hpp"

namespace ipa::core {

// Which evidence decides whether annuities were paid.
enum class AnnuityEvidence {
  // Payments are tracked when the patent has any annuity_paid event; years before the first
  // recorded one are then assumed paid. Without such events, annuities are assumed paid and
  // only lapse_non_payment events end the right.
  kInferFromEvents,
  kRequirePaymentEvents,           // every year after the grant year needs an annuity_paid event
  kAssumePaidUnlessLapseRecorded,  // ignore annuity_paid events; only recorded lapses count
};

// The configurable parts of the rules; the defaults are the law as read in the docs.
struct StatusRules {
  Date design_15_years_from{18779};  // 2021-06-01: designs filed on or after get 15 years
  int grace_months = 6;              // after the annuity due date
  int restoration_years = 2;         // after the grace deadline
  AnnuityEvidence annuity_evidence = AnnuityEvidence::kInferFromEvents;
  // The annuity for year N is due on the last day of year N-1 (false, the default reading) or
  // on the first day of year N, the filing-date anniversary (true). Either way an unpaid
  // annuity ends the right from the first day of year N.
  bool annuity_due_on_anniversary = false;
};

// ---- Term and patent years ----------------------------------------------------------------

// 20 (invention), 10 (utility model), 10 or 15 (design, by filing date vs the rules' switch).
int TermYears(PatentType type, Date filing, const StatusRules& rules = {});

// The expiry date: the first day the right no longer runs, AddYears(filing, term) plus the
// term-compensation days (filed 1999-09-06, utility model → 2009-09-06; the last protected
// day is 2009-09-05). For a Patent: nullopt without a filing date; compensation from its
// term_compensation events.
Date ExpiryDate(PatentType type, Date filing, int compensation_days = 0,
                const StatusRules& rules = {});
std::optional<Date> ExpiryDate(const Patent& patent, const StatusRules& rules = {});

// Patent year `year` (1-based) runs from AddYears(filing, year - 1) to the day before
// AddYears(filing, year): filed 1999-06-01 → year 1 is 1999-06-01..2000-05-31. A 29 February
// filing date has its anniversaries on 28 February in common years.
Date PatentYearStart(Date filing, int year);
Date PatentYearEnd(Date filing, int year);
// The patent year containing `day`; 0 before the filing date.
int PatentYearOf(Date filing, Date day);

// The grant date: Patent::grant_date, else the earliest grant event; nullopt if neither.
std::optional<Date> GrantDate(const Patent& patent);
// The days added by the patent's term_compensation events, summed.
int TermCompensationDays(const Patent& patent);

// ---- Annuities ----------------------------------------------------------------------------

// Due date of the annuity for patent year `year` (≥ 2): the last day of year `year - 1`
// (payment on that day is on time), or the first day of `year` under
// annuity_due_on_anniversary. The grant year's annuity is paid at grant registration.
Date AnnuityDueDate(Date filing, int year, const StatusRules& rules = {});
// The last day of the grace period: AddMonths(due, grace_months) (31 May → 30 November).
Date GraceEnd(Date due, const StatusRules& rules = {});
// The last day a restoration may be requested: AddYears(grace_end, restoration_years).
Date RestorationDeadline(Date grace_end, const StatusRules& rules = {});

// Late fee in percent of the annuity for a payment made on `paid`: 0 up to the due date and
// in the first month after it (up to AddMonths(due, 1) inclusive), then 5, 10, 15, 20, 25 for
// months 2..6 (month k ends on AddMonths(due, k) inclusive). nullopt after the grace period.
std::optional<int> LateFeePercent(Date due, Date paid, const StatusRules& rules = {});

// The official annuity in CNY (before any fee reduction) for a patent year: invention
// 900/1200/2000/4000/6000/8000 for years 1-3/4-6/7-9/10-12/13-15/16-20; utility model and
// design 600/900/1200/2000 for years 1-3/4-5/6-8/9-10; design years 11-15: 3000. Years past
// the table (term compensation) cost the last year's fee. VERIFY: see the docs.
int OfficialAnnuityFeeCny(PatentType type, int year);

// A patent's annuity payments as the rules read them (see AnnuityEvidence).
struct AnnuityPayments {
  bool tracked = false;          // whether payments decide lapses
  int grant_year = 0;            // the patent year of the grant; 0 without filing date or grant
  int assumed_paid_through = 0;  // patent years up to this one count as paid without an event
  std::map<int, Date> paid;      // earliest annuity_paid event per patent year
};
AnnuityPayments ReadAnnuityPayments(const Patent& patent, const StatusRules& rules = {});

// One month of the grace period: a payment on a day in [from, to] costs `percent` extra.
struct LateFeeBand {
  Date from;
  Date to;
  int percent = 0;
};

struct AnnuityYear {
  int patent_year = 0;
  Date year_start, year_end;
  Date due;        // the grant year: the grant date (paid with the registration)
  Date grace_end;  // the grant year: the grant date
  std::vector<LateFeeBand> late_fee_bands;  // months 1..6 after `due`; empty for the grant year
  bool paid_at_registration = false;        // the grant year
  bool assumed_paid = false;    // tracked payments: a year before the first recorded payment
  std::optional<Date> paid_on;  // from annuity_paid events (earliest for the year)
  std::optional<int> late_fee_percent;  // for paid_on; nullopt when paid after the grace
  int fee_cny = 0;                      // OfficialAnnuityFeeCny
};

struct AnnuitySchedule {
  bool payments_tracked = false;   // whether annuity_paid events decide (see AnnuityEvidence)
  std::vector<AnnuityYear> years;  // grant year .. last year of the term; empty if not granted
};

// The schedule from the grant year to the last (possibly partial) year of the term. Empty
// without a filing date or a grant.
AnnuitySchedule BuildAnnuitySchedule(const Patent& patent, const StatusRules& rules = {});

// The next annuity to pay as of `on`: with tracked payments, the first year after the grant
// year not paid by `on` (it may be overdue, or past its grace: compare grace_end); otherwise
// the first year whose due date is on or after `on`. nullopt when none is left, when `on` is
// on or after the expiry date, or without a grant. It does not look at surrender, lapse or
// invalidation: ask LegalStatusOn for those.
std::optional<AnnuityYear> NextAnnuityDue(const Patent& patent, Date on,
                                          const StatusRules& rules = {});

}  // namespace ipa::core
