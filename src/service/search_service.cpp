#include "service/search_service.hpp"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <map>

#include "index/highlight.hpp"
#include "store/audit_repo.hpp"
#include "store/patent_repo.hpp"

namespace ipa::service {
namespace {

using index::Snapshot;
using index::SnapshotPart;

constexpr int kScanBatch = 2000;
constexpr int kChangeBatch = 5000;
constexpr size_t kSnippetBytes = 240;

std::string RegionText(uint32_t region) {
  if (region == 0) return "";
  std::string s = std::to_string(region);
  return std::string(6 - std::min<size_t>(6, s.size()), '0') + s;
}

core::Result<index::Query> Parse(const std::string& q) { return index::ParseQuery(q); }

}  // namespace

// The follower's state: which store patent is which doc, and the delta segments' patents so
// they can be merged. Only touched under writer_mu_.
struct SearchService::Writer {
  std::vector<SnapshotPart> parts;
  size_t base_parts = 0;  // parts [0, base_parts) come from the start-up build
  std::vector<std::vector<std::pair<int64_t, core::Patent>>> delta_patents;  // per delta part
  std::unordered_map<int64_t, uint32_t> doc_of;  // store id → global doc
  uint32_t next_doc = 0;
  uint64_t live = 0;
};

std::optional<index::SortBy> ParseSortBy(std::string_view name) {
  static const std::map<std::string_view, index::SortBy> kNames = {
      {"relevance", index::SortBy::kRelevance},        {"filing_desc", index::SortBy::kFilingDesc},
      {"filing_asc", index::SortBy::kFilingAsc},       {"publication_desc", index::SortBy::kPublicationDesc},
      {"grant_desc", index::SortBy::kGrantDesc}};
  auto it = kNames.find(name);
  return it == kNames.end() ? std::nullopt : std::optional(it->second);
}

std::optional<index::CountDim> ParseCountDim(std::string_view name) {
  static const std::map<std::string_view, index::CountDim> kNames = {
      {"province", index::CountDim::kProvince}, {"filing_year", index::CountDim::kFilingYear},
      {"grant_year", index::CountDim::kGrantYear}, {"type", index::CountDim::kType},
      {"status", index::CountDim::kStatus},     {"wipo", index::CountDim::kWipo}};
  auto it = kNames.find(name);
  return it == kNames.end() ? std::nullopt : std::optional(it->second);
}

SearchService::SearchService(store::Database& db, SearchServiceOptions options)
    : db_(db), options_(std::move(options)), writer_(std::make_unique<Writer>()) {}

SearchService::~SearchService() {
  {
    std::lock_guard lock(stop_mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (follower_.joinable()) follower_.join();
}

core::Result<std::unique_ptr<SearchService>> SearchService::Start(store::Database& db, SearchServiceOptions options) {
  std::unique_ptr<SearchService> s(new SearchService(db, std::move(options)));
  IPA_CHECK(s->Build());
  if (s->options_.poll_interval.count() > 0) s->follower_ = std::thread([p = s.get()] { p->Follow(); });
  return s;
}

std::shared_ptr<const Snapshot> SearchService::snapshot() const {
  std::lock_guard lock(snap_mu_);
  return snap_;
}

void SearchService::Publish(std::shared_ptr<const Snapshot> snap) {
  std::lock_guard lock(snap_mu_);
  snap_ = std::move(snap);
}

// Reads every patent in one read transaction while `build_threads` builders index batches in
// parallel, each into its own segment.
core::Status SearchService::Build() {
  const int threads = std::max(1, options_.build_threads);
  std::vector<index::SegmentBuilder> builders(static_cast<size_t>(threads));
  std::vector<std::vector<int64_t>> ids(builders.size());  // store id per local doc
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::vector<std::pair<store::PatentId, core::Patent>>> queue;
  bool done = false;
  std::vector<std::thread> workers;
  for (size_t t = 0; t < builders.size(); ++t) {
    workers.emplace_back([&, t] {
      for (;;) {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return done || !queue.empty(); });
        if (queue.empty()) return;
        auto batch = std::move(queue.front());
        queue.pop_front();
        lock.unlock();
        cv.notify_all();
        for (const auto& [id, p] : batch) {
          builders[t].Add(p);
          ids[t].push_back(id.value);
        }
      }
    });
  }
  int64_t seq = 0;
  auto st = db_.Read([&](store::Tx& tx) -> core::Status {
    IPA_TRY(latest, store::LatestChangeSeq(tx));
    seq = latest;
    int64_t after = 0;
    for (;;) {
      IPA_TRY(batch, store::ScanPatents(tx, after, kScanBatch));
      if (batch.empty()) return {};
      after = batch.back().first.value;
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return queue.size() < 2 * builders.size(); });
      queue.push_back(std::move(batch));
      lock.unlock();
      cv.notify_all();
    }
  });
  {
    std::lock_guard lock(mu);
    done = true;
  }
  cv.notify_all();
  for (auto& w : workers) w.join();
  IPA_CHECK(st);
  Writer& w = *writer_;
  for (size_t t = 0; t < builders.size(); ++t) {
    auto seg = builders[t].Finish();
    if (seg->doc_count() == 0) continue;
    w.parts.push_back({seg, nullptr, w.next_doc});
    for (uint32_t i = 0; i < ids[t].size(); ++i) w.doc_of[ids[t][i]] = w.next_doc + i;
    w.next_doc += seg->doc_count();
    w.live += seg->doc_count();
  }
  w.base_parts = w.parts.size();
  builders.clear();
  ids.clear();
  // The builders' growing buffers are freed now; hand the pages back so RSS shows the index.
  malloc_trim(0);
  applied_seq_ = seq;
  auto snap = std::make_shared<Snapshot>();
  snap->parts = w.parts;
  snap->params = options_.scoring;
  snap->live_docs = w.live;
  Publish(std::move(snap));
  return {};
}

