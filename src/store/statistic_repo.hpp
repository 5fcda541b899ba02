// Official aggregate patent tables in the store: rows of `official_statistics`, one per region
// and year (core::OfficialStatistic).
#pragma once

#include <string>
#include <vector>

#include "core/stats_official.hpp"
#include "store/database.hpp"

namespace ipa::store {

struct OfficialStatisticFilter {
  std::vector<std::string> region_codes;  // empty: every region
  int from_year = 0;                      // 0: no lower bound
  int to_year = 0;                        // 0: no upper bound
};

// Inserts the row, or replaces every figure of the stored row for the same region and year.
// Returns true when the row is new, false when it replaced one.
Result<bool> UpsertOfficialStatistic(Tx& tx, const core::OfficialStatistic& row);

// The rows matching `filter`, by region code then year.
Result<std::vector<core::OfficialStatistic>> ListOfficialStatistics(Tx& tx, const OfficialStatisticFilter& filter);

}  // namespace ipa::store
