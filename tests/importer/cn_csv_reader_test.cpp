#include "importer/cn_csv_reader.hpp"

#include <gtest/gtest.h>

#include "core/date.hpp"
#include "importer/cn_csv_row.hpp"
#include "importer_test_util.hpp"

namespace ipa::importer {
namespace {

using testing::DrainString;

const std::string kHeader =
    "序号,申请号,申请日,公开号,公开日,授权公告号,授权公告日,专利类型,专利名称,申请人,发明人,"
    "申请人地址,国省代码,法律状态,主分类号,分类号,转让日期,许可日期,实质审查日,全文链接\n";

std::string Row(const std::string& app_no, const std::string& filing, const std::string& type,
                const std::string& extra_grant = "20210105") {
  return "1," + app_no + "," + filing + ",CN111000001A,20200407,CN111000001B," + extra_grant + "," +
         type +
         ",一种电池,\"天津示例科技有限公司；北京示例大学\",张三;李四,300384天津市西青区,"
         "天津(12),有权-审定授权,H01M10/0525,H01M10/0525;H01M4/36,20220301;20230415,,20200420,"
         "查看\n";
}

core::Date D(int y, unsigned m, unsigned d) { return core::MakeDate(y, m, d); }

TEST(CnCsvReaderTest, MapsTheColumns) {
  const auto out = DrainString(Format::kCnCsv,
                               kHeader + Row("CN201910000001.X", "20191230", "发明公开;发明授权"));
  ASSERT_TRUE(out.rejections.empty()) << out.rejections[0].reason;
  ASSERT_EQ(out.patents.size(), 1u);
  const core::Patent& p = out.patents[0];
  EXPECT_EQ(p.application_number, "CN201910000001.X");
  EXPECT_EQ(p.publication_number, "CN111000001A");
  EXPECT_EQ(p.grant_number, "CN111000001B");
  EXPECT_EQ(p.type, core::PatentType::kInvention);
  EXPECT_EQ(p.title_zh, "一种电池");
  ASSERT_EQ(p.applicants.size(), 2u);
  EXPECT_EQ(p.applicants[1].name, "北京示例大学");
  EXPECT_EQ(p.inventors, (std::vector<std::string>{"张三", "李四"}));
  EXPECT_EQ(p.region_code, "120000");
  EXPECT_EQ(p.region_rule, core::RegionRule::kProvinceCode);
  EXPECT_EQ(p.applicant_address, "300384天津市西青区");
  EXPECT_EQ(p.source_status, "有权-审定授权");
  EXPECT_EQ(p.ipc, (std::vector<std::string>{"H01M10/0525", "H01M4/36"}));
  EXPECT_EQ(p.filing_date, D(2019, 12, 30));
  EXPECT_EQ(p.grant_date, D(2021, 1, 5));
  EXPECT_EQ(p.examination_request_date, D(2020, 4, 20));
  EXPECT_EQ(p.source, "cn-csv");
}

TEST(CnCsvReaderTest, DateColumnsBecomeEventsInDateOrder) {
  const auto out =
      DrainString(Format::kCnCsv, kHeader + Row("CN201910000001.X", "20191230", "发明"));
  ASSERT_EQ(out.patents.size(), 1u);
  const auto& events = out.patents[0].events;
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].kind, core::EventKind::kExaminationRequest);
  EXPECT_EQ(events[1].kind, core::EventKind::kGrant);
  EXPECT_EQ(events[1].note, "from 授权公告日 column");
  EXPECT_EQ(events[2].kind, core::EventKind::kTransfer);
  EXPECT_EQ(events[2].date, D(2022, 3, 1));
  EXPECT_EQ(events[2].note, "from 转让日期 column");
  EXPECT_EQ(events[3].date, D(2023, 4, 15));
}

TEST(CnCsvReaderTest, ImpossibleDateRejectsTheRowAndKeepsTheOthers) {
  const auto out =
      DrainString(Format::kCnCsv, kHeader + Row("CN201910000001.X", "20230230", "发明") +
                                      Row("CN201910000002.8", "2019-12-30", "实用新型") +
                                      Row("CN201910000003.1", "2019.12.31", "外观设计"));
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].field, "申请日");
  EXPECT_EQ(out.rejections[0].where.line, 2);
  EXPECT_EQ(out.rejections[0].where.record, 1);
  EXPECT_NE(out.rejections[0].reason.find("'20230230' is not a real date"), std::string::npos);
  ASSERT_EQ(out.patents.size(), 2u);
  EXPECT_EQ(out.patents[0].type, core::PatentType::kUtilityModel);
  EXPECT_EQ(out.patents[1].type, core::PatentType::kDesign);
  EXPECT_EQ(out.patents[1].filing_date, D(2019, 12, 31));
}

