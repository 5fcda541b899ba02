#include "core/legal_status.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ipa::core {
namespace {

constexpr std::array<std::string_view, kLegalStatusCount> kStatusNames = {
    "pending", "valid",       "valid_grace", "lapsed_restorable", "lapsed",
    "expired", "invalidated", "surrendered", "rejected",          "withdrawn"};

constexpr int32_t kNever = std::numeric_limits<int32_t>::max();  // "no such day"
constexpr int32_t kDawn = std::numeric_limits<int32_t>::min();   // before every day

// ---- The model: a patent's dates reduced to what the rules read ---------------------------

// One annuity year whose payment is checked (a year after the grant year).
struct YearFacts {
  int32_t due = 0;               // last day to pay without a late fee (AnnuityDueDate)
  int32_t grace_end = 0;         // last day of the grace period
  int32_t restore_deadline = 0;  // last day a restoration may be made
  int32_t paid = kNever;         // earliest recorded payment
};

// A recorded lapse_non_payment event, read as the first day without the right (the first
// day of the unpaid patent year).
struct LapseRecord {
  int32_t effective = 0;
  int32_t due = 0;
  int32_t grace_end = 0;
  int32_t restore_deadline = 0;
};

struct Model {
  int32_t grant = kNever;
  int32_t expiry = kNever;
  int32_t rejection = kNever;
  int32_t withdrawal = kNever;
  int32_t surrender = kNever;
  int32_t invalidation = kNever;
  std::vector<YearFacts> years;  // empty unless payments are tracked
  std::vector<LapseRecord> lapses;
  std::vector<int32_t> restorations;
};

int32_t Earliest(const Patent& p, EventKind kind) {
  int32_t best = kNever;
  for (const LegalEvent& e : p.events) {
    if (e.kind == kind) best = std::min(best, e.date.days);
  }
  return best;
}

void AddTrackedYears(const Patent& p, const StatusRules& rules, Model& m) {
  const AnnuityPayments payments = ReadAnnuityPayments(p, rules);
  if (!payments.tracked || payments.grant_year == 0) return;
  const Date filing = *p.filing_date;
  for (int n = payments.assumed_paid_through + 1; PatentYearStart(filing, n).days < m.expiry; ++n) {
    YearFacts y;
    y.due = AnnuityDueDate(filing, n, rules).days;
    y.grace_end = GraceEnd(Date{y.due}, rules).days;
    y.restore_deadline = RestorationDeadline(Date{y.grace_end}, rules).days;
    if (auto it = payments.paid.find(n); it != payments.paid.end()) y.paid = it->second.days;
    m.years.push_back(y);
  }
}

Model BuildModel(const Patent& p, const StatusRules& rules) {
  Model m;
  if (auto grant = GrantDate(p)) m.grant = grant->days;
  if (auto expiry = ExpiryDate(p, rules)) m.expiry = expiry->days;
  m.rejection = Earliest(p, EventKind::kRejection);
  m.withdrawal = Earliest(p, EventKind::kWithdrawal);
  m.surrender = Earliest(p, EventKind::kSurrender);
  m.invalidation = Earliest(p, EventKind::kInvalidationFull);
  for (const LegalEvent& e : p.events) {
    if (e.kind == EventKind::kRestoration) m.restorations.push_back(e.date.days);
    if (e.kind == EventKind::kLapseNonPayment) {
      const Date due = rules.annuity_due_on_anniversary ? e.date : AddDays(e.date, -1);
      const Date grace_end = GraceEnd(due, rules);
      m.lapses.push_back(
          {e.date.days, due.days, grace_end.days, RestorationDeadline(grace_end, rules).days});
    }
  }
  AddTrackedYears(p, rules, m);
  return m;
}

// ---- The reference reading: the status on one day, straight from the model ---------------

// A restoration made on a day in [from, min(to, day)].
bool Restored(const Model& m, int32_t from, int32_t to, int32_t day) {
  for (int32_t r : m.restorations) {
    if (r >= from && r <= to && r <= day) return true;
  }
  return false;
}

struct AnnuityState {
  enum Kind { kOk, kGrace, kLapsed } kind = kOk;
  int32_t decided = kNever;           // kLapsed: the day after the grace period
  int32_t restore_deadline = kNever;  // kLapsed
};

AnnuityState Lapsed(int32_t grace_end, int32_t restore_deadline) {
  return {AnnuityState::kLapsed, grace_end + 1, restore_deadline};
}

// Tracked payments on `day`: the first year not paid in time decides.
AnnuityState TrackedAt(const Model& m, int32_t day) {
  for (const YearFacts& y : m.years) {
    if (y.due >= day) break;  // not overdue yet, nor any later year
    if (y.paid <= y.due) continue;
    if (day <= y.grace_end) {
      if (y.paid <= day) continue;
      return {AnnuityState::kGrace};
    }
    if (y.paid <= y.grace_end) continue;
    const bool paid_for_restoration = y.paid <= day && y.paid <= y.restore_deadline;
    if (paid_for_restoration && Restored(m, y.grace_end + 1, y.restore_deadline, day)) continue;
    return Lapsed(y.grace_end, y.restore_deadline);
  }
  return {};
}

AnnuityState RecordedAt(const Model& m, const LapseRecord& lapse, int32_t day) {
  if (lapse.due >= day || Restored(m, lapse.effective, lapse.restore_deadline, day)) return {};
  if (day <= lapse.grace_end) return {AnnuityState::kGrace};
  return Lapsed(lapse.grace_end, lapse.restore_deadline);
}

// Combines tracked and recorded lapses: the earliest decided lapse wins, else any grace.
AnnuityState AnnuityAt(const Model& m, int32_t day) {
  AnnuityState best = TrackedAt(m, day);
  for (const LapseRecord& lapse : m.lapses) {
    const AnnuityState s = RecordedAt(m, lapse, day);
    if (s.kind == AnnuityState::kLapsed) {
      if (best.kind != AnnuityState::kLapsed || s.decided < best.decided) best = s;
    } else if (s.kind == AnnuityState::kGrace && best.kind == AnnuityState::kOk) {
      best = s;
    }
  }
  return best;
}

LegalStatus PreGrantStatus(const Model& m, int32_t day) {
  const bool rejected = m.rejection <= day;
  const bool withdrawn = m.withdrawal <= day && !Restored(m, m.withdrawal, kNever, day);
  if (rejected && (!withdrawn || m.rejection <= m.withdrawal)) return LegalStatus::kRejected;
  if (withdrawn) return LegalStatus::kWithdrawn;
  return LegalStatus::kPending;
}

// Among the ends of a granted right that happened by `day`, the earliest decided wins:
// expiry on its day, surrender on its day, a lapse the day after its grace period.
LegalStatus Evaluate(const Model& m, int32_t day) {
  if (m.invalidation <= day) return LegalStatus::kInvalidated;
  if (m.grant > day) return PreGrantStatus(m, day);
  int32_t decided = kNever;
  LegalStatus ended = LegalStatus::kValid;
  auto consider = [&](int32_t when, LegalStatus status) {
    if (when <= day && when < decided) {
      decided = when;
      ended = status;
    }
  };
  consider(m.expiry, LegalStatus::kExpired);
  consider(m.surrender, LegalStatus::kSurrendered);
  const AnnuityState a = AnnuityAt(m, day);
  if (a.kind == AnnuityState::kLapsed) {
    consider(a.decided,
             day <= a.restore_deadline ? LegalStatus::kLapsedRestorable : LegalStatus::kLapsed);
  }
  if (decided != kNever) return ended;
  return a.kind == AnnuityState::kGrace ? LegalStatus::kValidGrace : LegalStatus::kValid;
}

// Every day on which Evaluate's answer can change.
std::vector<int32_t> CandidateDays(const Model& m) {
  std::vector<int32_t> days = {m.grant,      m.expiry,    m.rejection,
                               m.withdrawal, m.surrender, m.invalidation};
  for (const YearFacts& y : m.years) {
    days.insert(days.end(), {y.due + 1, y.grace_end + 1, y.restore_deadline + 1, y.paid});
  }
  for (const LapseRecord& l : m.lapses) {
    days.insert(days.end(), {l.due + 1, l.grace_end + 1, l.restore_deadline + 1});
  }
  days.insert(days.end(), m.restorations.begin(), m.restorations.end());
  std::erase(days, kNever);
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  return days;
}

using Change = std::pair<int32_t, LegalStatus>;

// Removes the oldest grace episode that ended in payment (valid → grace → valid).
bool MergeOldestPaidGrace(std::vector<Change>& changes, LegalStatus initial) {
  for (size_t i = 0; i + 1 < changes.size(); ++i) {
    const LegalStatus before = i == 0 ? initial : changes[i - 1].second;
    if (before == LegalStatus::kValid && changes[i].second == LegalStatus::kValidGrace &&
        changes[i + 1].second == LegalStatus::kValid) {
      changes.erase(changes.begin() + static_cast<std::ptrdiff_t>(i),
                    changes.begin() + static_cast<std::ptrdiff_t>(i + 2));
      return true;
    }
  }
  return false;
}

}  // namespace

