// Saved searches: each user keeps named queries in the search language (docs/search-syntax.md)
// with a sort order, to run again later; a date-less `status=` in a saved query means the day it
// runs. Only the owner sees or deletes them.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "service/actor.hpp"
#include "store/database.hpp"

namespace ipa::service {

// The sort orders of the search API, by name.
inline constexpr std::array<std::string_view, 5> kSearchSorts = {
    "relevance", "filing_desc", "filing_asc", "publication_desc", "grant_desc"};
inline constexpr size_t kMaxSavedSearches = 200;  // per user
inline constexpr size_t kMaxSavedSearchName = 100;  // characters

struct SavedSearch {
  int64_t id = 0;
  std::string name;
  std::string query;  // canonical form (index::ToString of the parsed query)
  std::string sort;
  int64_t created_at = 0;  // ms since the epoch
};

class SavedSearchService {
 public:
  explicit SavedSearchService(store::Database& db) : db_(db) {}

  // The actor's saved searches, newest first.
  core::Result<std::vector<SavedSearch>> List(const Actor& actor);
  // Errors: kInvalidArgument naming the field (name empty or too long; query not parsable —
  // the parser's position and expectation; unknown sort); kAlreadyExists (field name) for a
  // duplicate name; kConflict beyond kMaxSavedSearches.
  core::Result<SavedSearch> Create(const Actor& actor, std::string_view name, std::string_view query,
                                   std::string_view sort);
  // kNotFound unless it is the actor's.
  core::Status Delete(const Actor& actor, int64_t id);

 private:
  store::Database& db_;
};

}  // namespace ipa::service