TEST(CnCsvReaderTest, ZeroMeansNoDate) {
  const auto out =
      DrainString(Format::kCnCsv, kHeader + Row("CN201910000001.X", "20191230", "发明", "0"));
  ASSERT_EQ(out.patents.size(), 1u);
  EXPECT_FALSE(out.patents[0].grant_date);
}

TEST(CnCsvReaderTest, WrongFieldCountAndUnknownTypeAreRejected) {
  const auto out =
      DrainString(Format::kCnCsv, kHeader + "1,CN1,short row\n" +
                                      Row("CN201910000001.X", "20191230", "发明专利证书") +
                                      Row("CN201910000002.8", "20191230", "发明"));
  ASSERT_EQ(out.rejections.size(), 2u);
  EXPECT_EQ(out.rejections[0].reason, "row has 3 fields, the header has 20");
  EXPECT_EQ(out.rejections[1].field, "专利类型");
  EXPECT_EQ(out.rejections[1].reason, "unknown patent type '发明专利证书'");
  ASSERT_EQ(out.patents.size(), 1u);
}

TEST(CnCsvReaderTest, ShuffledSubsetOfColumnsWithUnknownOnes) {
  const std::string csv =
      "备注,申请日,专利名称,申请号,Mystery\n"
      "x,2020-01-02,\"一种\"\"装置\"\", 含逗号\",CN202010000004.5,y\n";
  auto reader = ReaderFromString(Format::kCnCsv, csv, "shuffled.csv");
  const auto out = testing::Drain(*reader);
  ASSERT_EQ(out.patents.size(), 1u);
  EXPECT_EQ(out.patents[0].title_zh, "一种\"装置\", 含逗号");
  EXPECT_EQ(out.patents[0].filing_date, D(2020, 1, 2));
  const auto& ignored = static_cast<CnCsvReader&>(*reader).ignored_columns();
  EXPECT_EQ(ignored, (std::vector<std::string>{"备注", "Mystery"}));
  EXPECT_EQ(out.warnings,
            (std::vector<std::string>{"encoding: UTF-8", "ignored columns: 备注, Mystery"}));
}

TEST(CnCsvReaderTest, MultiLineQuotedFieldKeepsLineNumbers) {
  const std::string csv =
      "申请号,申请摘要,申请日\n"
      "CN1,\"第一行\n第二行\",20200101\n"
      "CN2,ok,20201301\n";
  const auto out = DrainString(Format::kCnCsv, csv);
  ASSERT_EQ(out.patents.size(), 1u);
  EXPECT_EQ(out.patents[0].abstract_zh, "第一行\n第二行");
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].where.line, 4);
  EXPECT_EQ(out.rejections[0].where.record, 2);
}

TEST(CnCsvReaderTest, RowsWithoutNumbersNeedATitle) {
  const auto out = DrainString(Format::kCnCsv,
                               "id,title,inventors,applicants,database_name,filing_date,"
                               "publication_date,search_keyword\n"
                               "1,一种方法,张三;李四,某大学,中国专利,2022-04-02,2025-06-17,计算机\n"
                               "2,,王五,某公司,中国专利,2022-04-03,2025-06-17,计算机\n");
  ASSERT_EQ(out.patents.size(), 1u);  // keyed by content later (core::NormalizePatent)
  EXPECT_EQ(out.patents[0].application_number, "");
  EXPECT_EQ(out.patents[0].title_zh, "一种方法");
  EXPECT_EQ(out.patents[0].applicants.at(0).name, "某大学");
  EXPECT_EQ(out.patents[0].filing_date, D(2022, 4, 2));
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].field, "申请号");
  EXPECT_EQ(out.rejections[0].reason, kNoIdentity);
  EXPECT_EQ(out.rejections[0].where.line, 3);
}

TEST(CnCsvReaderTest, PublicationNumberKeysRecordsAndGivesTheType) {
  const auto out = DrainString(Format::kCnCsv,
                               "publication_number,title,ipc_subclasses_true\n"
                               "CN114000001A,一种方法,A01M|G06F\n"
                               "CN215000002U,一种结构,B41F\n"
                               "CN306000003S,一种外观,\n");
  ASSERT_EQ(out.patents.size(), 3u);
  EXPECT_EQ(out.patents[0].application_number, "");
  EXPECT_EQ(out.patents[0].publication_number, "CN114000001A");
  EXPECT_EQ(out.patents[0].ipc, (std::vector<std::string>{"A01M", "G06F"}));
  EXPECT_EQ(out.patents[0].type, core::PatentType::kInvention);
  EXPECT_EQ(out.patents[1].type, core::PatentType::kUtilityModel);
  EXPECT_EQ(out.patents[2].type, core::PatentType::kDesign);
}

