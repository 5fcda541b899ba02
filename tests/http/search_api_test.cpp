// /api/v1/search and /api/v1/search/export on the demo corpus: ranked hits with highlights and
// facets, cursor pages that neither repeat nor skip, date sorting, a syntax error answered 400
// with its position, exports of the whole result set (CSV with a BOM, JSON Lines) matching the
// total, and a patent written to the store becoming searchable.
#include <set>
#include <sstream>

#include "http/api_fixture.hpp"
#include "service/demo_data.hpp"
#include "store/patent_repo.hpp"

namespace ipa::testing {
namespace {

using core::Role;

class SearchApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(service::LoadDemoPatents(api().db(), 600, 7).has_value());
    ASSERT_TRUE(api().search().CatchUp().has_value());
    member_ = api().NewCaller(Role::kMember);
  }
  http::Json Get(const std::string& target, int status = 200) {
    auto r = api().Call("GET", target, "", &member_);
    EXPECT_EQ(r.status, status) << target << ": " << r.body;
    return r.status == 200 || r.body.starts_with("{") ? ApiClient::Body(r) : http::Json();
  }
  static std::string Encode(const std::string& s) {
    std::ostringstream out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out << c;
      else out << '%' << std::uppercase << std::hex << (c < 16 ? "0" : "") << static_cast<int>(c) << std::dec;
    }
    return out.str();
  }
  Caller member_;
};

TEST_F(SearchApiTest, RankedHitsWithHighlightsAndFacets) {
  auto body = Get("/api/v1/search?q=" + Encode("电池"));
  ASSERT_GT(body["total"].get<int64_t>(), 0);
  ASSERT_FALSE(body["items"].empty());
  const auto& first = body["items"][0];
  for (const char* key : {"application_number", "publication_number", "title", "title_html", "snippet_html",
                          "applicants", "filing_date", "type", "region_code", "status", "score"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  bool marked = false;
  for (const auto& item : body["items"]) {
    const std::string html = item["title_html"].get<std::string>() + item["snippet_html"].get<std::string>();
    marked = marked || html.find("<mark>电池</mark>") != std::string::npos;
  }
  EXPECT_TRUE(marked) << body["items"].dump();
  double last = 1e9;
  for (const auto& item : body["items"]) {
    EXPECT_LE(item["score"].get<double>(), last + 1e-6);
    last = item["score"].get<double>();
  }
  for (const char* facet : {"region", "type", "status", "year", "ipc_section", "ipc_subclass", "applicant", "wipo_field"}) {
    ASSERT_TRUE(body["facets"].contains(facet)) << facet;
  }
  int64_t by_type = 0;
  for (const auto& b : body["facets"]["type"]) by_type += b["count"].get<int64_t>();
  EXPECT_EQ(by_type, body["total"].get<int64_t>());
  EXPECT_EQ(body["query"], "电池");
}

TEST_F(SearchApiTest, CursorPagesNeitherRepeatNorSkipAndDateSortIsOrdered) {
  const std::string base = "/api/v1/search?facets=0&limit=25&sort=filing_desc&q=" + Encode("type=invention");
  auto first = Get(base);
  const int64_t total = first["total"].get<int64_t>();
  ASSERT_GT(total, 50);
  std::set<std::string> seen;
  std::string last_date = "9999-12-31";
  http::Json page = first;
  int pages = 0;
  while (true) {
    for (const auto& item : page["items"]) {
      EXPECT_TRUE(seen.insert(item["application_number"].get<std::string>()).second) << "repeated";
      const std::string d = item["filing_date"].is_string() ? item["filing_date"].get<std::string>() : "";
      EXPECT_LE(d, last_date);
      last_date = d;
      EXPECT_EQ(item["type"], "invention");
    }
    if (page["next_cursor"].is_null()) break;
    page = Get(base + "&cursor=" + Encode(page["next_cursor"].get<std::string>()));
    ASSERT_LT(++pages, 100);
  }
  EXPECT_EQ(static_cast<int64_t>(seen.size()), total);
}

TEST_F(SearchApiTest, BadRequestsAreNamed) {
  auto err = Get("/api/v1/search?q=" + Encode("TAC=(锂电池 AND"), 400);
  EXPECT_EQ(err["field"], "q");
  EXPECT_NE(err["detail"].get<std::string>().find("position"), std::string::npos) << err.dump();
  EXPECT_EQ(Get("/api/v1/search?q=", 400)["field"], "q");
  EXPECT_EQ(Get("/api/v1/search?q=x&sort=random", 400)["field"], "sort");
  EXPECT_EQ(Get("/api/v1/search?q=x&limit=1000", 400)["field"], "limit");
  EXPECT_EQ(Get("/api/v1/search?q=x&as_of=2024-13-01", 400)["field"], "as_of");
  EXPECT_EQ(Get("/api/v1/search?q=x&cursor=garbage", 400)["field"], "cursor");
  EXPECT_EQ(Get("/api/v1/search/export?q=x&format=xml", 400)["field"], "format");
  EXPECT_EQ(api().Call("GET", "/api/v1/search?q=x").status, 401);
}

TEST_F(SearchApiTest, ExportsTheWholeResultSet) {
  const std::string q = Encode("电池 OR 电机 OR 装置");
  const int64_t total = Get("/api/v1/search?facets=0&q=" + q)["total"].get<int64_t>();
  ASSERT_GT(total, 10);
  auto csv = api().Call("GET", "/api/v1/search/export?format=csv&q=" + q, "", &member_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.content_type.find("text/csv"), std::string::npos);
  int64_t lines = 0;
  for (char c : csv.body) lines += c == '\n';
  EXPECT_EQ(lines, total + 1);  // the header
  auto jsonl = api().Call("GET", "/api/v1/search/export?format=jsonl&q=" + q, "", &member_);
  ASSERT_EQ(jsonl.status, 200);
  std::istringstream in(jsonl.body);
  std::string line;
  std::set<std::string> numbers;
  while (std::getline(in, line)) numbers.insert(http::Json::parse(line)["application_number"].get<std::string>());
  EXPECT_EQ(static_cast<int64_t>(numbers.size()), total);
}

TEST_F(SearchApiTest, AnImportedPatentBecomesSearchable) {
  const std::string q = "/api/v1/search?q=" + Encode("TI=量子纠缠光源");
  EXPECT_EQ(Get(q)["total"], 0);
  core::Patent p;
  p.application_number = "201810901234.1";
  p.type = core::PatentType::kInvention;
  p.title_zh = "一种量子纠缠光源装置";
  p.filing_date = core::ParseDateText("2018-03-15");
  p.region_code = "120116";
  ASSERT_TRUE(api().db().Write([&](store::Tx& tx) -> core::Status {
    IPA_CHECK(store::UpsertPatent(tx, p));
    return {};
  }).has_value());
  ASSERT_TRUE(api().search().CatchUp().has_value());
  auto body = Get(q);
  ASSERT_EQ(body["total"], 1);
  EXPECT_EQ(body["items"][0]["application_number"], "201810901234.1");
  EXPECT_EQ(body["items"][0]["title_html"], "一种<mark>量子纠缠光源</mark>装置");
}

}  // namespace
}  // namespace ipa::testing
