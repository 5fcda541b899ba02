// Saved searches: a user's named queries (the text of the search language and a sort order).
#pragma once

#include <string>
#include <vector>

#include "core/ids.hpp"
#include "store/database.hpp"

namespace ipa::store {

struct SavedSearchRow {
  int64_t id = 0;
  core::UserId user_id;
  std::string name;
  std::string query;
  std::string sort;
  int64_t created_at = 0;
};

// kAlreadyExists (field name) when the user already has a search of that name.
Result<int64_t> InsertSavedSearch(Tx& tx, const SavedSearchRow& row);
// The user's searches, newest first.
Result<std::vector<SavedSearchRow>> ListSavedSearches(Tx& tx, core::UserId user);
Result<int64_t> CountSavedSearches(Tx& tx, core::UserId user);
// kNotFound unless the search exists and belongs to `user`.
Status DeleteSavedSearch(Tx& tx, core::UserId user, int64_t id);

}  // namespace ipa::store