TEST(CnCsvReaderTest, HeaderWithoutKnownColumns) {
  const auto out = DrainString(Format::kCnCsv, "a,b\n1,2\n");
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].field, "header");
  EXPECT_EQ(out.rejections[0].where.line, 1);
  EXPECT_TRUE(out.patents.empty());
  const auto empty = DrainString(Format::kCnCsv, "");
  ASSERT_EQ(empty.rejections.size(), 1u);
  EXPECT_EQ(empty.rejections[0].reason, "the file is empty");
}

TEST(CnCsvReaderTest, ProvinceCodes) {
  EXPECT_EQ(ParseProvinceCode("河南(41)").value(), "410000");
  EXPECT_EQ(ParseProvinceCode("41").value(), "410000");
  EXPECT_EQ(ParseProvinceCode("北京（11）").value(), "110000");
  EXPECT_EQ(ParseProvinceCode("130102").value(), "130102");
  EXPECT_FALSE(ParseProvinceCode("日本").value().has_value());
  EXPECT_FALSE(ParseProvinceCode("").value().has_value());
  EXPECT_FALSE(ParseProvinceCode("火星(99)").has_value());
  EXPECT_FALSE(ParseProvinceCode("4100").has_value());
}

TEST(CnCsvReaderTest, GbkFileIsDetectedAndConverted) {
  const std::string utf8 = kHeader + Row("CN201910000001.X", "20191230", "发明");
  testing::TempDir dir;
  testing::WriteFile(dir.File("gbk.csv"), testing::ToGbk(utf8));
  const auto out = testing::DrainFile(Format::kCnCsv, dir.File("gbk.csv"));
  ASSERT_EQ(out.patents.size(), 1u);
  EXPECT_EQ(out.patents[0].title_zh, "一种电池");
  EXPECT_EQ(out.patents[0].applicants[0].name, "天津示例科技有限公司");
  EXPECT_EQ(out.warnings[0], "encoding: GB18030");
}

TEST(CnCsvReaderTest, BomIsAccepted) {
  const auto out = DrainString(Format::kCnCsv,
                               "\xEF\xBB\xBF"
                               "申请号,专利名称\nCN1,标题\n");
  ASSERT_EQ(out.patents.size(), 1u);
  EXPECT_EQ(out.warnings[0], "encoding: UTF-8 with BOM");
}

TEST(CnCsvReaderTest, GbkRowInAUtf8FileIsRejected) {
  const std::string csv =
      "申请号,专利名称\nCN1,标题一\nCN2," + testing::ToGbk("标题二") + "\nCN3,标题三\n";
  const auto out = DrainString(Format::kCnCsv, csv);
  ASSERT_EQ(out.patents.size(), 2u);
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].field, "专利名称");
  EXPECT_EQ(out.rejections[0].where.line, 3);
  EXPECT_NE(out.rejections[0].reason.find("not valid UTF-8"), std::string::npos);
}

TEST(CnCsvReaderTest, Utf8RowInAGbkFileIsRejected) {
  std::string csv = testing::ToGbk(kHeader);
  for (int i = 0; i < 5; ++i)
    csv += testing::ToGbk(Row("CN20191000000" + std::to_string(i) + ".1", "20191230", "发明"));
  csv += Row("CN201910000009.9", "20191230", "发明");  // UTF-8
  csv += testing::ToGbk(Row("CN201910000010.1", "20191230", "发明"));
  const auto out = DrainString(Format::kCnCsv, csv);
  EXPECT_EQ(out.warnings[0], "encoding: GB18030");
  ASSERT_EQ(out.patents.size(), 6u);
  EXPECT_EQ(out.patents[5].applicant_address, "300384天津市西青区");
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].where.line, 7);
  EXPECT_NE(out.rejections[0].reason.find("UTF-8 text in a file detected as GB18030"),
            std::string::npos);
}

TEST(CnCsvReaderTest, TenMegabyteLineIsParsedUnderTheDefaultLimit) {
  const std::string abstract(10 << 20, 'a');
  const auto out =
      DrainString(Format::kCnCsv, "申请号,申请摘要\nCN1," + abstract + "\nCN2,short\n");
  ASSERT_EQ(out.patents.size(), 2u);
  EXPECT_EQ(out.patents[0].abstract_zh.size(), abstract.size());
}

TEST(CnCsvReaderTest, TenMegabyteLineIsRejectedAboveALowerLimit) {
  const std::string abstract(10 << 20, 'a');
  const auto out = DrainString(Format::kCnCsv, "申请号,申请摘要\nCN1," + abstract + "\nCN2,short\n",
                               ReaderOptions{1 << 20});
  ASSERT_EQ(out.patents.size(), 1u);
  EXPECT_EQ(out.patents[0].application_number, "CN2");
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].where.line, 2);
  EXPECT_NE(out.rejections[0].reason.find("longer than the maximum record size of 1048576 bytes"),
            std::string::npos);
}

}  // namespace
}  // namespace ipa::importer
