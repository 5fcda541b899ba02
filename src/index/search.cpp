#include "index/search.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "index/executor.hpp"

namespace ipa::index {
namespace {

ScoreStats StatsFor(const Snapshot& snap, const Node& root) {
  ScoreStats stats;
  double n = 0;
  for (const auto& p : snap.parts) n += p.segment->doc_count();
  stats.doc_count = std::max(1.0, n);
  std::vector<std::string> terms;
  CollectTerms(root, terms);
  for (const auto& t : terms) {
    uint32_t df = 0;
    for (const auto& p : snap.parts) {
      if (const TermInfo* info = p.segment->Find(t)) df += info->df;
    }
    stats.df[t] = df;
  }
  return stats;
}

double SortKey(const Segment& seg, uint32_t local, float score, SortBy sort) {
  const DocColumns& c = seg.cols();
  auto date = [](int32_t d) { return d == kNoDate ? -1e9 : static_cast<double>(d); };
  switch (sort) {
    case SortBy::kRelevance: return score;
    case SortBy::kFilingDesc: return date(c.filing[local]);
    case SortBy::kFilingAsc: return -date(c.filing[local]);
    case SortBy::kPublicationDesc: return date(c.publication[local]);
    case SortBy::kGrantDesc: return date(c.grant[local]);
  }
  return score;
}

// Result order: key descending, then doc ascending.
bool Before(const Hit& a, const Hit& b) { return a.key != b.key ? a.key > b.key : a.doc < b.doc; }
bool AfterCursor(const Hit& h, const SearchCursor& c) { return h.key != c.key ? h.key < c.key : h.doc > c.doc; }

// Every live hit of every segment, with its sort key; `fn(part, set)` per segment.
template <class F>
void ForEachSegmentHits(const Snapshot& snap, const Query& q, core::Date as_of, F&& fn) {
  const ScoreStats stats = StatsFor(snap, q.root);
  for (const auto& part : snap.parts) {
    SegmentExecutor exec(*part.segment, snap.params, stats, as_of);
    DocSet set = exec.Eval(q.root);
    if (part.deleted) {
      size_t w = 0;
      for (size_t i = 0; i < set.docs.size(); ++i) {
        if (part.IsDeleted(set.docs[i])) continue;
        set.docs[w] = set.docs[i];
        set.scores[w++] = set.scores[i];
      }
      set.docs.resize(w);
      set.scores.resize(w);
    }
    fn(part, set);
  }
}

// The `top` largest counts (ties by value), materialising only their strings. The keys point
// into the segments' dictionaries, which outlive the counter (the caller holds the snapshot).
std::vector<FacetValue> TopValues(std::vector<std::pair<std::string_view, uint64_t>> all, size_t top) {
  auto before = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  const size_t n = std::min(top, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<long>(n), all.end(), before);
  std::vector<FacetValue> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back({std::string(all[i].first), all[i].second});
  return out;
}

std::vector<FacetValue> TopValues(const std::unordered_map<std::string_view, uint64_t>& counts, size_t top) {
  return TopValues(std::vector<std::pair<std::string_view, uint64_t>>(counts.begin(), counts.end()), top);
}

// Applicant counts merged across segments by name. Each slot keeps a segment's dictionary id
// and the name's precomputed hash: names are read only to confirm a match between segments and
// for the final top values, not hashed per query (hashing every counted name was about 15% of
// a search request's CPU).
class NameCounts {
 public:
  void Add(const Segment& seg, uint32_t id, uint64_t n) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t hash = seg.applicant_hashes()[id];
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.count == 0) {
        s = {hash, &seg, id, n};
        ++size_;
        return;
      }
      if (s.hash == hash && (s.seg == &seg ? s.id == id : s.seg->applicant_names()[s.id] == seg.applicant_names()[id])) {
        s.count += n;
        return;
      }
    }
  }
  std::vector<std::pair<std::string_view, uint64_t>> Entries() const {
    std::vector<std::pair<std::string_view, uint64_t>> out;
    out.reserve(size_);
    for (const Slot& s : slots_) {
      if (s.count) out.emplace_back(s.seg->applicant_names()[s.id], s.count);
    }
    return out;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    const Segment* seg = nullptr;
    uint32_t id = 0;
    uint64_t count = 0;  // 0: empty
  };
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 256 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.count) continue;
      size_t i = s.hash & mask_;
      while (slots_[i].count) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0, size_ = 0;
};

std::vector<FacetValue> DenseValues(const std::vector<uint64_t>& counts, const std::function<std::string(size_t)>& name) {
  std::vector<FacetValue> out;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i]) out.push_back({name(i), counts[i]});
  }
  std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return out;
}

