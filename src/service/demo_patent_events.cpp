#include "service/demo_patent_events.hpp"

#include <algorithm>

#include "core/patent_term.hpp"
#include "service/demo_patent_deals.hpp"

namespace ipa::service::demo {

using core::Date;
using core::EventKind;
using core::LegalEvent;
namespace {

using core::PatentType;

enum class Outcome { kPending, kGranted, kRejected, kWithdrawn };

struct Examination {
  Outcome outcome = Outcome::kPending;
  Date decided;  // grant, rejection or withdrawal date
  std::optional<Date> publication, request;
};

enum class End { kAlive, kExpired, kLapsed, kSurrendered, kInvalidated };

struct Right {
  End end = End::kAlive;
  Date end_date;   // when the right stopped (term end, end of last paid year, surrender...)
  Date end_event;  // when that became visible (the lapse is recorded after the grace period)
  Date term_end;
  std::vector<Gap> gaps;
};

// 0 = Monday. 1970-01-01 was a Thursday.
int Weekday(Date d) { return static_cast<int>(((d.days % 7) + 7 + 3) % 7); }
Date OnOrAfter(Date d, int weekday) { return core::AddDays(d, (weekday - Weekday(d) + 7) % 7); }
// CNIPA's gazettes: invention publications on Tuesdays and Fridays, other grants on Tuesdays.
Date GazetteDay(Date d, PatentType type) {
  const Date tuesday = OnOrAfter(d, 1);
  return type == PatentType::kInvention ? std::min(tuesday, OnOrAfter(d, 4)) : tuesday;
}

Examination ExamineInvention(DemoRng& rng, const LifeContext& ctx, int filing_year) {
  const Date f = ctx.filing;
  Examination ex;
  const int slow = filing_year < 2000 ? 365 : 0;
  ex.publication =
      GazetteDay(rng.Chance(0.3) ? core::AddDays(f, rng.Between(90, 330))
                                 : core::AddDays(core::AddMonths(f, 18), rng.Between(0, 20)),
                 PatentType::kInvention);
  const double r = rng.Unit();
  if (r < 0.65) {
    ex.request = f;  // with the application
  } else if (r < 0.95) {
    ex.request = core::AddDays(f, rng.Between(30, 1000));
  }
  const double grant_rate = IsResearch(*ctx.owner)                      ? 0.68
                            : ctx.owner->kind == PartyKind::kIndividual ? 0.35
                                                                        : 0.55;
  const Date after_publication = core::AddDays(*ex.publication, 28);
  const double x = rng.Unit();
  if (!ex.request) {
    ex.outcome = Outcome::kWithdrawn;  // deemed withdrawn: no request within three years
    ex.decided = core::AddDays(core::AddYears(f, 3), rng.Between(10, 90));
  } else if (x < grant_rate) {
    // Mostly two to four years; some fast-tracked, some drawn out (re-examination, amendments).
    const double speed = rng.Unit();
    const int lag = speed < 0.08   ? rng.Between(300, 700)
                    : speed < 0.90 ? 730 + (rng.Between(0, 730) + rng.Between(0, 730)) / 2
                                   : rng.Between(1461, 2500);
    ex.outcome = Outcome::kGranted;
    ex.decided = std::max(
        {core::AddDays(f, lag + slow), core::AddDays(*ex.request, 180), after_publication});
    ex.decided = GazetteDay(ex.decided, PatentType::kInvention);
  } else if (x < grant_rate + 0.15) {
    ex.outcome = Outcome::kRejected;
    ex.decided = std::max({core::AddDays(f, rng.Between(700, 1600) + slow),
                           core::AddDays(*ex.request, 300), after_publication});
  } else {
    ex.outcome = Outcome::kWithdrawn;
    ex.decided = core::AddDays(f, rng.Between(200, 1500));
    if (ex.decided < *ex.publication) ex.publication.reset();  // withdrawn before publication
    if (*ex.request > ex.decided) ex.request.reset();
  }
  return ex;
}

Examination ExamineShort(DemoRng& rng, const LifeContext& ctx, int filing_year) {
  Examination ex;
  const double x = rng.Unit();
  const int slow = filing_year < 2000 ? 180 : 0;
  if (x < 0.95) {
    const int lag =
        ctx.type == PatentType::kUtilityModel ? rng.Between(150, 330) : rng.Between(100, 300);
    ex.outcome = Outcome::kGranted;
    ex.decided = GazetteDay(core::AddDays(ctx.filing, lag + slow), ctx.type);
  } else if (x < 0.975) {
    ex.outcome = Outcome::kRejected;
    ex.decided = core::AddDays(ctx.filing, rng.Between(120, 400) + slow);
  } else {
    ex.outcome = Outcome::kWithdrawn;
    ex.decided = core::AddDays(ctx.filing, rng.Between(60, 400));
  }
  return ex;
}

// Probability that the owner stops paying before patent year `years_since_grant` after grant.
double Hazard(PatentType type, int years_since_grant, const Party& owner) {
  const double individual = owner.kind == PartyKind::kIndividual ? 1 : 0;
  switch (type) {
    case PatentType::kInvention:
      return (years_since_grant <= 3 ? 0.09 : 0.11) + (IsResearch(owner) ? 0.04 : 0) +
             0.08 * individual;
    case PatentType::kUtilityModel:
      return 0.20 + 0.06 * individual;
    case PatentType::kDesign:
      return 0.24 + 0.06 * individual;
  }
  return 0.2;
}

void TermCompensation(DemoRng& rng, const LifeContext& ctx, const Examination& ex, Right& right,
                      std::vector<LegalEvent>& events) {
  const Date g = ex.decided;
  if (ctx.type != PatentType::kInvention || g < core::MakeDate(2021, 6, 1) || !ex.request) return;
  // Patent Law Art. 42: grant more than four years after filing and three after the request.
  if (g <= core::AddYears(ctx.filing, 4) || g <= core::AddYears(*ex.request, 3) ||
      !rng.Chance(0.5)) {
    return;
  }
  LegalEvent& e = PushEvent(events, EventKind::kTermCompensation,
                            core::AddDays(g, rng.Between(60, 240)), "专利权期限补偿");
  e.days = rng.Between(20, 400);
  right.term_end = core::AddDays(right.term_end, e.days);
}

// Grant, annuities until the owner stops paying or the term ends, and the rare early endings.
Right MaintainRight(DemoRng& rng, const LifeContext& ctx, const Examination& ex,
                    std::vector<LegalEvent>& events) {
  const Date f = ctx.filing, g = ex.decided;
  Right right;
  right.term_end = core::ExpiryDate(ctx.type, f);
  PushEvent(events, EventKind::kGrant, g, "授权");
  TermCompensation(rng, ctx, ex, right, events);
  const int grant_year = core::PatentYearOf(f, g);
  PushEvent(events, EventKind::kAnnuityPaid, g, "授权登记时缴纳").patent_year = grant_year;
  for (int y = grant_year + 1;; ++y) {
    const Date start = core::PatentYearStart(f, y);
    if (start >= right.term_end) {
      return {End::kExpired, right.term_end, right.term_end, right.term_end, right.gaps};
    }
    if (start > ctx.as_of) return right;
    const Date due = core::AnnuityDueDate(f, y);
    if (rng.Chance(0.002)) {
      const Date d = std::max(g, core::AddDays(start, -rng.Between(1, 200)));
      PushEvent(events, EventKind::kSurrender, d, "专利权人放弃专利权");
      return {End::kSurrendered, d, d, right.term_end, right.gaps};
    }
    if (rng.Chance(0.0008)) {
      const Date d = std::max(g, core::AddDays(start, -rng.Between(1, 300)));
      if (rng.Chance(0.5)) {
        PushEvent(events, EventKind::kInvalidationFull, d, "宣告专利权全部无效");
        return {End::kInvalidated, d, d, right.term_end, right.gaps};
      }
      PushEvent(events, EventKind::kInvalidationPartial, d, "宣告专利权部分无效");
    }
    if (rng.Chance(Hazard(ctx.type, y - grant_year, *ctx.owner))) {
      // The event carries the effective date (the first day of the unpaid year); it is
      // recorded once the six-month grace period has passed.
      const Date lapse = core::AddDays(core::GraceEnd(due), 1);
      if (lapse <= ctx.as_of) {
        PushEvent(events, EventKind::kLapseNonPayment, start, "未缴年费专利权终止");
      }
      if (!rng.Chance(0.08)) return {End::kLapsed, start, lapse, right.term_end, right.gaps};
      const Date restored = core::AddDays(lapse, rng.Between(20, 300));
      PushEvent(events, EventKind::kRestoration, restored, "专利权的恢复");
      PushEvent(events, EventKind::kAnnuityPaid, restored, "恢复时补缴").patent_year = y;
      right.gaps.push_back({start, lapse, restored});
      continue;
    }
    const Date paid = rng.Chance(0.06) ? core::AddDays(due, rng.Between(1, 179))
                                       : core::AddDays(due, -rng.Between(0, 60));
    PushEvent(events, EventKind::kAnnuityPaid, std::max(paid, g)).patent_year = y;
  }
}

std::string Status(const LifeContext& ctx, const Examination& ex, const Right* right) {
  const Date t = ctx.as_of;
  if (right == nullptr) {
    if (ex.outcome == Outcome::kRejected && ex.decided <= t) return "驳回";
    if (ex.outcome == Outcome::kWithdrawn && ex.decided <= t) return "撤回";
    if (ctx.type != PatentType::kInvention || !ex.publication || *ex.publication > t) return "审中";
    return ex.request && *ex.request <= t ? "实质审查" : "公开";
  }
  for (const Gap& g : right->gaps) {
    if (g.lapse <= t && t < g.restored) return "未缴年费专利权终止";
  }
  if (right->end_event <= t) {
    switch (right->end) {
      case End::kExpired:
        return "专利权有效期届满";
      case End::kLapsed:
        return "未缴年费专利权终止";
      case End::kSurrendered:
        return "专利权人放弃";
      case End::kInvalidated:
        return "专利权全部无效";
      case End::kAlive:
        break;
    }
  }
  return "有效";
}

}  // namespace

LifeResult BuildLegalHistory(DemoRng& rng, const Parties& parties, const LifeContext& ctx,
                             std::vector<LegalEvent>& events) {
  events.clear();
  int year;
  unsigned month, day;
  core::SplitDate(ctx.filing, year, month, day);
  const Examination ex = ctx.type == PatentType::kInvention ? ExamineInvention(rng, ctx, year)
                                                            : ExamineShort(rng, ctx, year);
  const bool granted = ex.outcome == Outcome::kGranted && ex.decided <= ctx.as_of;
  if (ex.request) PushEvent(events, EventKind::kExaminationRequest, *ex.request, "实质审查请求");
  if (ex.outcome == Outcome::kRejected)
    PushEvent(events, EventKind::kRejection, ex.decided, "驳回");
  if (ex.outcome == Outcome::kWithdrawn) {
    PushEvent(events, EventKind::kWithdrawal, ex.decided, "视为撤回");
  }
  LifeResult result;
  std::optional<Right> right;
  if (granted) {
    right = MaintainRight(rng, ctx, ex, events);
    const Date end = right->end == End::kAlive ? ctx.as_of : std::min(right->end_date, ctx.as_of);
    const DealWindow window(core::AddDays(ex.decided, 30), end, right->gaps);
    MakeDeals(rng, parties, ctx, window, right->term_end, events);
    result.grant = ex.decided;
  }
  std::erase_if(events, [&](const LegalEvent& e) { return e.date > ctx.as_of; });
  core::SortEventsByDate(events);
  if (ex.publication && *ex.publication <= ctx.as_of) result.publication = ex.publication;
  if (ex.request && *ex.request <= ctx.as_of) result.exam_request = ex.request;
  result.status = Status(ctx, ex, right ? &*right : nullptr);
  return result;
}

}  // namespace ipa::service::demo
