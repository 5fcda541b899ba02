#include "core/patent_term.hpp"

#include <algorithm>

namespace ipa::core {
namespace {

struct FeeStep {
  int through_year;  // this fee applies up to and including this patent year
  int cny;
};

constexpr FeeStep kInventionFees[] = {{3, 900},   {6, 1200},  {9, 2000},
                                      {12, 4000}, {15, 6000}, {20, 8000}};
constexpr FeeStep kUtilityModelFees[] = {{3, 600}, {5, 900}, {8, 1200}, {10, 2000}};
constexpr FeeStep kDesignFees[] = {{3, 600}, {5, 900}, {8, 1200}, {10, 2000}, {15, 3000}};

template <size_t N>
int FeeFrom(const FeeStep (&table)[N], int year) {
  for (const FeeStep& step : table) {
    if (year <= step.through_year) return step.cny;
  }
  return table[N - 1].cny;
}

std::vector<LateFeeBand> LateFeeBands(Date due, const StatusRules& rules) {
  std::vector<LateFeeBand> bands;
  Date from = AddDays(due, 1);
  for (int month = 1; month <= rules.grace_months; ++month) {
    const Date to = AddMonths(due, month);
    bands.push_back({from, to, 5 * (month - 1)});
    from = AddDays(to, 1);
  }
  return bands;
}

AnnuityYear ScheduleYear(const Patent& p, const AnnuityPayments& payments, int year, Date expiry,
                         const StatusRules& rules) {
  const Date filing = *p.filing_date;
  AnnuityYear y;
  y.patent_year = year;
  y.year_start = PatentYearStart(filing, year);
  y.year_end = std::min(PatentYearEnd(filing, year), AddDays(expiry, -1));
  y.fee_cny = OfficialAnnuityFeeCny(p.type, year);
  if (year == payments.grant_year) {
    y.due = y.grace_end = *GrantDate(p);
    y.paid_at_registration = true;
    return y;
  }
  y.due = AnnuityDueDate(filing, year, rules);
  y.grace_end = GraceEnd(y.due, rules);
  y.late_fee_bands = LateFeeBands(y.due, rules);
  y.assumed_paid = payments.tracked && year <= payments.assumed_paid_through;
  if (auto it = payments.paid.find(year); payments.tracked && it != payments.paid.end()) {
    y.paid_on = it->second;
    y.late_fee_percent = LateFeePercent(y.due, it->second, rules);
  }
  return y;
}

}  // namespace

int TermYears(PatentType type, Date filing, const StatusRules& rules) {
  switch (type) {
    case PatentType::kInvention:
      return 20;
    case PatentType::kUtilityModel:
      return 10;
    case PatentType::kDesign:
      return filing >= rules.design_15_years_from ? 15 : 10;
  }
  return 20;
}

Date ExpiryDate(PatentType type, Date filing, int compensation_days, const StatusRules& rules) {
  return AddDays(AddYears(filing, TermYears(type, filing, rules)), compensation_days);
}

std::optional<Date> ExpiryDate(const Patent& patent, const StatusRules& rules) {
  if (!patent.filing_date) return std::nullopt;
  return ExpiryDate(patent.type, *patent.filing_date, TermCompensationDays(patent), rules);
}

Date PatentYearStart(Date filing, int year) { return AddYears(filing, year - 1); }

Date PatentYearEnd(Date filing, int year) { return AddDays(AddYears(filing, year), -1); }

int PatentYearOf(Date filing, Date day) {
  if (day < filing) return 0;
  int filing_year, day_year;
  unsigned month, dom;
  SplitDate(filing, filing_year, month, dom);
  SplitDate(day, day_year, month, dom);
  int year = day_year - filing_year + 1;
  while (year > 1 && PatentYearStart(filing, year) > day) --year;
  while (PatentYearStart(filing, year + 1) <= day) ++year;
  return year;
}

std::optional<Date> GrantDate(const Patent& patent) {
  if (patent.grant_date) return patent.grant_date;
  std::optional<Date> earliest;
  for (const LegalEvent& e : patent.events) {
    if (e.kind == EventKind::kGrant && (!earliest || e.date < *earliest)) earliest = e.date;
  }
  return earliest;
}

int TermCompensationDays(const Patent& patent) {
  int days = 0;
  for (const LegalEvent& e : patent.events) {
    if (e.kind == EventKind::kTermCompensation) days += e.days;
  }
  return days;
}

Date AnnuityDueDate(Date filing, int year, const StatusRules& rules) {
  return rules.annuity_due_on_anniversary ? PatentYearStart(filing, year)
                                          : PatentYearEnd(filing, year - 1);
}

Date GraceEnd(Date due, const StatusRules& rules) { return AddMonths(due, rules.grace_months); }

Date RestorationDeadline(Date grace_end, const StatusRules& rules) {
  return AddYears(grace_end, rules.restoration_years);
}

std::optional<int> LateFeePercent(Date due, Date paid, const StatusRules& rules) {
  if (paid <= due) return 0;
  for (int month = 1; month <= rules.grace_months; ++month) {
    if (paid <= AddMonths(due, month)) return 5 * (month - 1);
  }
  return std::nullopt;
}

int OfficialAnnuityFeeCny(PatentType type, int year) {
  switch (type) {
    case PatentType::kInvention:
      return FeeFrom(kInventionFees, year);
    case PatentType::kUtilityModel:
      return FeeFrom(kUtilityModelFees, year);
    case PatentType::kDesign:
      return FeeFrom(kDesignFees, year);
  }
  return 0;
}

AnnuityPayments ReadAnnuityPayments(const Patent& patent, const StatusRules& rules) {
  AnnuityPayments out;
  for (const LegalEvent& e : patent.events) {
    if (e.kind != EventKind::kAnnuityPaid || e.patent_year <= 0) continue;
    auto [it, inserted] = out.paid.emplace(e.patent_year, e.date);
    if (!inserted && e.date < it->second) it->second = e.date;
  }
  const std::optional<Date> grant = GrantDate(patent);
  if (!patent.filing_date || !grant) return out;
  out.grant_year = std::max(1, PatentYearOf(*patent.filing_date, *grant));
  out.assumed_paid_through = out.grant_year;
  switch (rules.annuity_evidence) {
    case AnnuityEvidence::kInferFromEvents:
      out.tracked = !out.paid.empty();
      if (out.tracked) {
        out.assumed_paid_through = std::max(out.grant_year, out.paid.begin()->first - 1);
      }
      break;
    case AnnuityEvidence::kRequirePaymentEvents:
      out.tracked = true;
      break;
    case AnnuityEvidence::kAssumePaidUnlessLapseRecorded:
      out.tracked = false;
      break;
  }
  return out;
}

AnnuitySchedule BuildAnnuitySchedule(const Patent& patent, const StatusRules& rules) {
  AnnuitySchedule schedule;
  const AnnuityPayments payments = ReadAnnuityPayments(patent, rules);
  schedule.payments_tracked = payments.tracked;
  const std::optional<Date> expiry = ExpiryDate(patent, rules);
  if (payments.grant_year == 0 || !expiry) return schedule;
  for (int year = payments.grant_year; PatentYearStart(*patent.filing_date, year) < *expiry;
       ++year) {
    schedule.years.push_back(ScheduleYear(patent, payments, year, *expiry, rules));
  }
  return schedule;
}

std::optional<AnnuityYear> NextAnnuityDue(const Patent& patent, Date on, const StatusRules& rules) {
  const std::optional<Date> expiry = ExpiryDate(patent, rules);
  if (!expiry || on >= *expiry) return std::nullopt;
  AnnuitySchedule schedule = BuildAnnuitySchedule(patent, rules);
  for (AnnuityYear& y : schedule.years) {
    if (y.paid_at_registration || y.assumed_paid) continue;
    const bool next = schedule.payments_tracked ? !(y.paid_on && *y.paid_on <= on) : y.due >= on;
    if (next) return std::move(y);
  }
  return std::nullopt;
}

}  // namespace ipa::core