// Accumulates facet counts over hits; dense arrays for small domains, per-segment id arrays
// for applicants and subclasses merged by name.
class FacetCounter {
 public:
  explicit FacetCounter(core::Date as_of) : as_of_(as_of) {}
  void AddSegment(const Segment& seg, const std::vector<uint32_t>& docs) {
    const DocColumns& c = seg.cols();
    std::vector<uint32_t> sub(seg.subclasses().size());
    // Applicants: a dense array when the hits are many, else a map (the dictionary is large).
    const bool dense = docs.size() * 4 > seg.applicant_names().size();
    std::vector<uint32_t> app(dense ? seg.applicant_names().size() : 0);
    std::vector<uint32_t>& app_sparse = app_ids_;  // the ids, sorted and counted afterwards
    app_sparse.clear();
    const auto status = seg.StatusColumn(as_of_);
    for (uint32_t d : docs) {
      region_[c.region[d] / 10000]++;
      type_[c.type[d]]++;
      status_[static_cast<size_t>(Segment::StatusOf(c, status.get(), d, as_of_))]++;
      if (c.filing_year[d]) year_[std::clamp(c.filing_year[d] - 1900, 0, 299)]++;
      wipo_[c.wipo[d]]++;
      uint32_t sections = 0;
      const uint32_t first = c.ipc_offsets[d], last = c.ipc_offsets[d + 1];
      for (uint32_t i = first; i < last; ++i) {
        const IpcEntry& e = seg.ipc_dict()[c.ipc_ids[i]];
        const uint32_t bit = 1u << (e.section - 'A');
        if (!(sections & bit)) section_[e.section - 'A']++;
        sections |= bit;
        bool seen = false;  // a patent counts once per subclass
        for (uint32_t j = first; j < i && !seen; ++j) seen = seg.ipc_dict()[c.ipc_ids[j]].subclass_id == e.subclass_id;
        if (!seen) sub[e.subclass_id]++;
      }
      for (uint32_t i = c.applicant_offsets[d]; i < c.applicant_offsets[d + 1]; ++i) {
        if (dense) {
          app[c.applicant_ids[i]]++;
        } else {
          app_sparse.push_back(c.applicant_ids[i]);
        }
      }
    }
    for (size_t i = 0; i < sub.size(); ++i) {
      if (sub[i]) subclass_[seg.subclasses()[i]] += sub[i];
    }
    for (size_t i = 0; i < app.size(); ++i) {
      if (app[i]) applicant_.Add(seg, static_cast<uint32_t>(i), app[i]);
    }
    std::sort(app_sparse.begin(), app_sparse.end());
    for (size_t i = 0; i < app_sparse.size();) {
      size_t j = i + 1;
      while (j < app_sparse.size() && app_sparse[j] == app_sparse[i]) ++j;
      applicant_.Add(seg, app_sparse[i], j - i);
      i = j;
    }
  }
  Facets Finish(size_t top) {
    Facets f;
    f.region = DenseValues(region_, [](size_t i) { return i == 0 ? std::string() : std::to_string(i * 10000); });
    f.type = DenseValues(type_, [](size_t i) { return std::string(core::PatentTypeName(static_cast<core::PatentType>(i))); });
    f.status = DenseValues(status_, [](size_t i) { return std::string(core::LegalStatusName(static_cast<core::LegalStatus>(i))); });
    f.year = DenseValues(year_, [](size_t i) { return std::to_string(1900 + i); });
    f.ipc_section = DenseValues(section_, [](size_t i) { return std::string(1, static_cast<char>('A' + i)); });
    f.wipo = DenseValues(wipo_, [](size_t i) { return std::to_string(i); });
    f.ipc_subclass = TopValues(subclass_, top);
    f.applicant = TopValues(applicant_.Entries(), top);
    return f;
  }

 private:
  core::Date as_of_;
  std::vector<uint64_t> region_ = std::vector<uint64_t>(100), type_ = std::vector<uint64_t>(3),
                        status_ = std::vector<uint64_t>(core::kLegalStatusCount), year_ = std::vector<uint64_t>(300),
                        section_ = std::vector<uint64_t>(8), wipo_ = std::vector<uint64_t>(36);
  std::unordered_map<std::string_view, uint64_t> subclass_;  // into segment dictionaries
  NameCounts applicant_;
  std::vector<uint32_t> app_ids_;
};

}  // namespace

const SnapshotPart& Snapshot::PartOf(uint32_t doc) const {
  auto it = std::upper_bound(parts.begin(), parts.end(), doc, [](uint32_t d, const SnapshotPart& p) { return d < p.base; });
  return *(it - 1);
}

std::string SearchCursor::Encode() const {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, key);
  *r.ptr++ = ':';
  r = std::to_chars(r.ptr, buf + sizeof buf, doc);
  return std::string(buf, r.ptr);
}