void SearchService::Follow() {
  for (;;) {
    {
      std::unique_lock lock(stop_mu_);
      if (stop_cv_.wait_for(lock, options_.poll_interval, [&] { return stop_.load(); })) return;
    }
    auto st = CatchUp();
    if (!st) spdlog::warn("search index: following the change log failed: {}", st.error().message);
  }
}

core::Status SearchService::CatchUp() {
  std::lock_guard lock(writer_mu_);
  Writer& w = *writer_;
  for (;;) {
    std::vector<int64_t> changed;
    std::vector<std::pair<int64_t, core::Patent>> loaded;
    int64_t last = applied_seq_;
    size_t seen = 0;
    IPA_CHECK(db_.Read([&](store::Tx& tx) -> core::Status {
      IPA_TRY(changes, store::ChangesAfter(tx, applied_seq_, kChangeBatch));
      seen = changes.size();
      for (const auto& c : changes) {
        last = c.seq;
        if (c.entity == "patent") changed.push_back(std::stoll(c.entity_id));
      }
      std::sort(changed.begin(), changed.end());
      changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
      for (int64_t id : changed) {
        IPA_TRY(one, store::ScanPatents(tx, id - 1, 1));
        if (!one.empty() && one[0].first.value == id) loaded.emplace_back(id, std::move(one[0].second));
      }
      return {};
    }));
    if (seen == 0) return {};
    // Tombstones for the old versions (copy-on-write per touched part).
    std::map<size_t, std::shared_ptr<std::vector<uint64_t>>> bitmaps;
    for (int64_t id : changed) {
      auto it = w.doc_of.find(id);
      if (it == w.doc_of.end()) continue;
      const uint32_t doc = it->second;
      auto part = std::upper_bound(w.parts.begin(), w.parts.end(), doc,
                                   [](uint32_t d, const SnapshotPart& p) { return d < p.base; }) - 1;
      const size_t pi = static_cast<size_t>(part - w.parts.begin());
      auto& bits = bitmaps[pi];
      if (!bits) {
        bits = part->deleted ? std::make_shared<std::vector<uint64_t>>(*part->deleted)
                             : std::make_shared<std::vector<uint64_t>>((part->segment->doc_count() + 63) / 64);
      }
      const uint32_t local = doc - part->base;
      (*bits)[local / 64] |= uint64_t{1} << (local % 64);
      w.doc_of.erase(it);
      --w.live;
    }
    for (auto& [pi, bits] : bitmaps) w.parts[pi].deleted = std::move(bits);
    // The new versions as one new segment.
    if (!loaded.empty()) {
      index::SegmentBuilder b;
      for (const auto& [id, p] : loaded) {
        w.doc_of[id] = w.next_doc + b.Add(p);
      }
      auto seg = b.Finish();
      w.parts.push_back({seg, nullptr, w.next_doc});
      w.next_doc += seg->doc_count();
      w.live += seg->doc_count();
      w.delta_patents.push_back(std::move(loaded));
    }
    // Too many small segments: merge the deltas' live patents into one.
    if (static_cast<int>(w.parts.size() - w.base_parts) > options_.max_delta_segments) {
      index::SegmentBuilder b;
      std::vector<std::pair<int64_t, core::Patent>> keep;
      for (size_t i = w.base_parts; i < w.parts.size(); ++i) {
        auto& pats = w.delta_patents[i - w.base_parts];
        for (uint32_t local = 0; local < pats.size(); ++local) {
          if (w.parts[i].IsDeleted(local)) continue;
          w.doc_of[pats[local].first] = w.next_doc + b.Add(pats[local].second);
          keep.push_back(std::move(pats[local]));
        }
      }
      auto seg = b.Finish();
      w.parts.resize(w.base_parts);
      w.delta_patents.clear();
      if (seg->doc_count() > 0) {
        w.parts.push_back({seg, nullptr, w.next_doc});
        w.next_doc += seg->doc_count();
        w.delta_patents.push_back(std::move(keep));
      }
    }
    auto snap = std::make_shared<Snapshot>();
    snap->parts = w.parts;
    snap->params = options_.scoring;
    snap->live_docs = w.live;
    Publish(std::move(snap));
    applied_seq_ = last;
    if (seen < static_cast<size_t>(kChangeBatch)) return {};
  }
}

