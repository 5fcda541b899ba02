// libFuzzer target: arbitrary bytes as a stats-csv file. The parser never crashes, every
// accepted row satisfies the format's rules, and every rejection names a line inside the file.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/stats_official.hpp"

namespace {

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "stats-csv invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = ipa::core::ParseOfficialCsv(bytes);
  if (!parsed) return 0;
  const int64_t lines = 2 + static_cast<int64_t>(std::count(bytes.begin(), bytes.end(), '\n') +
                                                 std::count(bytes.begin(), bytes.end(), '\r'));
  Require(parsed->rows.size() == parsed->lines.size(), "one line per row");
  for (const auto& row : parsed->rows) {
    Require(!row.source.empty(), "source present");
    Require(row.year >= 1985 && row.year <= 2100, "year in range");
    Require(ipa::core::ParseStatRegion(row.region_code).has_value(), "region known");
    Require(row.applications || row.grants || row.valid_patents || row.valid_inventions, "a count");
  }
  for (const auto& r : parsed->rejections) {
    Require(r.line >= 2 && r.line <= lines, "rejection line inside the file");
    Require(!r.reason.empty(), "rejection reason");
  }
  return 0;
}