core::Result<SearchCursor> SearchCursor::Decode(std::string_view text) {
  const auto colon = text.find(':');
  SearchCursor c;
  auto bad = [] { return core::Fail(core::ErrorCode::kInvalidArgument, "malformed cursor", "cursor"); };
  if (colon == std::string_view::npos) return bad();
  auto r1 = std::from_chars(text.data(), text.data() + colon, c.key);
  auto r2 = std::from_chars(text.data() + colon + 1, text.data() + text.size(), c.doc);
  if (r1.ec != std::errc() || r1.ptr != text.data() + colon || r2.ec != std::errc() ||
      r2.ptr != text.data() + text.size() || !std::isfinite(c.key)) {
    return bad();
  }
  return c;
}

core::Result<SearchResult> Search(const Snapshot& snap, const SearchRequest& req) {
  if (req.limit > 1000) return core::Fail(core::ErrorCode::kInvalidArgument, "limit must be at most 1000", "limit");
  SearchResult result;
  std::vector<Hit> heap;  // min-heap on result order: the worst kept hit on top
  const size_t want = req.limit + 1;
  std::optional<FacetCounter> facets;
  if (req.facets) facets.emplace(req.as_of);
  ForEachSegmentHits(snap, req.query, req.as_of, [&](const SnapshotPart& part, const DocSet& set) {
    result.total += set.docs.size();
    if (facets) facets->AddSegment(*part.segment, set.docs);
    for (size_t i = 0; i < set.docs.size(); ++i) {
      const Hit h{part.base + set.docs[i], set.scores[i], SortKey(*part.segment, set.docs[i], set.scores[i], req.sort)};
      if (req.after && !AfterCursor(h, *req.after)) continue;
      if (heap.size() < want) {
        heap.push_back(h);
        std::push_heap(heap.begin(), heap.end(), Before);
      } else if (Before(h, heap.front())) {
        std::pop_heap(heap.begin(), heap.end(), Before);
        heap.back() = h;
        std::push_heap(heap.begin(), heap.end(), Before);
      }
    }
  });
  std::sort(heap.begin(), heap.end(), Before);
  if (heap.size() > req.limit) {
    heap.resize(req.limit);
    if (!heap.empty()) result.next = SearchCursor{heap.back().key, heap.back().doc};
  }
  result.hits = std::move(heap);
  if (facets) result.facets = facets->Finish(req.facet_top);
  return result;
}

uint64_t ForEachHit(const Snapshot& snap, const SearchRequest& req, const std::function<bool(const Hit&)>& fn) {
  std::vector<Hit> all;
  ForEachSegmentHits(snap, req.query, req.as_of, [&](const SnapshotPart& part, const DocSet& set) {
    for (size_t i = 0; i < set.docs.size(); ++i) {
      const Hit h{part.base + set.docs[i], set.scores[i], SortKey(*part.segment, set.docs[i], set.scores[i], req.sort)};
      if (!req.after || AfterCursor(h, *req.after)) all.push_back(h);
    }
  });
  std::sort(all.begin(), all.end(), Before);
  uint64_t n = 0;
  for (const Hit& h : all) {
    ++n;
    if (!fn(h)) break;
  }
  return n;
}

namespace {

// The value domain of each count dimension: values are 0..size-1, 0 meaning unknown for the
// region and the years, whose buckets start at `first_year`.
struct DimDomain {
  uint16_t first_year = 0;
  size_t year_buckets = 1;
  size_t Size(CountDim d) const {
    switch (d) {
      case CountDim::kProvince: return 100;
      case CountDim::kFilingYear:
      case CountDim::kGrantYear: return year_buckets;
      case CountDim::kType: return 3;
      case CountDim::kStatus: return core::kLegalStatusCount;
      case CountDim::kWipo: return 36;
    }
    return 1;
  }
  size_t Year(uint16_t y) const { return y ? y - first_year + 1u : 0; }
  std::string Value(CountDim dim, size_t v) const {
    switch (dim) {
      case CountDim::kProvince: return v == 0 ? "" : std::to_string(v * 10000);
      case CountDim::kFilingYear:
      case CountDim::kGrantYear: return v == 0 ? "" : std::to_string(first_year + v - 1);
      case CountDim::kType: return std::string(core::PatentTypeName(static_cast<core::PatentType>(v)));
      case CountDim::kStatus: return std::string(core::LegalStatusName(static_cast<core::LegalStatus>(v)));
      case CountDim::kWipo: return std::to_string(v);
    }
    return "";
  }
};

}  // namespace

