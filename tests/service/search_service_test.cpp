// SearchService on SQLite and PostgreSQL: built from the store, follows the change log (new and
// edited patents searchable within a second, old versions gone), merges delta segments, and
// answers readers while the writer applies changes.
#include "service/search_service.hpp"

#include <atomic>
#include <thread>

#include "index/search_corpus.hpp"
#include "store/patent_repo.hpp"
#include "store/store_fixture.hpp"

namespace ipa::testing {
namespace {

service::SearchServiceOptions Polling(std::chrono::milliseconds every) {
  service::SearchServiceOptions o;
  o.poll_interval = every;
  return o;
}

using namespace std::chrono_literals;

class SearchServiceTest : public StoreContractTest {
 protected:
  void Put(const core::Patent& p) {
    InWrite([&](Tx& tx) { ASSERT_TRUE(store::UpsertPatent(tx, p)); });
  }
  void PutRandom(int first, int count) {
    std::mt19937 rng(static_cast<uint32_t>(first));
    InWrite([&](Tx& tx) {
      for (int i = first; i < first + count; ++i) ASSERT_TRUE(store::UpsertPatent(tx, RandomPatent(rng, i)));
    });
  }
  static uint64_t Total(const service::SearchService& s, const std::string& q) {
    service::SearchQuery query;
    query.q = q;
    query.snippets = false;
    auto page = s.Search(query);
    EXPECT_TRUE(page) << q << ": " << (page ? "" : page.error().message);
    return page ? page->total : 0;
  }
};

core::Patent Titled(const std::string& number, const std::string& title) {
  core::Patent p;
  p.application_number = number;
  p.publication_number = "CN" + number + "A";
  p.title_zh = title;
  p.abstract_zh = "本发明公开了" + title + "及其制备方法，用于储能。";
  p.applicants = {{"天津大学", std::nullopt}};
  p.region_code = "120104";
  p.filing_date = core::MakeDate(2021, 3, 4);
  return p;
}

TEST_P(SearchServiceTest, BuildsFromTheStoreAndAnswersWithEverythingAHitNeeds) {
  PutRandom(0, 300);
  Put(Titled("202110000001.X", "一种钠离子电池正极材料"));
  service::SearchServiceOptions options;
  options.poll_interval = 0ms;
  auto s = service::SearchService::Start(db(), options);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ((*s)->Stats().docs, 301u);
  EXPECT_GT((*s)->Stats().terms, 50u);
  EXPECT_GT((*s)->Stats().memory_bytes, 10000u);
  service::SearchQuery q;
  q.q = "钠离子 AND region=天津";
  q.facets = true;
  auto page = (*s)->Search(q);
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_GE(page->total, 1u);
  const auto& hit = page->items.at(0);
  EXPECT_EQ(hit.application_number, "202110000001.X");
  EXPECT_EQ(hit.publication_number, "CN202110000001.XA");
  EXPECT_EQ(hit.title_html, "一种<mark>钠离子</mark>电池正极材料");
  EXPECT_NE(hit.abstract_html.find("<mark>钠离子</mark>"), std::string::npos);
  EXPECT_EQ(hit.applicants, std::vector<std::string>{"天津大学"});
  EXPECT_EQ(hit.region_code, "120104");
  EXPECT_EQ(hit.status, core::LegalStatus::kPending);
  EXPECT_GT(hit.score, 0);
  EXPECT_FALSE(page->facets.region.empty());
  q.q = "AND (";
  auto bad = (*s)->Search(q);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
  q.q = "电";
  q.cursor = "nonsense";
  EXPECT_FALSE((*s)->Search(q));
  auto counts = (*s)->Counts("", {index::CountDim::kProvince, index::CountDim::kType}, core::MakeDate(2024, 1, 1));
  ASSERT_TRUE(counts);
  uint64_t sum = 0;
  for (const auto& r : *counts) sum += r.count;
  EXPECT_EQ(sum, 301u);
  uint64_t exported = 0;
  q.cursor.clear();
  auto n = (*s)->ForEachHit(q, [&](const service::SearchHit&) { return ++exported < 1000000; });
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, Total(**s, "电"));
}

TEST_P(SearchServiceTest, NewAndEditedPatentsAreSearchableWithinASecond) {
  PutRandom(0, 100);
  auto s = service::SearchService::Start(db(), Polling(50ms));
  ASSERT_TRUE(s);
  Put(Titled("202110000002.X", "石墨烯导热膜zqxv"));
  const auto start = std::chrono::steady_clock::now();
  while (Total(**s, "zqxv") == 0 && std::chrono::steady_clock::now() - start < 3s) std::this_thread::sleep_for(10ms);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(Total(**s, "zqxv"), 1u);
  EXPECT_LT(took, 1s);
  RecordProperty("visible_after_ms", static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
  Put(Titled("202110000002.X", "石墨烯散热片wkpj"));  // an edit: same application number
  ASSERT_TRUE((*s)->CatchUp());
  EXPECT_EQ(Total(**s, "zqxv"), 0u);
  EXPECT_EQ(Total(**s, "wkpj"), 1u);
  EXPECT_EQ(Total(**s, "石墨烯"), 1u);
  EXPECT_EQ((*s)->Stats().docs, 101u);
}

TEST_P(SearchServiceTest, DeltaSegmentsMergeAndKeepEveryPatentOnce) {
  PutRandom(0, 50);
  service::SearchServiceOptions options;
  options.poll_interval = 0ms;
  options.max_delta_segments = 2;
  options.build_threads = 1;
  auto s = service::SearchService::Start(db(), options);
  ASSERT_TRUE(s);
  for (int round = 0; round < 7; ++round) {
    Put(Titled("20211000020" + std::to_string(round) + ".X", "一种储氢合金"));
    Put(Titled("202110000100.X", "一种储氢合金 版本" + std::to_string(round)));  // edited every round
    PutRandom(round * 10 + 1000, 3);
    ASSERT_TRUE((*s)->CatchUp());
    EXPECT_LE((*s)->Stats().segments, 1u + 2u);
    EXPECT_EQ(Total(**s, "储氢合金"), static_cast<uint64_t>(round + 2));
  }
  EXPECT_EQ((*s)->Stats().docs, 50u + 7u + 1u + 21u);
  EXPECT_EQ(Total(**s, "版本6"), 1u);
  EXPECT_EQ(Total(**s, "版本5"), 0u);
}

TEST_P(SearchServiceTest, ReadersNeverFailOrSeeHalfAppliedChangesWhileTheWriterWorks) {
  PutRandom(0, 200);
  auto s = service::SearchService::Start(db(), Polling(20ms));
  ASSERT_TRUE(s);
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0}, searches{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      uint64_t last = 0;
      while (!stop) {
        service::SearchQuery q;
        q.q = "钴酸锂";
        q.facets = true;
        q.snippets = false;
        auto page = (*s)->Search(q);
        if (!page || page->total < last) ++errors;  // additions only: never goes back
        if (page) last = page->total;
        ++searches;
      }
    });
  }
  for (int i = 0; i < 40; ++i) {
    Put(Titled("2021200" + std::to_string(10000 + i) + ".X", "一种钴酸锂电池" + std::to_string(i)));
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE((*s)->CatchUp());
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(errors, 0);
  EXPECT_GT(searches, 10);
  EXPECT_EQ(Total(**s, "钴酸锂"), 40u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchServiceTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName);

}  // namespace
}  // namespace ipa::testing
