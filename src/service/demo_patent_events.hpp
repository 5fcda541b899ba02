// The legal history of a demo patent: examination and its outcome, grant, annuities year by
// year, lapses for non-payment and restorations, surrender, invalidation, term compensation,
// and the transactions on a granted right (transfers, licences, pledges, open licences).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/patent.hpp"
#include "service/demo_patent_parties.hpp"
#include "service/demo_rng.hpp"

namespace ipa::service::demo {

struct LifeContext {
  core::PatentType type = core::PatentType::kInvention;
  core::Date filing;
  core::Date as_of;
  const Party* owner = nullptr;  // the first applicant
  int field = 0;
};

struct LifeResult {
  std::optional<core::Date> publication;   // the application publication (A) of an invention
  std::optional<core::Date> grant;         // the grant (and grant publication) date
  std::optional<core::Date> exam_request;  // inventions only
  std::string status;  // 法律状态 on as_of, e.g. "有效", "未缴年费专利权终止"
};

// Writes the events of one patent into `events` (ascending by date, none after ctx.as_of) and
// returns its dates and status; every date returned is on or before ctx.as_of.
LifeResult BuildLegalHistory(DemoRng& rng, const Parties& parties, const LifeContext& ctx,
                             std::vector<core::LegalEvent>& events);

}  // namespace ipa::service::demo
