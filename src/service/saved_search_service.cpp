#include "service/saved_search_service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "core/time.hpp"
#include "index/query.hpp"
#include "store/saved_search_repo.hpp"

namespace ipa::service {
namespace {

using core::ErrorCode;
using core::Fail;

SavedSearch FromRow(const store::SavedSearchRow& r) {
  return {r.id, r.name, r.query, r.sort, r.created_at};
}

}  // namespace

core::Result<std::vector<SavedSearch>> SavedSearchService::List(const Actor& actor) {
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  IPA_TRY(rows, store::ReadValue<std::vector<store::SavedSearchRow>>(
                    db_, [&](store::Tx& tx) { return store::ListSavedSearches(tx, actor.user->id); }));
  std::vector<SavedSearch> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

core::Result<SavedSearch> SavedSearchService::Create(const Actor& actor, std::string_view name,
                                                     std::string_view query, std::string_view sort) {
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  const std::string_view trimmed = core::Trim(name);
  if (trimmed.empty()) return Fail(ErrorCode::kInvalidArgument, "give the search a name", "name");
  if (!core::IsValidUtf8(trimmed) || core::Utf8Length(trimmed) > kMaxSavedSearchName) {
    return Fail(ErrorCode::kInvalidArgument,
                "a name has at most " + std::to_string(kMaxSavedSearchName) + " characters", "name");
  }
  auto parsed = index::ParseQuery(query);
  if (!parsed) return Fail(ErrorCode::kInvalidArgument, parsed.error().message, "query");
  if (std::find(kSearchSorts.begin(), kSearchSorts.end(), sort) == kSearchSorts.end()) {
    return Fail(ErrorCode::kInvalidArgument,
                "unknown sort \"" + std::string(sort) +
                    "\"; use relevance, filing_desc, filing_asc, publication_desc or "
                    "grant_desc",
                "sort");
  }
  store::SavedSearchRow row{0, actor.user->id, std::string(trimmed), index::ToString(*parsed),
                            std::string(sort), core::NowMs()};
  IPA_CHECK(db_.Write([&](store::Tx& tx) -> core::Status {
    IPA_TRY(count, store::CountSavedSearches(tx, actor.user->id));
    if (count >= static_cast<int64_t>(kMaxSavedSearches)) {
      return Fail(ErrorCode::kConflict, "you have " + std::to_string(count) +
                                            " saved searches, the most allowed; delete one first");
    }
    IPA_TRY(id, store::InsertSavedSearch(tx, row));
    row.id = id;
    return {};
  }));
  return FromRow(row);
}

core::Status SavedSearchService::Delete(const Actor& actor, int64_t id) {
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  return db_.Write([&](store::Tx& tx) { return store::DeleteSavedSearch(tx, actor.user->id, id); });
}

}  // namespace ipa::service
