// The legal status engine: a Chinese patent's status on any day. Compile a patent once into
// LegalFacts (a 64-byte status timeline), then ask LegalStatusOn as often as needed:
// allocation-free, a handful of comparisons. Terms, patent years and annuities are in
// patent_term.hpp; the reading of each rule is in docs/patent-law-rules.md.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/patent.hpp"
#include "core/patent_term.hpp"

namespace ipa::core {

enum class LegalStatus : uint8_t {
  kPending,           // application filed, not (yet) granted
  kValid,             // granted and in force
  kValidGrace,        // in force, but an annuity is overdue and in its grace period (at risk)
  kLapsedRestorable,  // ended for non-payment (Art. 44), restoration still possible
  kLapsed,            // ended for non-payment, restoration window closed
  kExpired,           // the term ran out
  kInvalidated,       // fully invalidated (void)
  kSurrendered,       // surrendered by the owner
  kRejected,          // application rejected
  kWithdrawn,         // application withdrawn or deemed withdrawn
};
inline constexpr int kLegalStatusCount = 10;

// "pending", "valid", "valid_grace", "lapsed_restorable", "lapsed", "expired",
// "invalidated", "surrendered", "rejected", "withdrawn" (the JSON names).
std::string_view LegalStatusName(LegalStatus s);
std::optional<LegalStatus> ParseLegalStatus(std::string_view name);

// A "valid patent" (有效专利) on that day: valid or valid_grace.
constexpr bool IsInForce(LegalStatus s) {
  return s == LegalStatus::kValid || s == LegalStatus::kValidGrace;
}

// ---- Status -------------------------------------------------------------------------------

// A patent's status over time, compiled once: statuses_[i] holds from changes_[i - 1]
// (inclusive) to changes_[i] (exclusive); statuses_[0] holds before the first change.
// Unused change slots hold INT32_MAX. 64 bytes, trivially copyable.
class alignas(64) LegalFacts {
 public:
  static constexpr int kMaxChanges = 12;

  LegalFacts() {
    for (auto& c : changes_) c = std::numeric_limits<int32_t>::max();
    for (auto& s : statuses_) s = static_cast<uint8_t>(LegalStatus::kPending);
  }

  // Branch-free: counts the changes on or before `day`.
  LegalStatus StatusOn(Date day) const {
    int i = 0;
    for (int k = 0; k < kMaxChanges; ++k) i += changes_[k] <= day.days ? 1 : 0;
    return static_cast<LegalStatus>(statuses_[i]);
  }

  int change_count() const { return change_count_; }
  Date change_date(int i) const { return Date{changes_[i]}; }  // i < count
  LegalStatus status_from(int i) const { return static_cast<LegalStatus>(statuses_[i + 1]); }
  LegalStatus initial_status() const { return static_cast<LegalStatus>(statuses_[0]); }
  // True when the patent had more changes than fit: the oldest annuity grace episodes that
  // ended in payment (or, failing that, the oldest changes) were merged away.
  bool history_truncated() const { return truncated_ != 0; }
  // Under annuity_due_on_anniversary the grace period starts a day after the lapse date.
  bool grace_starts_after_lapse() const { return grace_starts_after_lapse_ != 0; }

 private:
  friend class LegalFactsBuilder;
  int32_t changes_[kMaxChanges];
  uint8_t statuses_[kMaxChanges + 1];
  uint8_t change_count_ = 0;
  uint8_t truncated_ = 0;
  uint8_t grace_starts_after_lapse_ = 0;
};
static_assert(sizeof(LegalFacts) == 64);

// Compiles a patent's dates and events into its status timeline. Events may come in any order.
LegalFacts CompileFacts(const Patent& patent, const StatusRules& rules = {});

// The status on `day`. Thread-safe, allocation-free.
inline LegalStatus LegalStatusOn(const LegalFacts& facts, Date day) { return facts.StatusOn(day); }

// The reference reading: applies the rules to the patent directly (allocates; O(events) per
// call). CompileFacts is built from it; compile once instead when asking repeatedly.
LegalStatus LegalStatusOn(const Patent& patent, Date day, const StatusRules& rules = {});

// When the status on `on` is lapsed or lapsed_restorable: the first day without the right,
// i.e. the day after the last paid patent year ends (Art. 44). nullopt otherwise (and when
// that part of the history was truncated).
std::optional<Date> LapseEffectiveDate(const LegalFacts& facts, Date on);

// The timeline as its changes: each day the status changed and the status from then on
// (before the first change the status is initial_status(), pending).
struct StatusPeriod {
  Date from;
  LegalStatus status = LegalStatus::kPending;
};
std::vector<StatusPeriod> StatusHistory(const LegalFacts& facts);

}  // namespace ipa::core
