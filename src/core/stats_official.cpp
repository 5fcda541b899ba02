#include "core/stats_official.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include "core/region.hpp"
#include "core/stats_data.hpp"
#include "core/text.hpp"

namespace ipa::core {
namespace {

constexpr std::array<std::string_view, 9> kColumns = {"region", "year", "applications", "grants", "valid_patents",
                                                      "valid_inventions", "gdp", "population", "source"};
constexpr size_t kMaxSourceBytes = 500;

struct CsvRecord {
  std::vector<std::string> fields;
  int64_t line = 0;
  bool bad_quote = false;
};

// Splits RFC 4180 text into records (quoted fields may hold commas, quotes and line breaks).
std::vector<CsvRecord> SplitCsv(std::string_view text) {
  std::vector<CsvRecord> out;
  CsvRecord rec{{std::string()}, 1, false};
  int64_t line = 1;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rec.fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        rec.fields.back().push_back(c);
      }
    } else if (c == '"') {
      if (!rec.fields.back().empty() || was_quoted) rec.bad_quote = true;
      quoted = was_quoted = true;
    } else if (c == ',') {
      rec.fields.emplace_back();
      was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.push_back(std::move(rec));
      rec = CsvRecord{{std::string()}, ++line, false};
      was_quoted = false;
    } else {
      if (was_quoted) rec.bad_quote = true;
      rec.fields.back().push_back(c);
    }
  }
  if (quoted) rec.bad_quote = true;
  if (rec.fields.size() > 1 || !rec.fields[0].empty() || rec.bad_quote) out.push_back(std::move(rec));
  return out;
}

bool IsBlank(const CsvRecord& r) {
  for (const std::string& f : r.fields) {
    if (!Trim(f).empty()) return false;
  }
  return true;
}

Result<std::optional<int64_t>> ParseCount(std::string_view s, std::string_view field) {
  s = Trim(s);
  if (s.empty()) return std::optional<int64_t>();
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) {
    return Fail(ErrorCode::kInvalidArgument, "not a whole number ≥ 0: " + std::string(s), std::string(field));
  }
  return std::optional<int64_t>(v);
}

Result<std::optional<double>> ParseAmount(std::string_view s, std::string_view field) {
  s = Trim(s);
  if (s.empty()) return std::optional<double>();
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "not a positive number: " + std::string(s), std::string(field));
  }
  return std::optional<double>(v);
}

// One data record to a row, given the column index of each known column (-1: absent).
Result<OfficialStatistic> ParseRow(const CsvRecord& rec, const std::array<int, 9>& col) {
  auto get = [&](size_t k) -> std::string_view {
    const int i = col[k];
    return i < 0 || static_cast<size_t>(i) >= rec.fields.size() ? std::string_view() : Trim(rec.fields[i]);
  };
  OfficialStatistic row;
  auto region = ParseStatRegion(get(0));
  if (!region) return Fail(ErrorCode::kInvalidArgument, "not a province code or name, or 全国/100000: " + std::string(get(0)), "region");
  row.region_code = *region;
  IPA_TRY(year, ParseCount(get(1), "year"));
  if (!year || *year < 1985 || *year > 2100) return Fail(ErrorCode::kInvalidArgument, "a year from 1985 to 2100 is required", "year");
  row.year = static_cast<int>(*year);
  IPA_TRY(applications, ParseCount(get(2), "applications"));
  IPA_TRY(grants, ParseCount(get(3), "grants"));
  IPA_TRY(valid_patents, ParseCount(get(4), "valid_patents"));
  IPA_TRY(valid_inventions, ParseCount(get(5), "valid_inventions"));
  IPA_TRY(gdp, ParseAmount(get(6), "gdp"));
  IPA_TRY(population, ParseAmount(get(7), "population"));
  row.applications = applications;
  row.grants = grants;
  row.valid_patents = valid_patents;
  row.valid_inventions = valid_inventions;
  row.gdp = gdp;
  row.population = population;
  row.source = std::string(get(8));
  if (row.source.empty()) return Fail(ErrorCode::kInvalidArgument, "the source of the figures is required", "source");
  if (row.source.size() > kMaxSourceBytes) return Fail(ErrorCode::kInvalidArgument, "at most 500 bytes", "source");
  if (!applications && !grants && !valid_patents && !valid_inventions) {
    return Fail(ErrorCode::kInvalidArgument, "at least one of applications, grants, valid_patents, valid_inventions", "applications");
  }
  if (valid_patents && valid_inventions && *valid_inventions > *valid_patents) {
    return Fail(ErrorCode::kInvalidArgument, "more valid inventions than valid patents", "valid_inventions");
  }
  return row;
}

