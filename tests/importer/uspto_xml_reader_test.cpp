#include "importer/uspto_xml_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/date.hpp"
#include "importer/uspto_xml_map.hpp"
#include "importer_test_util.hpp"

namespace ipa::importer {
namespace {

using testing::DrainString;

// Five documents copied byte for byte from USPTO weekly files (public domain): a 2007 utility
// grant (ipcr), a 2012 design grant, a sequence listing, a 2005 grant (fixed-width IPC) and a
// 2013 application.
std::string Sample() {
  std::ifstream in(std::string(IPA_SOURCE_DIR) + "/tests/importer/fixtures/uspto_weekly_sample.xml",
                   std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

core::Date D(int y, unsigned m, unsigned d) { return core::MakeDate(y, m, d); }

TEST(UsptoXmlReaderTest, ConcatenatedDocuments) {
  const auto out = DrainString(Format::kUsptoXml, Sample());
  ASSERT_EQ(out.patents.size(), 4u);
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].where.record, 3);
  EXPECT_EQ(out.rejections[0].field, "document");
  EXPECT_EQ(out.rejections[0].reason,
            "not a red-book patent document: <sequence-cwu> (a sequence listing)");
  EXPECT_EQ(out.patent_locations[1].record, 2);
  EXPECT_EQ(out.patent_locations[0].line, 1);
  EXPECT_GT(out.patent_locations[1].line, 200);
}

TEST(UsptoXmlReaderTest, UtilityGrantWithIpcr) {
  const core::Patent p = DrainString(Format::kUsptoXml, Sample()).patents.at(0);
  EXPECT_EQ(p.publication_number, "US07156135B1");
  EXPECT_EQ(p.grant_number, "US07156135B1");
  EXPECT_EQ(p.application_number, "US11344253");
  EXPECT_EQ(p.type, core::PatentType::kInvention);
  EXPECT_EQ(p.title_en, "Quick-release connector structure for an air tank");
  EXPECT_EQ(p.filing_date, D(2006, 2, 1));
  EXPECT_EQ(p.grant_date, D(2007, 1, 2));
  EXPECT_EQ(p.publication_date, D(2007, 1, 2));
  EXPECT_EQ(p.ipc, (std::vector<std::string>{"B65B 1/04"}));
  ASSERT_EQ(p.applicants.size(), 1u);
  EXPECT_EQ(p.applicants[0].name, "Sunworld Industrial Co., Ltd.");
  EXPECT_EQ(p.applicant_address, "Tainan Hsien, TW");
  EXPECT_EQ(p.agency, "Rosenberg, Klein & Lee");
  EXPECT_FALSE(p.inventors.empty());
  EXPECT_TRUE(
      p.abstract_en.starts_with("A quick-release connector structure for an air tank includes"));
  EXPECT_TRUE(p.first_claim.starts_with("1. A quick-release connector structure"));
  EXPECT_TRUE(
      p.first_claim.ends_with("said first passage interconnecting with said air release hole."));
  ASSERT_FALSE(p.events.empty());
  EXPECT_EQ(p.events[0].kind, core::EventKind::kGrant);
  EXPECT_EQ(p.source, "uspto-xml");
}

TEST(UsptoXmlReaderTest, DesignGrantOldGrantAndApplication) {
  const auto patents = DrainString(Format::kUsptoXml, Sample()).patents;
  const core::Patent& design = patents.at(1);
  EXPECT_EQ(design.publication_number, "USD0656419S1");
  EXPECT_EQ(design.type, core::PatentType::kDesign);
  EXPECT_TRUE(design.ipc.empty());
  const core::Patent& old = patents.at(2);
  EXPECT_EQ(old.ipc, (std::vector<std::string>{"C07C 249/00"}));
  ASSERT_EQ(old.priorities.size(), 1u);
  EXPECT_EQ(old.priorities[0].country, "DE");
  EXPECT_EQ(old.priorities[0].number, "101 33 729");
  EXPECT_EQ(old.priorities[0].date, D(2001, 7, 11));
  ASSERT_EQ(old.events.size(), 2u);
  EXPECT_EQ(old.events[1].kind, core::EventKind::kTermCompensation);
  EXPECT_EQ(old.events[1].days, 273);
  const core::Patent& app = patents.at(3);
  EXPECT_EQ(app.publication_number, "US20130014308A1");
  EXPECT_EQ(app.application_number, "US13181579");
  EXPECT_EQ(app.title_en, "TYPING-MATE");
  EXPECT_EQ(app.ipc, (std::vector<std::string>{"A41D 13/08"}));
  EXPECT_TRUE(app.grant_number.empty());
  EXPECT_FALSE(app.grant_date);
  EXPECT_TRUE(app.events.empty());
  EXPECT_EQ(app.inventors, (std::vector<std::string>{"Yennifer Feliciano"}));
}

TEST(UsptoXmlReaderTest, TruncatedLastDocumentIsRejectedEarlierOnesKept) {
  std::string text = Sample();
  text.resize(text.size() - 2000);
  const auto out = DrainString(Format::kUsptoXml, text);
  ASSERT_EQ(out.patents.size(), 3u);
  ASSERT_EQ(out.rejections.size(), 2u);
  EXPECT_EQ(out.rejections[1].where.record, 5);
  EXPECT_EQ(out.rejections[1].field, "document");
  EXPECT_NE(out.rejections[1].reason.find("malformed or truncated XML"), std::string::npos);
}

const char* kHandMade = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v42-2006-08-23.dtd" [
<!ENTITY xxe SYSTEM "file:///etc/passwd">
<!ENTITY fig1 SYSTEM "fig1.tif" NDATA TIF>
]>
<us-patent-grant><us-bibliographic-data-grant>
<publication-reference><document-id><doc-number>09999999</doc-number><kind>B2</kind><date>20150101</date></document-id></publication-reference>
<application-reference appl-type="utility"><document-id><doc-number>14000000</doc-number><date>20140101</date></document-id></application-reference>
<invention-title>&lsquo;Smart&rsquo; widget &mdash; &xxe; &unknown; A&amp;B</invention-title>
</us-bibliographic-data-grant></us-patent-grant>
)";

