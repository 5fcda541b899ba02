#include "importer/encoding.hpp"

#include <gtest/gtest.h>

#include "importer_test_util.hpp"

namespace ipa::importer {
namespace {

std::string ReadAll(TextSource& source) {
  std::string out;
  char buf[97];
  while (true) {
    auto n = source.Read(buf, sizeof buf);
    EXPECT_TRUE(n.has_value());
    if (!n || *n == 0) break;
    out.append(buf, *n);
  }
  return out;
}

TEST(EncodingTest, DetectsBomUtf8AndGb18030) {
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBF申请号"), Encoding::kUtf8Bom);
  EXPECT_EQ(DetectEncoding("申请号,公开号"), Encoding::kUtf8);
  EXPECT_EQ(DetectEncoding(testing::ToGbk("申请号,公开号,申请人地址,北京市海淀区")),
            Encoding::kGb18030);
  EXPECT_EQ(DetectEncoding("plain ascii"), Encoding::kUtf8);
}

TEST(EncodingTest, AFewStrayGbkBytesInUtf8TextStayUtf8) {
  const std::string utf8 = "申请号,专利名称\nCN1,一种锂离子电池\nCN3,一种电池正极材料\n";
  EXPECT_EQ(DetectEncoding(utf8 + "CN2," + testing::ToGbk("标题") + "\n"), Encoding::kUtf8);
}

TEST(EncodingTest, SequenceCutAtTheChunkEndIsNotInvalid) {
  const std::string text = "申请号";
  EXPECT_EQ(CompleteUtf8Prefix(text.substr(0, 8)), 6u);
  EXPECT_EQ(CompleteUtf8Prefix(text), text.size());
  EXPECT_EQ(DetectEncoding(text.substr(0, 8)), Encoding::kUtf8);
}

TEST(EncodingTest, TextSourceRemovesTheBomAndPassesBytesThrough) {
  TextSource bom(ByteSource::FromString("\xEF\xBB\xBFid,title\n", "x"));
  EXPECT_EQ(ReadAll(bom), "id,title\n");
  EXPECT_EQ(bom.encoding(), Encoding::kUtf8Bom);
  std::string gbk;
  for (int i = 0; i < 5000; ++i)
    gbk += testing::ToGbk("中关村科技园区" + std::to_string(i) + "号\n");
  TextSource source(ByteSource::FromString(gbk, "x"));
  EXPECT_EQ(ReadAll(source), gbk);
  EXPECT_EQ(source.encoding(), Encoding::kGb18030);
}

TEST(EncodingTest, DecoderConvertsAndReplacesUndecodableBytes) {
  Gb18030Decoder decoder;
  EXPECT_EQ(decoder.Decode(testing::ToGbk("北京市海淀区，€")), "北京市海淀区，€");
  // 0x81 0x20 is no GB18030 sequence; a lone lead byte at the end is cut.
  EXPECT_EQ(decoder.Decode(testing::ToGbk("北京") + "\x81\x20x\x81"),
            "北京\xEF\xBF\xBD x\xEF\xBF\xBD");
  EXPECT_EQ(decoder.Decode(std::string(1000, '\xFF')).size(), 3000u);
}

TEST(EncodingTest, CountUtf8) {
  const Utf8Census c = CountUtf8("a中b\xFF文");
  EXPECT_EQ(c.multibyte, 2u);
  EXPECT_EQ(c.invalid, 1u);
}

}  // namespace
}  // namespace ipa::importer
