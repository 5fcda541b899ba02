// Deals on a granted demo patent: transfers, recorded licences, pledges and open licences.
// Beijing universities and institutes deal mostly with Tianjin and Hebei companies.
#pragma once

#include <optional>
#include <vector>

#include "core/patent.hpp"
#include "service/demo_patent_events.hpp"
#include "service/demo_patent_parties.hpp"
#include "service/demo_rng.hpp"

namespace ipa::service::demo {

// A lapse later cured by restoration: not in force from `start` (the first unpaid day) until
// `restored`; `lapse` is the day the lapse was recorded (after the grace period).
struct Gap {
  core::Date start, lapse, restored;
};

// Dates on which a granted right can be dealt with: in force, not after as_of.
class DealWindow {
 public:
  DealWindow(core::Date from, core::Date to, const std::vector<Gap>& gaps)
      : from_(from), to_(to), gaps_(gaps) {}
  core::Date to() const { return to_; }
  // A uniform date in [max(from, after), to]; nullopt when none is left or it falls in a gap.
  std::optional<core::Date> Pick(DemoRng& rng, core::Date after) const;

 private:
  core::Date from_, to_;
  const std::vector<Gap>& gaps_;
};

// Appends an event and returns it for the caller to complete.
core::LegalEvent& PushEvent(std::vector<core::LegalEvent>& events, core::EventKind kind,
                            core::Date date, const char* note = "");

bool IsResearch(const Party& p);  // a university or an institute

// Appends the deals of the right (rates by owner kind and region) to `events`, unsorted.
void MakeDeals(DemoRng& rng, const Parties& parties, const LifeContext& ctx,
               const DealWindow& window, core::Date term_end,
               std::vector<core::LegalEvent>& events);

}  // namespace ipa::service::demo