// Fills LegalFacts' private slots (a friend of LegalFacts).
class LegalFactsBuilder {
 public:
  static LegalFacts Build(std::vector<Change> changes, const StatusRules& rules) {
    LegalFacts f;
    f.grace_starts_after_lapse_ = rules.annuity_due_on_anniversary ? 1 : 0;
    LegalStatus initial = LegalStatus::kPending;
    while (changes.size() > static_cast<size_t>(LegalFacts::kMaxChanges)) {
      f.truncated_ = 1;
      if (MergeOldestPaidGrace(changes, initial)) continue;
      initial = changes.front().second;
      changes.erase(changes.begin());
    }
    f.statuses_[0] = static_cast<uint8_t>(initial);
    for (size_t i = 0; i < changes.size(); ++i) {
      f.changes_[i] = changes[i].first;
      f.statuses_[i + 1] = static_cast<uint8_t>(changes[i].second);
    }
    for (size_t i = changes.size() + 1; i <= LegalFacts::kMaxChanges; ++i) {
      f.statuses_[i] = f.statuses_[changes.size()];
    }
    f.change_count_ = static_cast<uint8_t>(changes.size());
    return f;
  }
};

std::string_view LegalStatusName(LegalStatus s) { return kStatusNames[static_cast<size_t>(s)]; }