Result<std::array<int, 9>> ReadHeader(const CsvRecord& header) {
  std::array<int, 9> col;
  col.fill(-1);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name(Trim(header.fields[i]));
    for (char& c : name) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    for (size_t k = 0; k < kColumns.size(); ++k) {
      if (name == kColumns[k]) col[k] = static_cast<int>(i);
    }
    // The layout of ../shared/data/cn-stats/patents_by_province.csv is accepted as well.
    if (name == "province_code" || name == "region_code") col[0] = static_cast<int>(i);
    if (name == "source_id") col[8] = static_cast<int>(i);
  }
  for (size_t k : {0, 1, 2, 3, 4, 5, 8}) {
    if (col[k] < 0) return Fail(ErrorCode::kInvalidArgument, "header: the column " + std::string(kColumns[k]) + " is missing", std::string(kColumns[k]));
  }
  return col;
}

}  // namespace

std::optional<std::string> ParseStatRegion(std::string_view text) {
  text = Trim(text);
  if (text == kNationalRegionCode || text == "全国") return std::string(kNationalRegionCode);
  for (const Region* r : RegionChildren("")) {
    if (r->code == text || r->name == text) return r->code;
    // Short names: 北京 for 北京市, 河北 for 河北省, 内蒙古 for 内蒙古自治区.
    if (!text.empty() && r->name.starts_with(text) && text.size() >= 6) return r->code;
  }
  return std::nullopt;
}

Result<OfficialCsv> ParseOfficialCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!IsValidUtf8(text)) return Fail(ErrorCode::kInvalidArgument, "the file is not UTF-8; save it as UTF-8 CSV");
  std::vector<CsvRecord> records = SplitCsv(text);
  if (records.empty()) return Fail(ErrorCode::kInvalidArgument, "the file is empty; expected a header line");
  IPA_TRY(col, ReadHeader(records[0]));
  OfficialCsv out;
  std::set<std::pair<std::string, int>> seen;
  for (size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& rec = records[i];
    if (IsBlank(rec)) continue;
    if (rec.bad_quote) {
      out.rejections.push_back({rec.line, "", "malformed quoting"});
      continue;
    }
    auto row = ParseRow(rec, col);
    if (!row) {
      out.rejections.push_back({rec.line, row.error().field, row.error().message});
      continue;
    }
    if (!seen.insert({row->region_code, row->year}).second) {
      out.rejections.push_back({rec.line, "region", "this region and year appear earlier in the file"});
      continue;
    }
    out.rows.push_back(std::move(*row));
    out.lines.push_back(rec.line);
  }
  return out;
}

PatentCounts ToPatentCounts(const std::vector<OfficialStatistic>& rows) {
  PatentCounts counts;
  for (const OfficialStatistic& r : rows) {
    auto put = [&](PatentMeasure m, const std::optional<int64_t>& v) {
      if (v) counts.Set(r.region_code, r.year, m, static_cast<double>(*v), r.source);
    };
    put(PatentMeasure::kApplications, r.applications);
    put(PatentMeasure::kGrants, r.grants);
    put(PatentMeasure::kValidPatents, r.valid_patents);
    put(PatentMeasure::kValidInventions, r.valid_inventions);
    if (r.gdp) counts.SetDenominator(r.region_code, r.year, StatMeasure::kGdp, *r.gdp, r.source);
    if (r.population) counts.SetDenominator(r.region_code, r.year, StatMeasure::kPopulation, *r.population, r.source);
  }
  return counts;
}

const std::vector<OfficialStatistic>& ShippedOfficialStatistics() {
  static const std::vector<OfficialStatistic> rows = [] {
    auto parsed = ParseOfficialCsv(embedded::kStatsOfficialCsv);
    return parsed ? parsed->rows : std::vector<OfficialStatistic>{};
  }();
  return rows;
}

}  // namespace ipa::core
