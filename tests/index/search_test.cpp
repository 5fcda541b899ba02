// The executor, facets and counts against a brute-force reading of every query node kind on a
// random corpus split into two segments with deletions; BM25F ordering; phrases and prefixes;
// pagination and highlights.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "index/highlight.hpp"
#include "index/search.hpp"
#include "search_corpus.hpp"

namespace ipa::testing {
namespace {

using index::Snapshot;

struct Corpus {
  std::vector<core::Patent> patents;
  std::vector<BruteDoc> docs;
  std::vector<bool> deleted;
  Snapshot snap;
};

// n random patents in two segments; every 7th doc of the first segment is deleted.
Corpus MakeCorpus(int n, uint32_t seed) {
  Corpus c;
  std::mt19937 rng(seed);
  index::SegmentBuilder a, b;
  for (int i = 0; i < n; ++i) {
    c.patents.push_back(RandomPatent(rng, i));
    c.docs.push_back(Tokenize(c.patents.back()));
    (i < n / 2 ? a : b).Add(c.patents.back());
  }
  auto seg_a = a.Finish();
  auto bits = std::make_shared<std::vector<uint64_t>>((n / 2 + 63) / 64);
  c.deleted.assign(static_cast<size_t>(n), false);
  for (int i = 0; i < n / 2; i += 7) {
    (*bits)[static_cast<size_t>(i) / 64] |= uint64_t{1} << (i % 64);
    c.deleted[static_cast<size_t>(i)] = true;
  }
  c.snap.parts.push_back({seg_a, bits, 0});
  c.snap.parts.push_back({b.Finish(), nullptr, static_cast<uint32_t>(n / 2)});
  c.snap.live_docs = static_cast<uint64_t>(n) - (static_cast<uint64_t>(n / 2) + 6) / 7;
  return c;
}

std::vector<uint32_t> IndexHits(const Snapshot& snap, const index::Query& q, core::Date as_of) {
  index::SearchRequest req;
  req.query = q;
  req.as_of = as_of;
  std::vector<uint32_t> out;
  index::ForEachHit(snap, req, [&](const index::Hit& h) {
    out.push_back(h.doc);
    return true;
  });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<uint32_t> BruteHits(const Corpus& c, const index::Query& q, core::Date as_of) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < c.patents.size(); ++i) {
    if (!c.deleted[i] && BruteMatch(q.root, c.patents[i], c.docs[i], as_of)) out.push_back(static_cast<uint32_t>(i));
  }
  return out;
}

const core::Date kAsOf = Day(2024, 1, 1);

TEST(SearchTest, EveryNodeKindMatchesBruteForceOnRandomQueries) {
  const Corpus c = MakeCorpus(600, 7);
  std::mt19937 rng(11);
  int nonempty = 0, checked = 0;
  for (int i = 0; i < 1500; ++i) {
    const std::string text = RandomQuery(rng, 3);
    auto q = index::ParseQuery(text);
    if (!q) continue;  // e.g. a NOT-only subtree the parser refuses
    ++checked;
    // Every other query on today's date: status filters without a date then read the
    // segments' status column for today.
    const core::Date as_of = i % 2 ? kAsOf : core::Today();
    const auto want = BruteHits(c, *q, as_of);
    ASSERT_EQ(IndexHits(c.snap, *q, as_of), want) << text << "\n" << index::ToString(*q);
    nonempty += !want.empty();
  }
  EXPECT_GT(checked, 1400);
  EXPECT_GT(nonempty, checked / 3) << "queries should find something often";
}

TEST(SearchTest, TotalsPagesAndCursorsCoverEveryHitOnce) {
  const Corpus c = MakeCorpus(400, 3);
  for (const char* text : {"电池", "锂 OR 钠", "type=invention", "NOT 电"}) {
    auto q = index::ParseQuery(text);
    ASSERT_TRUE(q) << text;
    for (auto sort : {index::SortBy::kRelevance, index::SortBy::kFilingDesc, index::SortBy::kFilingAsc}) {
      index::SearchRequest req;
      req.query = *q;
      req.as_of = kAsOf;
      req.sort = sort;
      req.limit = 7;
      std::vector<uint32_t> seen;
      uint64_t total = 0;
      double last_key = 1e300;
      for (int page = 0; page < 200; ++page) {
        auto r = index::Search(c.snap, req);
        ASSERT_TRUE(r);
        total = r->total;
        for (const auto& h : r->hits) {
          EXPECT_LE(h.key, last_key);
          last_key = h.key;
          seen.push_back(h.doc);
        }
        if (!r->next) break;
        auto cur = index::SearchCursor::Decode(r->next->Encode());
        ASSERT_TRUE(cur);
        req.after = *cur;
      }
      EXPECT_EQ(seen.size(), total) << text;
      std::sort(seen.begin(), seen.end());
      EXPECT_EQ(seen, BruteHits(c, *q, kAsOf)) << text;
    }
  }
}

// Both segments share applicant names, so the applicant facet merges counts across them. Today
// the status facet reads the segments' cached status column; on another date each timeline.
void ExpectFacetsOfTheWholeHitSet(const Corpus& c, core::Date as_of) {
  SCOPED_TRACE(core::FormatDate(as_of));
  auto q = index::ParseQuery("电 OR 锂");
  ASSERT_TRUE(q);
  index::SearchRequest req;
  req.query = *q;
  req.as_of = as_of;
  req.facets = true;
  req.facet_top = 100;
  auto r = index::Search(c.snap, req);
  ASSERT_TRUE(r);
  std::map<std::string, uint64_t> region, type, status, year, section, subclass, applicant;
  for (uint32_t d : BruteHits(c, *q, as_of)) {
    const core::Patent& p = c.patents[d];
    region[p.region_code.empty() ? "" : p.region_code.substr(0, 2) + "0000"]++;
    type[std::string(core::PatentTypeName(p.type))]++;
    status[std::string(core::LegalStatusName(core::LegalStatusOn(p, as_of)))]++;
    int y = 0;
    unsigned m = 0, dd = 0;
    core::SplitDate(*p.filing_date, y, m, dd);
    year[std::to_string(y)]++;
    std::set<std::string> sections, subclasses;
    for (const auto& code : p.ipc) {
      sections.insert(code.substr(0, 1));
      subclasses.insert(code.substr(0, 4));
    }
    for (const auto& s : sections) section[s]++;
    for (const auto& s : subclasses) subclass[s]++;
    std::set<std::string> names;
    for (const auto& a : p.applicants) names.insert(a.name);
    for (const auto& a : names) applicant[a]++;
  }
  auto as_map = [](const std::vector<index::FacetValue>& v) {
    std::map<std::string, uint64_t> m;
    for (const auto& f : v) m[f.value] = f.count;
    return m;
  };
  EXPECT_EQ(as_map(r->facets.region), region);
  EXPECT_EQ(as_map(r->facets.type), type);
  EXPECT_EQ(as_map(r->facets.status), status);
  EXPECT_EQ(as_map(r->facets.year), year);
  EXPECT_EQ(as_map(r->facets.ipc_section), section);
  EXPECT_EQ(as_map(r->facets.ipc_subclass), subclass);
  EXPECT_EQ(as_map(r->facets.applicant), applicant);
  EXPECT_FALSE(r->facets.wipo.empty());
}

TEST(SearchTest, FacetsCountTheWholeHitSet) {
  const Corpus c = MakeCorpus(500, 5);
  ExpectFacetsOfTheWholeHitSet(c, kAsOf);
  ExpectFacetsOfTheWholeHitSet(c, core::Today());
  ExpectFacetsOfTheWholeHitSet(c, core::Today());  // the kept column
}

TEST(SearchTest, CountsMatchBruteForceWithAndWithoutAQuery) {
  const Corpus c = MakeCorpus(500, 9);
  // Today the status dimension reads the segments' cached status column.
  for (const core::Date as_of : {Day(2020, 6, 30), core::Today()})
  for (const char* text : {"", "电池", "region=13 OR type=design"}) {
    index::CountsRequest req;
    req.as_of = as_of;
    req.dims = {index::CountDim::kProvince, index::CountDim::kFilingYear, index::CountDim::kType,
                index::CountDim::kStatus};
    std::optional<index::Query> q;
    if (*text) {
      q = *index::ParseQuery(text);
      req.query = q;
    }
    auto rows = index::Counts(c.snap, req);
    ASSERT_TRUE(rows);
    std::map<std::vector<std::string>, uint64_t> want, got;
    for (size_t i = 0; i < c.patents.size(); ++i) {
      const core::Patent& p = c.patents[i];
      if (c.deleted[i] || (q && !BruteMatch(q->root, p, c.docs[i], req.as_of))) continue;
      int y = 0;
      unsigned m = 0, d = 0;
      core::SplitDate(*p.filing_date, y, m, d);
      want[{p.region_code.empty() ? "" : p.region_code.substr(0, 2) + "0000", std::to_string(y),
            std::string(core::PatentTypeName(p.type)), std::string(core::LegalStatusName(core::LegalStatusOn(p, req.as_of)))}]++;
    }
    for (const auto& r : *rows) got[r.key] = r.count;
    EXPECT_EQ(got, want) << text << " on " << core::FormatDate(as_of);
  }
  index::CountsRequest none;
  EXPECT_FALSE(index::Counts(c.snap, none));
}

// One segment of hand-made patents.
Snapshot Build(const std::vector<core::Patent>& patents) {
  index::SegmentBuilder b;
  for (const auto& p : patents) b.Add(p);
  Snapshot s;
  s.parts.push_back({b.Finish(), nullptr, 0});
  s.live_docs = patents.size();
  return s;
}

core::Patent WithText(const std::string& title, const std::string& abstract) {
  core::Patent p;
  p.title_zh = title;
  p.abstract_zh = abstract;
  p.filing_date = Day(2020, 1, 1);
  return p;
}

std::vector<uint32_t> Ranked(const Snapshot& s, const char* text) {
  index::SearchRequest req;
  req.query = *index::ParseQuery(text);
  req.limit = 100;
  std::vector<uint32_t> out;
  auto result = index::Search(s, req);
  EXPECT_TRUE(result) << text;
  if (result) {
    for (const auto& h : result->hits) out.push_back(h.doc);
  }
  return out;
}

TEST(SearchTest, Bm25fPrefersTitleHitsMoreOccurrencesAndShorterFields) {
  const Snapshot s = Build({
      WithText("一种装置", "包含电池的装置，还有其他很多很多的文字内容在这里出现"),  // 0: abstract, long
      WithText("电池装置", "一种装置"),                                                // 1: title
      WithText("一种装置", "电池电池电池"),                                            // 2: abstract ×3
      WithText("一种装置", "电池组件"),                                                // 3: abstract, short
      WithText("一种装置", "没有"),                                                    // 4: no hit
  });
  const auto r = Ranked(s, "电池");
  ASSERT_EQ(r.size(), 4u);
  auto rank = [&](uint32_t doc) { return std::find(r.begin(), r.end(), doc) - r.begin(); };
  EXPECT_LT(rank(1), rank(3)) << "a title hit beats an abstract hit";
  EXPECT_LT(rank(2), rank(3)) << "three occurrences beat one";
  EXPECT_LT(rank(3), rank(0)) << "a short field beats a long one";
}

TEST(SearchTest, PhrasesNeedAdjacencyAndPrefixesExpand) {
  const Snapshot s = Build({
      WithText("锂电池正极", ""),             // 0
      WithText("锂 电池", ""),                // 1: not the word 锂电池
      WithText("lithium ion battery", ""),    // 2
      WithText("ion lithium batteries", ""),  // 3
  });
  EXPECT_EQ(Ranked(s, "锂电池"), (std::vector<uint32_t>{0}));
  EXPECT_EQ(Ranked(s, "锂").size(), 2u);
  EXPECT_EQ(Ranked(s, "\"lithium ion\""), (std::vector<uint32_t>{2}));
  EXPECT_EQ(Ranked(s, "lithium-ion"), (std::vector<uint32_t>{2}));
  auto batt = Ranked(s, "batter*");
  std::sort(batt.begin(), batt.end());
  EXPECT_EQ(batt, (std::vector<uint32_t>{2, 3}));
  EXPECT_TRUE(Ranked(s, "正极锂").empty());
}

TEST(SearchTest, HighlightsMarkHitsAndEscapeHtml) {
  auto q = index::ParseQuery("锂电池 OR batter*");
  ASSERT_TRUE(q);
  const auto terms = index::HighlightTerms(*q, index::kFieldTitle);
  EXPECT_EQ(index::Highlight("新型锂电池<b>与 Batteries & co", terms),
            "新型<mark>锂电池</mark>&lt;b&gt;与 <mark>Batteries</mark> &amp; co");
  const std::string long_text = std::string(300, 'x') + " 锂电池 " + std::string(300, 'y');
  const std::string snippet = index::Highlight(long_text, terms, 100);
  EXPECT_NE(snippet.find("<mark>"), std::string::npos);
  EXPECT_LT(snippet.size(), 160u);
  EXPECT_TRUE(snippet.starts_with("…"));
}

TEST(SearchTest, CursorTextRejectsGarbageAndLimitIsBounded) {
  EXPECT_FALSE(index::SearchCursor::Decode("abc"));
  EXPECT_FALSE(index::SearchCursor::Decode("1.5:"));
  EXPECT_FALSE(index::SearchCursor::Decode("1.5:12x"));
  auto c = index::SearchCursor::Decode("12.25:81723");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->doc, 81723u);
  const Snapshot s = Build({WithText("电池", "")});
  index::SearchRequest req;
  req.query = *index::ParseQuery("电池");
  req.limit = 1001;
  EXPECT_FALSE(index::Search(s, req));
}

}  // namespace
}  // namespace ipa::testing
