// Official aggregate patent tables (a statistics office's yearbook rows): one row per region
// and year, and the "stats-csv" file format they are imported from (docs/statistics.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/stats_counts.hpp"

namespace ipa::core {

struct OfficialStatistic {
  std::string region_code;  // province code or kNationalRegionCode
  int year = 0;
  std::optional<int64_t> applications, grants, valid_patents, valid_inventions;
  std::optional<double> gdp;         // 100 million yuan
  std::optional<double> population;  // 10,000 persons
  std::string source;                // the table it was copied from (required)
};

struct OfficialRejection {
  int64_t line = 0;  // 1-based line where the row starts
  std::string field;
  std::string reason;
};

struct OfficialCsv {
  std::vector<OfficialStatistic> rows;
  std::vector<int64_t> lines;  // the line of each row
  std::vector<OfficialRejection> rejections;
};

// Parses a stats-csv file (UTF-8, optional BOM, RFC 4180 quoting). Bad rows are rejected with
// line, field and reason; kInvalidArgument only when the header lacks a required column or the
// text is not UTF-8. Region may be a code ("110000", "100000" for the nation) or a province
// name ("北京市", "北京", "全国"). A (region, year) repeated in the file is rejected.
Result<OfficialCsv> ParseOfficialCsv(std::string_view text);

// The region code for a stats-csv region field; nullopt when it is not a province or the nation.
std::optional<std::string> ParseStatRegion(std::string_view text);

// The rows as indicator inputs (each count and any GDP/population, with the row's source).
PatentCounts ToPatentCounts(const std::vector<OfficialStatistic>& rows);

// The official tables shipped in data/stats/official_patents.csv (CNIPA annual-report figures).
const std::vector<OfficialStatistic>& ShippedOfficialStatistics();

}  // namespace ipa::core
