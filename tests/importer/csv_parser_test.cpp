#include "importer/csv_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ipa::importer {
namespace {

struct Parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;
  std::vector<std::string> errors;
};

Parsed ParseAll(std::string text, size_t max = 1 << 20) {
  CsvParser parser(TextSource(ByteSource::FromString(std::move(text), "t.csv")), max);
  Parsed out;
  CsvRow row;
  while (true) {
    auto got = parser.Next(row);
    EXPECT_TRUE(got.has_value());
    if (!got || !*got) break;
    out.rows.push_back(row.fields);
    out.lines.push_back(row.line);
    out.errors.push_back(row.error);
  }
  return out;
}

using Row = std::vector<std::string>;

TEST(CsvParserTest, PlainRowsWithLfAndCrlf) {
  const Parsed p = ParseAll("a,b,c\r\n1,,3\n4,5,6");
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.rows[0], (Row{"a", "b", "c"}));
  EXPECT_EQ(p.rows[1], (Row{"1", "", "3"}));
  EXPECT_EQ(p.rows[2], (Row{"4", "5", "6"}));  // no final line break
  EXPECT_EQ(p.lines, (std::vector<int64_t>{1, 2, 3}));
}

TEST(CsvParserTest, QuotedCommasDoubledQuotesAndLineBreaks) {
  const Parsed p = ParseAll("\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nnext,\"\",end\n");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0], (Row{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(p.rows[1], (Row{"next", "", "end"}));
  EXPECT_EQ(p.lines[1], 3);  // the quoted line break counts
  EXPECT_EQ(p.errors[0], "");
}

TEST(CsvParserTest, QuoteInsideUnquotedFieldIsText) {
  const Parsed p = ParseAll("5\" disk,b\n");
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0], (Row{"5\" disk", "b"}));
}

TEST(CsvParserTest, TextAfterClosingQuoteIsAnErrorForThatRowOnly) {
  const Parsed p = ParseAll("\"ab\"cd,e\nok,row\n");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_NE(p.errors[0].find("after the closing quote"), std::string::npos);
  EXPECT_EQ(p.rows[1], (Row{"ok", "row"}));
  EXPECT_EQ(p.errors[1], "");
}

TEST(CsvParserTest, UnterminatedQuoteAtEndOfFile) {
  const Parsed p = ParseAll("a,b\n1,\"never closed\n2,3\n");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_NE(p.errors[1].find("opened on line 2 is not closed"), std::string::npos);
}

TEST(CsvParserTest, OverlongRowIsSkippedToTheNextLine) {
  const std::string big(5000, 'x');
  const Parsed p = ParseAll("h1,h2\n" + big + ",y\nafter,row\n", 1000);
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_NE(p.errors[1].find("longer than the maximum record size of 1000"), std::string::npos);
  EXPECT_TRUE(p.rows[1].empty());
  EXPECT_EQ(p.rows[2], (Row{"after", "row"}));
  EXPECT_EQ(p.lines[2], 3);
}

TEST(CsvParserTest, OverlongQuotedFieldResyncsAtTheNextLine) {
  const Parsed p = ParseAll("\"" + std::string(3000, 'q') + "\nafter,row\n", 1000);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_FALSE(p.errors[0].empty());
  EXPECT_EQ(p.rows[1], (Row{"after", "row"}));
}

TEST(CsvParserTest, TooManyFields) {
  const Parsed p = ParseAll(std::string(20000, ',') + "\nok\n");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_NE(p.errors[0].find("more than 10000 fields"), std::string::npos);
  EXPECT_EQ(p.rows[1], (Row{"ok"}));
}

TEST(CsvParserTest, RowsSpanningReadChunks) {
  std::string text;
  for (int i = 0; i < 40000; ++i) text += std::to_string(i) + ",\"v," + std::to_string(i) + "\"\n";
  const Parsed p = ParseAll(text);
  ASSERT_EQ(p.rows.size(), 40000u);
  EXPECT_EQ(p.rows[39999], (Row{"39999", "v,39999"}));
  EXPECT_EQ(p.lines[39999], 40000);
}

}  // namespace
}  // namespace ipa::importer
