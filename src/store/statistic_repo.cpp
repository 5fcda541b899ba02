#include "store/statistic_repo.hpp"

#include <charconv>

#include "core/time.hpp"

namespace ipa::store {
namespace {

constexpr std::string_view kExists = "SELECT 1 FROM official_statistics WHERE region_code = $1 AND year = $2";
constexpr std::string_view kInsert =
    "INSERT INTO official_statistics (region_code, year, applications, grants, valid_patents, valid_inventions, "
    "gdp_100m_yuan, population_10k, source, imported_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)";
constexpr std::string_view kUpdate =
    "UPDATE official_statistics SET applications = $3, grants = $4, valid_patents = $5, valid_inventions = $6, "
    "gdp_100m_yuan = $7, population_10k = $8, source = $9, updated_at = $10 WHERE region_code = $1 AND year = $2";
constexpr std::string_view kSelect =
    "SELECT region_code, year, applications, grants, valid_patents, valid_inventions, gdp_100m_yuan, "
    "population_10k, source FROM official_statistics WHERE year >= $1 AND year <= $2";

Value OptInt(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(nullptr); }
Value OptDouble(const std::optional<double>& v) { return v ? Value(*v) : Value(nullptr); }

std::optional<double> ColDouble(const Row& row, size_t i) {
  if (row.IsNull(i)) return std::nullopt;
  const std::string& t = row.Text(i);
  double v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

core::OfficialStatistic FromRow(const Row& r) {
  core::OfficialStatistic s;
  s.region_code = r.Text(0);
  s.year = static_cast<int>(r.Int(1));
  s.applications = r.OptInt(2);
  s.grants = r.OptInt(3);
  s.valid_patents = r.OptInt(4);
  s.valid_inventions = r.OptInt(5);
  s.gdp = ColDouble(r, 6);
  s.population = ColDouble(r, 7);
  s.source = r.Text(8);
  return s;
}

}  // namespace

Result<bool> UpsertOfficialStatistic(Tx& tx, const core::OfficialStatistic& row) {
  IPA_TRY(existing, tx.Query(kExists, {row.region_code, int64_t{row.year}}));
  const std::vector<Value> params = {row.region_code,         int64_t{row.year},   OptInt(row.applications),
                                     OptInt(row.grants),      OptInt(row.valid_patents),
                                     OptInt(row.valid_inventions), OptDouble(row.gdp), OptDouble(row.population),
                                     row.source,              core::NowMs()};
  IPA_CHECK(tx.Exec(existing.empty() ? kInsert : kUpdate, params));
  return existing.empty();
}

Result<std::vector<core::OfficialStatistic>> ListOfficialStatistics(Tx& tx, const OfficialStatisticFilter& filter) {
  std::string sql(kSelect);
  std::vector<Value> params = {int64_t{filter.from_year}, int64_t{filter.to_year > 0 ? filter.to_year : 9999}};
  if (!filter.region_codes.empty()) {
    sql += " AND region_code IN (";
    for (size_t i = 0; i < filter.region_codes.size(); ++i) {
      sql += (i ? ", $" : "$") + std::to_string(params.size() + 1);
      params.emplace_back(filter.region_codes[i]);
    }
    sql += ")";
  }
  sql += " ORDER BY region_code, year";
  IPA_TRY(rows, tx.Query(sql, params));
  std::vector<core::OfficialStatistic> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace ipa::store