TEST(UsptoXmlReaderTest, EntitiesAreMappedOrKeptAndNothingExternalIsLoaded) {
  const auto out = DrainString(Format::kUsptoXml, kHandMade);
  ASSERT_EQ(out.patents.size(), 1u) << out.rejections.at(0).reason;
  EXPECT_EQ(out.patents[0].title_en, "\u2018Smart\u2019 widget \u2014 &xxe; &unknown; A&B");
}

TEST(UsptoXmlReaderTest, BadValuesAndOtherDocuments) {
  std::string bad_date = kHandMade;
  bad_date.replace(bad_date.find("20140101"), 8, "20140231");
  std::string no_number = kHandMade;
  no_number.replace(no_number.find("14000000"), 8, "");
  const auto out =
      DrainString(Format::kUsptoXml, bad_date + no_number + "<?xml version=\"1.0\"?>\n<html/>\n" +
                                         "<?xml version=\"1.0\"?>\n<a><b></a>\n" + kHandMade);
  ASSERT_EQ(out.rejections.size(), 4u);
  EXPECT_EQ(out.rejections[0].field, "application-reference/date");
  EXPECT_EQ(out.rejections[1].field, "application-reference");
  EXPECT_EQ(out.rejections[2].reason, "not a red-book patent document: <html>");
  EXPECT_NE(out.rejections[3].reason.find("malformed or truncated XML"), std::string::npos);
  ASSERT_EQ(out.patents.size(), 1u);
  EXPECT_EQ(out.patent_locations[0].record, 5);
}

TEST(UsptoXmlReaderTest, OversizedDocumentIsSkipped) {
  std::string big = kHandMade;
  big.insert(big.find("</us-bibliographic"), "<x>" + std::string(100000, 'z') + "</x>");
  const auto out = DrainString(Format::kUsptoXml, std::string(kHandMade) + big + kHandMade,
                               ReaderOptions{50000});
  ASSERT_EQ(out.patents.size(), 2u);
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].where.record, 2);
  EXPECT_NE(out.rejections[0].reason.find("longer than the maximum record size"),
            std::string::npos);
  EXPECT_EQ(out.patent_locations[1].record, 3);
}

TEST(UsptoXmlReaderTest, FixedWidthIpc) {
  EXPECT_EQ(FixedWidthIpc("A45F  504"), "A45F 5/04");
  EXPECT_EQ(FixedWidthIpc("A43B 1314"), "A43B 13/14");
  EXPECT_EQ(FixedWidthIpc("C07C24900"), "C07C 249/00");
  EXPECT_EQ(FixedWidthIpc("H01M 10/0525"), "H01M 10/0525");
}

}  // namespace
}  // namespace ipa::importer