std::optional<LegalStatus> ParseLegalStatus(std::string_view name) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<LegalStatus>(i);
  }
  return std::nullopt;
}

LegalFacts CompileFacts(const Patent& patent, const StatusRules& rules) {
  const Model m = BuildModel(patent, rules);
  std::vector<Change> changes;
  LegalStatus previous = Evaluate(m, kDawn);
  for (int32_t day : CandidateDays(m)) {
    const LegalStatus s = Evaluate(m, day);
    if (s != previous) changes.emplace_back(day, s);
    previous = s;
  }
  return LegalFactsBuilder::Build(std::move(changes), rules);
}

LegalStatus LegalStatusOn(const Patent& patent, Date day, const StatusRules& rules) {
  return Evaluate(BuildModel(patent, rules), day.days);
}

std::optional<Date> LapseEffectiveDate(const LegalFacts& facts, Date on) {
  auto lapsed = [](LegalStatus s) {
    return s == LegalStatus::kLapsed || s == LegalStatus::kLapsedRestorable;
  };
  if (!lapsed(facts.StatusOn(on))) return std::nullopt;
  int i = facts.change_count() - 1;
  while (i >= 0 && facts.change_date(i) > on) --i;     // the change that began today's status
  while (i >= 0 && lapsed(facts.status_from(i))) --i;  // back over the lapsed periods
  if (i < 0 || facts.status_from(i) != LegalStatus::kValidGrace) return std::nullopt;
  // The grace period began the day the right ended (or the day after, when the annuity is
  // due on the anniversary).
  return AddDays(facts.change_date(i), facts.grace_starts_after_lapse() ? -1 : 0);
}

std::vector<StatusPeriod> StatusHistory(const LegalFacts& facts) {
  std::vector<StatusPeriod> out;
  for (int i = 0; i < facts.change_count(); ++i) {
    out.push_back({facts.change_date(i), facts.status_from(i)});
  }
  return out;
}

}  // namespace ipa::core
