// The search engine as a service: builds the in-memory index (src/index) from the store at
// start, follows the store's change log so an imported or edited patent is searchable within a
// second, and answers searches, exports and statistics counts from immutable snapshots.
//
// Concurrency: every public method is thread-safe. Readers take the current snapshot (a
// shared_ptr copy under a mutex held for nanoseconds) and never wait for the writer; the
// follower thread builds a new segment for each batch of changes off to the side and swaps in
// a new snapshot. Design and memory: docs/search-engine.md.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "index/search.hpp"
#include "store/database.hpp"

namespace ipa::service {

struct SearchServiceOptions {
  // How often the follower polls the change log; 0 disables following (call CatchUp yourself).
  std::chrono::milliseconds poll_interval{200};
  int build_threads = 2;  // segments built in parallel at start
  index::FieldParams scoring;
  // Small segments from live updates are merged into one when there are more than this many.
  int max_delta_segments = 8;
};

// What a caller asks. `q` is the query language of docs/search-syntax.md.
struct SearchQuery {
  std::string q;
  index::SortBy sort = index::SortBy::kRelevance;
  uint32_t limit = 10;      // 0..1000
  std::string cursor;       // "" for the first page; else a SearchPage::next_cursor
  std::optional<core::Date> as_of;  // status conditions without '@' and the status column; today when absent
  bool facets = false;
  bool snippets = true;     // highlighted title and abstract (the abstract is read from the store)
};

// One hit, everything a result row or an export line shows.
struct SearchHit {
  std::string application_number;
  std::string publication_number;
  std::string title;
  std::string title_html;     // HTML-escaped title with <mark> around query terms
  std::string abstract_html;  // a highlighted snippet of the abstract ("" when snippets off)
  std::vector<std::string> applicants;  // normalised-applicant dictionary names
  std::optional<core::Date> filing_date;
  core::PatentType type = core::PatentType::kInvention;
  std::string region_code;    // GB/T 2260, "" when unknown
  core::LegalStatus status = core::LegalStatus::kPending;  // on the as-of date
  float score = 0;
};

struct SearchPage {
  uint64_t total = 0;
  std::vector<SearchHit> items;
  std::string next_cursor;  // "" on the last page
  index::Facets facets;     // filled when requested
  std::string query;        // the query in canonical form (index::ToString)
};

struct SearchStats {
  uint64_t docs = 0;      // live patents searchable
  uint64_t terms = 0;     // dictionary entries summed over segments
  uint64_t memory_bytes = 0;
  uint32_t segments = 0;
  int64_t applied_seq = 0;  // the last change-log sequence number reflected in searches
};

class SearchService {
 public:
  // Builds the index from every patent in `db` and, when options.poll_interval > 0, starts the
  // follower thread. `db` must outlive the service. Errors from the store are returned.
  static core::Result<std::unique_ptr<SearchService>> Start(store::Database& db, SearchServiceOptions options = {});
  ~SearchService();  // stops the follower
  SearchService(const SearchService&) = delete;
  SearchService& operator=(const SearchService&) = delete;

  // One page of ranked (or date-sorted) hits with the total and, on request, facets.
  // kInvalidArgument (field "q", "cursor" or "limit") for a bad query, cursor or limit.
  core::Result<SearchPage> Search(const SearchQuery& query) const;

  // Every hit in result order from the cursor on, without a cap (limit and facets ignored;
  // snippets are not made: an export carries plain fields). Stops when `fn` returns false.
  // Returns the number of hits passed to `fn`. Errors as Search.
  core::Result<uint64_t> ForEachHit(const SearchQuery& query, const std::function<bool(const SearchHit&)>& fn) const;

  // Counts grouped by 1..4 dimensions (province, filing or grant year, type, status on
  // `as_of`, WIPO field), over all patents or the hits of `q` when not empty.
  // kInvalidArgument for a bad query or dimension list.
  core::Result<std::vector<index::CountRow>> Counts(const std::string& q, const std::vector<index::CountDim>& dims,
                                                     core::Date as_of) const;

  SearchStats Stats() const;

  // Applies every change logged so far and waits until it is searchable. The follower calls
  // this on its own; tests and the CLI may call it to be sure. Thread-safe.
  core::Status CatchUp();

  // The current snapshot, for callers that run several index operations on one view.
  std::shared_ptr<const index::Snapshot> snapshot() const;

 private:
  struct Writer;
  SearchService(store::Database& db, SearchServiceOptions options);
  core::Status Build();
  void Follow();
  void Publish(std::shared_ptr<const index::Snapshot> snap);
  SearchHit MakeHit(const index::Snapshot& snap, const index::Hit& hit, core::Date as_of) const;

  store::Database& db_;
  SearchServiceOptions options_;
  mutable std::mutex snap_mu_;
  std::shared_ptr<const index::Snapshot> snap_;
  std::unique_ptr<Writer> writer_;  // guarded by writer_mu_
  std::mutex writer_mu_;
  std::atomic<int64_t> applied_seq_{0};
  std::atomic<bool> stop_{false};
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  std::thread follower_;
};

// "relevance", "filing_desc", "filing_asc", "publication_desc", "grant_desc".
std::optional<index::SortBy> ParseSortBy(std::string_view name);
// "province", "filing_year", "grant_year", "type", "status", "wipo".
std::optional<index::CountDim> ParseCountDim(std::string_view name);

}  // namespace ipa::service
