// Searching an index snapshot: the query tree executed over every segment, top-k by BM25F or
// sorted by a date, cursor pagination, total hit count, facets over the full hit set, streaming
// of every hit in result order, and grouped counts for statistics. Thread-safe on a snapshot.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "index/query.hpp"
#include "index/segment.hpp"

namespace ipa::index {

// One segment with its deletions; global doc id = base + local id.
struct SnapshotPart {
  std::shared_ptr<const Segment> segment;
  std::shared_ptr<const std::vector<uint64_t>> deleted;  // bit per local doc; may be null
  uint32_t base = 0;
  bool IsDeleted(uint32_t local) const {
    return deleted && local / 64 < deleted->size() && ((*deleted)[local / 64] >> (local % 64)) & 1u;
  }
};

// An immutable view of the whole index. Share it with std::shared_ptr<const Snapshot>.
struct Snapshot {
  std::vector<SnapshotPart> parts;
  FieldParams params;
  uint64_t live_docs = 0;
  // The part holding a global doc id.
  const SnapshotPart& PartOf(uint32_t doc) const;
};

enum class SortBy : uint8_t { kRelevance, kFilingDesc, kFilingAsc, kPublicationDesc, kGrantDesc };

// A position in a result list: the sort key of the last hit shown and its doc id. As text:
// "<key>:<doc>" (e.g. "12.503:81723"); opaque to clients.
struct SearchCursor {
  double key = 0;
  uint32_t doc = 0;
  std::string Encode() const;
  static core::Result<SearchCursor> Decode(std::string_view text);
};

struct SearchRequest {
  Query query;
  SortBy sort = SortBy::kRelevance;
  uint32_t limit = 10;                 // 0..1000
  std::optional<SearchCursor> after;   // the next page starts after this hit
  core::Date as_of{};                  // status filters without a date and the status facet
  bool facets = false;
  uint32_t facet_top = 10;             // values per facet (applicants, subclasses)
};

struct Hit {
  uint32_t doc = 0;  // global id in this snapshot
  float score = 0;
  double key = 0;    // the sort key (score or date days)
};

struct FacetValue {
  std::string value;  // "110000", "invention", "valid", "2019", "H", "H01M", applicant name, "31"
  uint64_t count = 0;
};

struct Facets {
  std::vector<FacetValue> region, type, status, year, ipc_section, ipc_subclass, applicant, wipo;
};

struct SearchResult {
  uint64_t total = 0;
  std::vector<Hit> hits;
  std::optional<SearchCursor> next;  // set when more hits follow
  Facets facets;
};

// Runs the request. kInvalidArgument for a limit above 1000.
core::Result<SearchResult> Search(const Snapshot& snap, const SearchRequest& request);

// Calls `fn` for every hit in result order (all pages, no cap, ignoring limit and facets);
// stops early when `fn` returns false. Returns the number of hits visited.
uint64_t ForEachHit(const Snapshot& snap, const SearchRequest& request,
                    const std::function<bool(const Hit&)>& fn);

enum class CountDim : uint8_t { kProvince, kFilingYear, kGrantYear, kType, kStatus, kWipo };

struct CountsRequest {
  std::optional<Query> query;    // restrict to its hits; all patents when absent
  std::vector<CountDim> dims;    // 1..4 dimensions
  core::Date as_of{};            // for kStatus and status filters
};

struct CountRow {
  std::vector<std::string> key;  // one value per dim: "110000", "2019", "invention", "valid", "31"
  uint64_t count = 0;            // ("" for an unknown region/year, "0" for no WIPO field)
};

// Counts grouped by the dimensions, rows in ascending key order with count > 0.
// kInvalidArgument for no or more than four dimensions.
core::Result<std::vector<CountRow>> Counts(const Snapshot& snap, const CountsRequest& request);

}  // namespace ipa::index
