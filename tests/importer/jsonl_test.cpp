#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "core/date.hpp"
#include "importer/jsonl_reader.hpp"
#include "importer/jsonl_writer.hpp"
#include "importer_test_util.hpp"

namespace ipa::importer {
namespace {

using testing::DrainString;

core::Date D(int y, unsigned m, unsigned d) { return core::MakeDate(y, m, d); }

core::Patent FullPatent() {
  core::Patent p;
  p.application_number = "201710601862.3";
  p.publication_number = "CN107000001A";
  p.grant_number = "CN107000001B";
  p.type = core::PatentType::kUtilityModel;
  p.title_zh = "一种\"引号\"与\\反斜杠\n换行\t制表";
  p.title_en = "A device \x01 with control";
  p.abstract_zh = "摘要 😀 emoji";
  p.abstract_en = "Abstract";
  p.first_claim = "1. 一种装置，其特征在于……";
  p.ipc = {"H01M 10/0525", "H01M"};
  p.cpc = {"Y02E 60/10"};
  p.applicants = {{"北京示例大学", core::OrgId{42}}, {"天津示例公司", std::nullopt}};
  p.inventors = {"张三", "李四"};
  p.applicant_address = "100084北京市海淀区";
  p.region_code = "110108";
  p.region_rule = core::RegionRule::kAddress;
  p.agency = "北京示例专利代理事务所";
  p.agents = {"王五"};
  p.priorities = {{"JP", "2016-123456", D(2016, 7, 28)}, {"US", "62/000,001", std::nullopt}};
  p.pct = core::PctData{"PCT/CN2017/000001", D(2017, 7, 28), "WO2018/000001", D(2018, 2, 1),
                        D(2019, 1, 28)};
  p.filing_date = D(2017, 7, 25);
  p.publication_date = D(2017, 12, 1);
  p.grant_date = D(2019, 3, 1);
  p.examination_request_date = D(2018, 1, 2);
  core::LegalEvent licence{.kind = core::EventKind::kLicence, .date = D(2020, 2, 29)};
  licence.licence_type = core::LicenceType::kSole;
  licence.licensee = "河北示例公司";
  licence.term_start = D(2020, 3, 1);
  licence.term_end = D(2025, 2, 28);
  licence.territory = "河北省";
  p.events = {
      {.kind = core::EventKind::kExaminationRequest, .date = D(2018, 1, 2)},
      {.kind = core::EventKind::kGrant, .date = D(2019, 3, 1)},
      {.kind = core::EventKind::kAnnuityPaid, .date = D(2019, 7, 1), .patent_year = 3},
      {.kind = core::EventKind::kTermCompensation, .date = D(2019, 8, 1), .days = 88},
      {.kind = core::EventKind::kTransfer,
       .date = D(2019, 9, 1),
       .from = "甲",
       .to = "乙",
       .note = "from 转让日期 column"},
      licence,
  };
  p.source = "jsonl";
  p.source_status = "有权";
  return p;
}

TEST(JsonlTest, RoundTripGivesAnEqualPatent) {
  const core::Patent p = FullPatent();
  const std::string line = ToJsonLine(p);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto out = DrainString(Format::kJsonl, line + "\n");
  ASSERT_TRUE(out.rejections.empty())
      << out.rejections[0].field << ": " << out.rejections[0].reason;
  ASSERT_EQ(out.patents.size(), 1u);
  EXPECT_TRUE(testing::SamePatent(out.patents[0], p));
  EXPECT_EQ(ToJsonLine(out.patents[0]), line);
}

TEST(JsonlTest, MinimalPatentRoundTrips) {
  core::Patent p;
  p.application_number = "US10339710";
  const std::string line = ToJsonLine(p);
  EXPECT_EQ(line, R"({"application_number":"US10339710","type":"invention"})");
  const auto out = DrainString(Format::kJsonl, line);
  ASSERT_EQ(out.patents.size(), 1u);
  EXPECT_TRUE(testing::SamePatent(out.patents[0], p));
}

TEST(JsonlTest, WriterEscapesAndRepairsText) {
  core::Patent p;
  p.application_number = "a\"b\\c\x1f";
  p.title_en = "bad \xff byte";
  const std::string line = ToJsonLine(p);
  EXPECT_NE(line.find(R"("a\"b\\c\u001f")"), std::string::npos);
  EXPECT_NE(line.find("bad \xEF\xBF\xBD byte"), std::string::npos);
}

struct Case {
  std::string line;
  std::string field;
  std::string reason_part;
};

TEST(JsonlTest, StrictFieldsAndTypes) {
  const std::vector<Case> cases = {
      {R"({"application_number":"1","colour":"red"})", "colour", "unknown field"},
      {R"({"application_number":"1","ipc":"H01M"})", "ipc", "must be an array"},
      {R"({"application_number":1})", "application_number", "must be a string"},
      {R"({"application_number":"1","filing_date":"2023-02-30"})", "filing_date",
       "not a real date"},
      {R"({"application_number":"1","filing_date":"20230201"})", "filing_date", "YYYY-MM-DD"},
      {R"({"application_number":"1","type":"gadget"})", "type", "unknown value 'gadget'"},
      {R"({"application_number":"1","events":[{"kind":"grant","date":"2020-01-01"},{"kind":"nap","date":"2020-01-01"}]})",
       "events[1].kind", "unknown value"},
      {R"({"application_number":"1","events":[{"kind":"grant"}]})", "events[0].date",
       "needs a date"},
      {R"({"application_number":"1","events":[{"kind":"grant","date":"2020-01-01","x":1}]})",
       "events[0].x", "unknown field"},
      {R"({"application_number":"1","applicants":[{"name":"A","org_id":"7"}]})",
       "applicants[0].org_id", "must be a whole number"},
      {R"({"application_number":"1","pct":[]})", "pct", "must be an object"},
      {R"({"inventors":["无号"]})", "application_number",
       "no application number, publication number or title"},
      {R"(["not","an","object"])", "", "must be an object"},
      {R"({"application_number":"1"} trailing)", "", "malformed JSON"},
      {R"({"application_number":"1"} {"application_number":"2"})", "",
       "text after the JSON object"},
      {R"({"application_number":"1",)", "", "malformed JSON"},
  };
  for (const auto& c : cases) {
    const auto out = DrainString(Format::kJsonl, c.line + "\n" + R"({"application_number":"ok"})");
    ASSERT_EQ(out.rejections.size(), 1u) << c.line;
    EXPECT_EQ(out.rejections[0].field, c.field) << c.line;
    EXPECT_NE(out.rejections[0].reason.find(c.reason_part), std::string::npos)
        << c.line << " → " << out.rejections[0].reason;
    ASSERT_EQ(out.patents.size(), 1u) << c.line;  // the good line is kept
  }
}

TEST(JsonlTest, BlankLinesCrlfAndNullsAreFine) {
  const auto out =
      DrainString(Format::kJsonl,
                  "\n"
                  R"({"application_number":"1","pct":null,"grant_date":null,"ipc":null})"
                  "\r\n\n  \n"
                  R"({"publication_number":"CN1A"})");
  ASSERT_TRUE(out.rejections.empty()) << out.rejections[0].reason;
  ASSERT_EQ(out.patents.size(), 2u);
  EXPECT_EQ(out.patent_locations[0].line, 2);
  EXPECT_EQ(out.patent_locations[1].line, 5);
  EXPECT_EQ(out.patent_locations[1].record, 2);
}

TEST(JsonlTest, TenMegabyteLine) {
  core::Patent big;
  big.application_number = "BIG";
  big.abstract_en = std::string(10 << 20, 'x');
  const std::string text = ToJsonLine(big) + "\n" + R"({"application_number":"after"})" + "\n";
  const auto parsed = DrainString(Format::kJsonl, text);
  ASSERT_EQ(parsed.patents.size(), 2u);
  EXPECT_EQ(parsed.patents[0].abstract_en.size(), big.abstract_en.size());
  const auto rejected = DrainString(Format::kJsonl, text, ReaderOptions{1 << 20});
  ASSERT_EQ(rejected.rejections.size(), 1u);
  EXPECT_EQ(rejected.rejections[0].where.line, 1);
  EXPECT_NE(rejected.rejections[0].reason.find("longer than the maximum record size"),
            std::string::npos);
  ASSERT_EQ(rejected.patents.size(), 1u);
  EXPECT_EQ(rejected.patents[0].application_number, "after");
}

// About 1.5 KB per record, like a Chinese patent with abstract and a few events.
core::Patent TypicalPatent(int i) {
  core::Patent p = FullPatent();
  p.application_number = "2017" + std::to_string(10000000 + i) + ".3";
  p.abstract_zh.clear();
  for (int k = 0; k < 5; ++k) p.abstract_zh += "本发明公开了一种锂离子电池正极材料及其制备方法，";
  return p;
}

TEST(JsonlTest, ParseThroughput) {
  std::string text;
  const int n = 20000;
  for (int i = 0; i < n; ++i) text += ToJsonLine(TypicalPatent(i)) + "\n";
  const double mb = static_cast<double>(text.size()) / 1e6;
  auto reader = ReaderFromString(Format::kJsonl, std::move(text), "bench");
  const auto start = std::chrono::steady_clock::now();
  int patents = 0;
  while (true) {
    auto item = reader->Next();
    ASSERT_TRUE(item.has_value());
    if (!*item) break;
    patents += std::holds_alternative<core::Patent>((*item)->value);
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(patents, n);
  std::printf("jsonl parse: %d records, %.0f bytes/record, %.0f records/s, %.0f MB/s\n", n,
              mb * 1e6 / n, n / s, mb / s);
  RecordProperty("records_per_second", static_cast<int>(n / s));
}

}  // namespace
}  // namespace ipa::importer
