// Relevance on real Chinese patent data (../shared/data/cn-ipc-benchmark and cn-patents-koi,
// imported through the real importer): a patent's exact title finds it first, and one-, two-
// and four-character queries find sensible hits. Prints the figures.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "service/patent_import.hpp"
#include "service/search_service.hpp"
#include "store/patent_repo.hpp"
#include "support/test_db.hpp"

namespace ipa::testing {
namespace {

service::SearchServiceOptions Polling(std::chrono::milliseconds every) {
  service::SearchServiceOptions o;
  o.poll_interval = every;
  return o;
}

namespace fs = std::filesystem;

const std::string kData = std::string(IPA_SOURCE_DIR) + "/../shared/data";

// The title as a user would paste it, minus what the query language would read as syntax:
// Han characters, ASCII letters (lower-cased, so AND/OR/NOT stay words) and digits; the rest
// becomes spaces.
std::string TitleQuery(const std::string& title) {
  std::string out;
  for (size_t i = 0; i < title.size();) {
    const auto c = static_cast<unsigned char>(title[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c < 0x80) {
      out.push_back(std::isalnum(c) ? static_cast<char>(std::tolower(c)) : ' ');
    } else if (len == 3 && i + 2 < title.size()) {
      const uint32_t cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(title[i + 1]) & 0x3Fu) << 6) |
                          (static_cast<unsigned char>(title[i + 2]) & 0x3Fu);
      if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) {
        out += title.substr(i, 3);
      } else {
        out.push_back(' ');
      }
    } else {
      out.push_back(' ');
    }
    i += len;
  }
  return out;
}

class SearchRelevanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kData + "/cn-ipc-benchmark")) GTEST_SKIP() << "../shared/data is absent";
    tmp_ = fs::temp_directory_path() / ("ipa-relevance-" + std::to_string(::getpid()));
    fs::create_directories(tmp_);
    tdb_ = std::make_unique<TestDatabase>(Backend::kSqlite);
    ASSERT_TRUE(tdb_->ok());
    for (const auto& [rel, name] : std::vector<std::pair<std::string, std::string>>{
             {"cn-ipc-benchmark/cn_title_ipc_subclass.csv.xz", "ipc.csv"}, {"cn-patents-koi/patent_info.csv.xz", "koi.csv"}}) {
      const std::string out = (tmp_ / name).string();
      ASSERT_EQ(std::system(("xz -dc '" + kData + "/" + rel + "' > '" + out + "'").c_str()), 0);
      service::ImportOptions options;
      options.format = importer::Format::kCnCsv;
      options.files = {out};
      auto summary = service::ImportPatents(tdb_->db(), {}, options, /*system=*/true);
      ASSERT_TRUE(summary) << summary.error().message;
    }
  }
  void TearDown() override { fs::remove_all(tmp_); }

  fs::path tmp_;
  std::unique_ptr<TestDatabase> tdb_;
};

TEST_F(SearchRelevanceTest, ExactTitlesRankTheirPatentFirstAndShortQueriesFindHits) {
  auto svc = service::SearchService::Start(tdb_->db(), Polling(std::chrono::milliseconds(0)));
  ASSERT_TRUE(svc) << svc.error().message;
  std::vector<core::Patent> patents;
  ASSERT_TRUE(tdb_->db().Read([&](store::Tx& tx) -> core::Status {
    int64_t after = 0;
    for (;;) {
      IPA_TRY(batch, store::ScanPatents(tx, after, 2000));
      if (batch.empty()) return {};
      after = batch.back().first.value;
      for (auto& [id, p] : batch) patents.push_back(std::move(p));
    }
  }));
  int asked = 0, first = 0, first_or_same_title = 0, unparsable = 0;
  for (const auto& p : patents) {
    if (p.title_zh.empty()) continue;
    service::SearchQuery q;
    q.q = TitleQuery(p.title_zh);
    q.limit = 1;
    q.snippets = false;
    auto page = (*svc)->Search(q);
    if (!page) {
      ++unparsable;
      continue;
    }
    ++asked;
    if (page->items.empty()) continue;
    first += page->items[0].application_number == p.application_number;
    first_or_same_title += page->items[0].application_number == p.application_number || page->items[0].title == p.title_zh;
  }
  const double strict = 100.0 * first / std::max(1, asked), ties = 100.0 * first_or_same_title / std::max(1, asked);
  std::printf("exact-title search over %d patents: first %.2f%% (%d); first or a patent with the identical title %.2f%% (%d); %d titles unparsable\n",
              asked, strict, first, ties, first_or_same_title, unparsable);
  RecordProperty("exact_title_first_pct", std::to_string(strict));
  EXPECT_GE(ties, 95.0);
  EXPECT_GT(asked, 10000);
  for (const char* text : {"锂", "钢", "电池", "图像", "正极材料", "图像处理", "神经网络", "锂离子电池"}) {
    service::SearchQuery q;
    q.q = text;
    q.limit = 3;
    q.snippets = false;
    auto page = (*svc)->Search(q);
    ASSERT_TRUE(page) << text;
    std::printf("%-8s %6llu hits; top: ", text, static_cast<unsigned long long>(page->total));
    for (const auto& h : page->items) std::printf("%s | ", h.title.c_str());
    std::printf("\n");
    EXPECT_GT(page->total, 0u) << text;
    ASSERT_FALSE(page->items.empty());
    EXPECT_NE(page->items[0].title.find(text), std::string::npos) << text << ": the best hit has it in its title";
  }
}

}  // namespace
}  // namespace ipa::testing
