#include "store/saved_search_repo.hpp"

namespace ipa::store {
namespace {

constexpr std::string_view kColumns = "id, user_id, name, query, sort, created_at";

SavedSearchRow FromRow(const Row& r) {
  return {r.Int(0), core::UserId{r.Int(1)}, r.Text(2), r.Text(3), r.Text(4), r.Int(5)};
}

}  // namespace

Result<int64_t> InsertSavedSearch(Tx& tx, const SavedSearchRow& s) {
  auto row = tx.QueryOne(
      "INSERT INTO saved_searches (user_id, name, query, sort, created_at) "
      "VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {s.user_id.value, s.name, s.query, s.sort, s.created_at});
  if (!row && row.error().code == core::ErrorCode::kAlreadyExists) {
    return core::Fail(core::ErrorCode::kAlreadyExists,
                      "you already have a saved search named \"" + s.name + "\"", "name");
  }
  if (!row) return std::unexpected(row.error());
  return row->Int(0);
}

Result<std::vector<SavedSearchRow>> ListSavedSearches(Tx& tx, core::UserId user) {
  IPA_TRY(rows, tx.Query("SELECT " + std::string(kColumns) +
                             " FROM saved_searches WHERE user_id = $1 ORDER BY id DESC",
                         {user.value}));
  std::vector<SavedSearchRow> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<int64_t> CountSavedSearches(Tx& tx, core::UserId user) {
  IPA_TRY(row, tx.QueryOne("SELECT COUNT(*) FROM saved_searches WHERE user_id = $1", {user.value}));
  return row.Int(0);
}

Status DeleteSavedSearch(Tx& tx, core::UserId user, int64_t id) {
  IPA_TRY(n, tx.Exec("DELETE FROM saved_searches WHERE id = $1 AND user_id = $2", {id, user.value}));
  if (n == 0) {
    return core::Fail(core::ErrorCode::kNotFound, "saved search " + std::to_string(id) + " not found");
  }
  return {};
}

}  // namespace ipa::store