SearchHit SearchService::MakeHit(const Snapshot& snap, const index::Hit& hit, core::Date as_of) const {
  const SnapshotPart& part = snap.PartOf(hit.doc);
  const index::Segment& seg = *part.segment;
  const uint32_t d = hit.doc - part.base;
  const index::DocColumns& c = seg.cols();
  SearchHit h;
  h.application_number = c.application_number[d];
  h.publication_number = c.publication_number[d];
  h.title = c.title[d];
  for (uint32_t i = c.applicant_offsets[d]; i < c.applicant_offsets[d + 1]; ++i) {
    h.applicants.push_back(seg.applicant_names()[c.applicant_ids[i]]);
  }
  if (c.filing[d] != index::kNoDate) h.filing_date = core::Date{c.filing[d]};
  h.type = static_cast<core::PatentType>(c.type[d]);
  h.region_code = RegionText(c.region[d]);
  h.status = c.facts[d].StatusOn(as_of);
  h.score = hit.score;
  return h;
}

core::Result<SearchPage> SearchService::Search(const SearchQuery& query) const {
  IPA_TRY(parsed, Parse(query.q));
  index::SearchRequest req;
  req.query = parsed;
  req.sort = query.sort;
  req.limit = query.limit;
  req.as_of = query.as_of.value_or(core::Today());
  req.facets = query.facets;
  if (!query.cursor.empty()) {
    IPA_TRY(cursor, index::SearchCursor::Decode(query.cursor));
    req.after = cursor;
  }
  auto snap = snapshot();
  IPA_TRY(result, index::Search(*snap, req));
  SearchPage page;
  page.total = result.total;
  page.facets = std::move(result.facets);
  page.query = index::ToString(parsed);
  if (result.next) page.next_cursor = result.next->Encode();
  for (const auto& hit : result.hits) page.items.push_back(MakeHit(*snap, hit, req.as_of));
  if (query.snippets && !page.items.empty()) {
    const auto title_terms = index::HighlightTerms(parsed, index::kFieldTitle);
    const auto abstract_terms = index::HighlightTerms(parsed, index::kFieldAbstract);
    IPA_CHECK(db_.Read([&](store::Tx& tx) -> core::Status {
      for (auto& item : page.items) {
        item.title_html = index::Highlight(item.title, title_terms);
        // Only the abstract: reading the whole patent (events, applicants) cost more than the
        // search itself.
        auto row = tx.Query("SELECT abstract_zh, abstract_en FROM patents WHERE application_number = $1",
                            {std::string_view(item.application_number)});
        if (!row || row->empty()) continue;  // edited away since the snapshot: no snippet
        core::Patent p;
        p.abstract_zh = (*row)[0].Text(0);
        p.abstract_en = (*row)[0].Text(1);
        item.abstract_html = index::Highlight(index::FieldText(p, 1), abstract_terms, kSnippetBytes);
      }
      return {};
    }));
  }
  return page;
}

core::Result<uint64_t> SearchService::ForEachHit(const SearchQuery& query,
                                                 const std::function<bool(const SearchHit&)>& fn) const {
  IPA_TRY(parsed, Parse(query.q));
  index::SearchRequest req;
  req.query = parsed;
  req.sort = query.sort;
  req.as_of = query.as_of.value_or(core::Today());
  if (!query.cursor.empty()) {
    IPA_TRY(cursor, index::SearchCursor::Decode(query.cursor));
    req.after = cursor;
  }
  auto snap = snapshot();
  uint64_t n = 0;
  index::ForEachHit(*snap, req, [&](const index::Hit& hit) {
    ++n;
    return fn(MakeHit(*snap, hit, req.as_of));
  });
  return n;
}

core::Result<std::vector<index::CountRow>> SearchService::Counts(const std::string& q, const std::vector<index::CountDim>& dims,
                                                                  core::Date as_of) const {
  index::CountsRequest req;
  req.dims = dims;
  req.as_of = as_of;
  if (!q.empty()) {
    IPA_TRY(parsed, Parse(q));
    req.query = std::move(parsed);
  }
  auto snap = snapshot();
  return index::Counts(*snap, req);
}

SearchStats SearchService::Stats() const {
  auto snap = snapshot();
  SearchStats s;
  s.docs = snap->live_docs;
  s.segments = static_cast<uint32_t>(snap->parts.size());
  for (const auto& p : snap->parts) {
    s.terms += p.segment->term_count();
    s.memory_bytes += p.segment->MemoryBytes() + (p.deleted ? p.deleted->size() * 8 : 0);
  }
  s.applied_seq = applied_seq_;
  return s;
}

}  // namespace ipa::service
