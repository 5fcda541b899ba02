// The 61-column CSV writer: the real header order, RFC 4180 quoting, and generated demo patents
// written then read back with the cn-csv reader.
#include "importer/cn_csv_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/date.hpp"
#include "core/patent_normalize.hpp"
#include "importer_test_util.hpp"
#include "service/demo_data.hpp"
#include "service/demo_patents.hpp"

namespace ipa::importer {
namespace {

using core::EventKind;
using core::Patent;
using testing::DrainString;

core::Date D(int y, unsigned m, unsigned d) { return core::MakeDate(y, m, d); }

std::string Csv(const std::vector<Patent>& patents) {
  std::string out = CnCsvHeader();
  out.append(kCnCsvLineEnd);
  for (const Patent& p : patents) {
    out += ToCnCsvRow(p);
    out.append(kCnCsvLineEnd);
  }
  return out;
}

std::vector<Patent> DemoPatents(int64_t count) {
  service::DemoPatentOptions options;
  options.count = count;
  int64_t id = 1;
  for (const core::Organization& o : service::GenerateDemoOrganizations(2016)) {
    options.members.push_back({core::OrgId{id++}, o.name_zh, o.region_code, o.type});
  }
  std::vector<Patent> out;
  service::GenerateDemoPatents(options, [&](Patent&& p) { out.push_back(std::move(p)); });
  return out;
}

std::vector<std::string> Names(const std::vector<core::Applicant>& applicants) {
  std::vector<std::string> out;
  for (const auto& a : applicants) out.push_back(a.name);
  return out;
}

std::optional<core::Date> FirstEvent(const Patent& p, EventKind kind) {
  for (const auto& e : p.events) {
    if (e.kind == kind) return e.date;
  }
  return std::nullopt;
}

std::string Province(const std::string& region_code) {
  return region_code.empty() ? "" : region_code.substr(0, 2) + "0000";
}

TEST(CnCsvWriterTest, HeaderIsTheRealExportHeader) {
  const std::string path = testing::SharedData("cn-patents-fullschema-sample/patents_sample.csv");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data not present: " << path;
  std::ifstream in(path);
  std::string first_line;
  std::getline(in, first_line);
  if (!first_line.empty() && first_line.back() == '\r') first_line.pop_back();
  EXPECT_EQ(CnCsvHeader(), first_line);
}

void ExpectSameBibliography(const Patent& in, const Patent& out) {
  EXPECT_EQ(out.application_number, "CN" + in.application_number);
  EXPECT_EQ(out.publication_number, in.publication_number);
  EXPECT_EQ(out.grant_number, in.grant_number);
  EXPECT_EQ(out.type, in.type);
  EXPECT_EQ(out.title_zh, in.title_zh);
  EXPECT_EQ(out.title_en, "");  // the layout has no English title or abstract column
  EXPECT_EQ(out.abstract_zh, in.abstract_zh);
  EXPECT_EQ(out.first_claim, in.first_claim);
  EXPECT_EQ(out.filing_date, in.filing_date);
  EXPECT_EQ(out.publication_date, in.publication_date);
  EXPECT_EQ(out.grant_date, in.grant_date);
  EXPECT_EQ(out.examination_request_date, in.examination_request_date);
  EXPECT_EQ(out.ipc, in.ipc);
  EXPECT_EQ(Names(out.applicants), Names(in.applicants));
  EXPECT_EQ(out.inventors, in.inventors);
  EXPECT_EQ(out.agents, in.agents);
  EXPECT_EQ(out.agency, in.agency);
  EXPECT_EQ(out.applicant_address, in.applicant_address);
  EXPECT_EQ(out.source_status, in.source_status);
  EXPECT_EQ(out.region_code, Province(in.region_code));
}

TEST(CnCsvWriterTest, GeneratedPatentsReadBackWithTheCnCsvReader) {
  const std::vector<Patent> patents = DemoPatents(3000);
  const auto read = DrainString(Format::kCnCsv, Csv(patents));
  ASSERT_TRUE(read.rejections.empty()) << read.rejections[0].field << ": "
                                       << read.rejections[0].reason;
  ASSERT_EQ(read.patents.size(), patents.size());
  int with_transfer = 0;
  for (size_t i = 0; i < patents.size(); ++i) {
    SCOPED_TRACE("patent " + patents[i].application_number);
    const Patent& in = patents[i];
    Patent out = read.patents[i];
    ExpectSameBibliography(in, out);
    for (const EventKind kind : {EventKind::kTransfer, EventKind::kLicence,
                                 EventKind::kPledgeRegistered, EventKind::kLapseNonPayment}) {
      EXPECT_EQ(FirstEvent(out, kind), FirstEvent(in, kind));
    }
    with_transfer += FirstEvent(in, EventKind::kTransfer) ? 1 : 0;
    ASSERT_TRUE(core::NormalizePatent(out)) << core::NormalizePatent(out).error().message;
    EXPECT_EQ(out.application_number, in.application_number);
  }
  EXPECT_GT(with_transfer, 0);
}

Patent AwkwardPatent() {
  Patent p;
  p.application_number = "201910000001.X";
  p.publication_number = "CN111000001A";
  p.type = core::PatentType::kInvention;
  p.title_zh = "一种\"带引号\",带逗号的\n多行标题";
  p.title_en = "A device, \"quoted\"";
  p.applicants = {{"北京示例大学", std::nullopt}, {"天津示例公司", std::nullopt}};
  p.region_code = "150102";
  p.priorities = {{"JP", "2016-123456", D(2016, 7, 28)}, {"US", "62/000,001", std::nullopt}};
  p.pct = core::PctData{"PCT/CN2017/000001", D(2017, 7, 28), "WO2018/000001", D(2018, 2, 1),
                        D(2019, 1, 28)};
  p.filing_date = D(2019, 12, 30);
  p.events = {{.kind = EventKind::kTransfer, .date = D(2021, 3, 4), .from = "北京示例大学",
               .to = "河北示例公司"},
              {.kind = EventKind::kTransfer, .date = D(2022, 5, 6), .to = "天津新公司"}};
  return p;
}

TEST(CnCsvWriterTest, QuotesFieldsAndWritesPctPrioritiesAndProvince) {
  const Patent p = AwkwardPatent();
  const std::string row = ToCnCsvRow(p);
  EXPECT_NE(row.find("\"一种\"\"带引号\"\",带逗号的\n多行标题\""), std::string::npos);
  EXPECT_NE(row.find(",内蒙古(15),"), std::string::npos);
  EXPECT_NE(row.find(",发明公开,"), std::string::npos);
  EXPECT_NE(row.find(",天津新公司,"), std::string::npos);  // 当前权利人 after the transfers
  const auto read = DrainString(Format::kCnCsv, Csv({p}));
  ASSERT_TRUE(read.rejections.empty()) << read.rejections[0].reason;
  ASSERT_EQ(read.patents.size(), 1u);
  const Patent& out = read.patents[0];
  EXPECT_EQ(out.title_zh, p.title_zh);
  EXPECT_EQ(out.region_code, "150000");
  EXPECT_EQ(out.grant_date, std::nullopt);
  ASSERT_EQ(out.priorities.size(), 2u);
  EXPECT_EQ(out.priorities[0].country, "JP");
  EXPECT_EQ(out.priorities[0].number, "2016-123456");
  EXPECT_EQ(out.priorities[0].date, D(2016, 7, 28));
  EXPECT_EQ(out.priorities[1].date, std::nullopt);
  ASSERT_TRUE(out.pct.has_value());
  EXPECT_EQ(out.pct->application_number, "PCT/CN2017/000001");
  EXPECT_EQ(out.pct->national_entry_date, D(2019, 1, 28));
  EXPECT_EQ(FirstEvent(out, EventKind::kTransfer), D(2021, 3, 4));  // only the first is written
}

TEST(CnCsvWriterTest, EmptyPatentHasAllColumnsAndZeroDates) {
  Patent p;
  p.title_zh = "标题";
  const std::string row = ToCnCsvRow(p);
  EXPECT_EQ(std::count(row.begin(), row.end(), ','), 60);
  EXPECT_TRUE(row.starts_with(",0,0,0,")) << row;
  EXPECT_TRUE(row.ends_with(",0")) << row;
}

}  // namespace
}  // namespace ipa::importer