core::Result<std::vector<CountRow>> Counts(const Snapshot& snap, const CountsRequest& req) {
  if (req.dims.empty() || req.dims.size() > 4) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "counts need one to four dimensions", "group_by");
  }
  DimDomain dom;
  uint16_t lo = 0, hi = 0;
  for (const auto& p : snap.parts) {
    if (!p.segment->min_year()) continue;
    lo = lo ? std::min(lo, p.segment->min_year()) : p.segment->min_year();
    hi = std::max(hi, p.segment->max_year());
  }
  dom.first_year = lo;
  dom.year_buckets = lo ? hi - lo + 2u : 1u;
  size_t cells = 1;
  for (CountDim d : req.dims) cells *= dom.Size(d);
  std::vector<uint32_t> counts(cells);
  std::vector<uint32_t> touched;  // cells in first-touch order
  std::vector<uint32_t> keys;
  // Small tables (the usual 2-3 dimensions) count in four lanes; large ones count directly.
  std::vector<uint32_t> lanes(cells <= (1u << 16) ? 4 * cells : 0);
  // One tight pass per dimension over the segment's docs (all live ones, or the hits), then one
  // counting pass.
  // `doc_at(i)` gives the i-th doc to count: the hits, or every doc of a segment without
  // deletions (no id list at all).
  auto count_docs = [&](const Segment& seg, size_t n, auto doc_at) {
    const DocColumns& c = seg.cols();
    keys.assign(n, 0);
    for (CountDim dim : req.dims) {
      const auto size = static_cast<uint32_t>(dom.Size(dim));
      switch (dim) {
        case CountDim::kProvince:
          for (size_t i = 0; i < n; ++i) keys[i] = keys[i] * size + c.region[doc_at(i)] / 10000;
          break;
        case CountDim::kFilingYear:
          for (size_t i = 0; i < n; ++i) keys[i] = keys[i] * size + static_cast<uint32_t>(dom.Year(c.filing_year[doc_at(i)]));
          break;
        case CountDim::kGrantYear:
          for (size_t i = 0; i < n; ++i) keys[i] = keys[i] * size + static_cast<uint32_t>(dom.Year(c.grant_year[doc_at(i)]));
          break;
        case CountDim::kType:
          for (size_t i = 0; i < n; ++i) keys[i] = keys[i] * size + c.type[doc_at(i)];
          break;
        case CountDim::kStatus:
        {
          const auto status = seg.StatusColumn(req.as_of);
          for (size_t i = 0; i < n; ++i) {
            keys[i] = keys[i] * size + static_cast<uint32_t>(Segment::StatusOf(c, status.get(), doc_at(i), req.as_of));
          }
          break;
        }
        case CountDim::kWipo:
          for (size_t i = 0; i < n; ++i) keys[i] = keys[i] * size + c.wipo[doc_at(i)];
          break;
      }
    }
    if (!lanes.empty()) {
      // Four interleaved count arrays: consecutive documents with the same key do not wait on
      // each other's increment. Summed (and the touched cells found) once at the end.
      uint32_t* l0 = lanes.data();
      uint32_t* l1 = l0 + cells;
      uint32_t* l2 = l1 + cells;
      uint32_t* l3 = l2 + cells;
      size_t i = 0;
      for (; i + 4 <= n; i += 4) {
        ++l0[keys[i]];
        ++l1[keys[i + 1]];
        ++l2[keys[i + 2]];
        ++l3[keys[i + 3]];
      }
      for (; i < n; ++i) ++l0[keys[i]];
      return;
    }
    for (uint32_t key : keys) {
      if (counts[key]++ == 0) touched.push_back(key);
    }
  };
  auto count_list = [&](const Segment& seg, const std::vector<uint32_t>& docs) {
    count_docs(seg, docs.size(), [&](size_t i) { return docs[i]; });
  };
  if (req.query) {
    ForEachSegmentHits(snap, *req.query, req.as_of, [&](const SnapshotPart& part, const DocSet& set) { count_list(*part.segment, set.docs); });
  } else {
    for (const auto& part : snap.parts) {
      const Segment& seg = *part.segment;
      if (!part.deleted) {
        count_docs(seg, seg.doc_count(), [](size_t i) { return static_cast<uint32_t>(i); });
        continue;
      }
      std::vector<uint32_t> live;
      for (uint32_t d = 0; d < seg.doc_count(); ++d) {
        if (!part.IsDeleted(d)) live.push_back(d);
      }
      count_list(seg, live);
    }
  }
  if (!lanes.empty()) {
    for (size_t k = 0; k < cells; ++k) {
      counts[k] = lanes[k] + lanes[cells + k] + lanes[2 * cells + k] + lanes[3 * cells + k];
      if (counts[k]) touched.push_back(static_cast<uint32_t>(k));
    }
  }
  std::sort(touched.begin(), touched.end());
  std::vector<CountRow> rows;
  rows.reserve(touched.size());
  for (uint32_t key : touched) {
    CountRow row;
    row.count = counts[key];
    row.key.resize(req.dims.size());
    size_t k = key;
    for (size_t i = req.dims.size(); i-- > 0;) {
      const size_t size = dom.Size(req.dims[i]);
      row.key[i] = dom.Value(req.dims[i], k % size);
      k /= size;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ipa::index
