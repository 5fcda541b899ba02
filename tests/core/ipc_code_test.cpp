#include "core/ipc_code.hpp"

#include <gtest/gtest.h>

#include "core/sample_data.hpp"

namespace ipa::core {
namespace {

TEST(IpcCodeTest, ParsesAndNormalisesTheWrittenForms) {
  struct Case {
    const char* input;
    const char* normalised;
  } cases[] = {
      {"H01M10/0525", "H01M 10/0525"},
      {"H01M 10/0525", "H01M 10/0525"},
      {"H01M  10/05", "H01M 10/05"},
      {"h01m", "H01M"},
      {"H01M", "H01M"},
      {"H01M10/00", "H01M 10/00"},
      {"B64U101/30", "B64U 101/30"},
      {"G06F18/2321", "G06F 18/2321"},
      {"A61K 9/00", "A61K 9/00"},
      {"H04L9/40", "H04L 9/40"},
      {"C07D 1234/123456", "C07D 1234/123456"},
      {"H01M 0010/0525", "H01M 10/0525"},
      {" H01M 10 / 0525 ", "H01M 10/0525"},
      {"H01M 10/0525 (2010.01)", "H01M 10/0525"},
      {"H01M10/0525(2010.01)", "H01M 10/0525"},
      // Full-width letters, digits and slash.
      {"\xEF\xBC\xA8\xEF\xBC\x90\xEF\xBC\x91\xEF\xBC\xAD\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x8F"
       "0525",
       "H01M 10/0525"},
  };
  for (const Case& c : cases) {
    auto code = ParseIpcCode(c.input);
    ASSERT_TRUE(code.has_value()) << c.input << ": " << code.error().message;
    EXPECT_EQ(code->Normalised(), c.normalised) << c.input;
    EXPECT_EQ(NormaliseIpcCode(c.input).value_or(""), c.normalised) << c.input;
  }
}

TEST(IpcCodeTest, Accessors) {
  auto code = ParseIpcCode("H01M10/0525");
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(code->level, IpcLevel::kSubgroup);
  EXPECT_EQ(code->SectionString(), "H");
  EXPECT_EQ(code->ClassString(), "H01");
  EXPECT_EQ(code->SubclassString(), "H01M");
  EXPECT_EQ(code->MainGroupString(), "H01M 10/00");
  EXPECT_EQ(code->main_group, 10);
  EXPECT_EQ(code->subgroup, "0525");
  auto subclass = ParseIpcCode("a61k");
  ASSERT_TRUE(subclass.has_value());
  EXPECT_EQ(subclass->level, IpcLevel::kSubclass);
  EXPECT_EQ(subclass->ClassString(), "A61");
}

TEST(IpcCodeTest, ErrorsNameTheReason) {
  struct Case {
    const char* input;
    const char* reason;
  } cases[] = {
      {"", "empty"},
      {"I01M 10/00", "section must be a letter A to H"},
      {"101M", "section must be a letter A to H"},
      {"H1M", "class after the section must be two digits"},
      {"HX1M", "class after the section must be two digits"},
      {"H00M", "class 00 does not exist"},
      {"H011", "subclass after the class must be a letter"},
      {"H01M10", "needs its subgroup"},
      {"H01M 10/5", "subgroup after '/' must be 2 to 6 digits"},
      {"H01M 10/1234567", "subgroup after '/' must be 2 to 6 digits"},
      {"H01M 10/", "subgroup after '/' must be 2 to 6 digits"},
      {"H01M 12345/00", "main group after the subclass must be 1 to 4 digits"},
      {"H01M /0525", "main group after the subclass must be 1 to 4 digits"},
      {"H01M 0/00", "main group 0 does not exist"},
      {"H01M 10-0525", "expected '/'"},
      {"H01M 10/0525x", "unexpected text after the subgroup"},
      {"H", "at least section, class and subclass"},
      {"H01", "at least section, class and subclass"},
  };
  for (const Case& c : cases) {
    auto code = ParseIpcCode(c.input);
    ASSERT_FALSE(code.has_value()) << c.input;
    EXPECT_EQ(code.error().code, ErrorCode::kInvalidArgument) << c.input;
    EXPECT_EQ(code.error().field, "ipc") << c.input;
    EXPECT_NE(code.error().message.find(c.reason), std::string::npos)
        << c.input << ": " << code.error().message;
  }
}

TEST(IpcCodeTest, PrefixesParseAtEveryLevel) {
  struct Case {
    const char* input;
    IpcLevel level;
    const char* normalised;
  } cases[] = {
      {"h", IpcLevel::kSection, "H"},
      {"H01", IpcLevel::kClass, "H01"},
      {"H01M", IpcLevel::kSubclass, "H01M"},
      {"H01M10", IpcLevel::kMainGroup, "H01M 10"},
      {"H01M 10", IpcLevel::kMainGroup, "H01M 10"},
      {"H01M 10/05", IpcLevel::kSubgroup, "H01M 10/05"},
  };
  for (const Case& c : cases) {
    auto p = ParseIpcPrefix(c.input);
    ASSERT_TRUE(p.has_value()) << c.input << ": " << p.error().message;
    EXPECT_EQ(p->level, c.level) << c.input;
    EXPECT_EQ(p->Normalised(), c.normalised) << c.input;
  }
  EXPECT_FALSE(ParseIpcPrefix("Z01"));
  EXPECT_FALSE(ParseIpcPrefix("H0"));
}

TEST(IpcCodeTest, PrefixMatching) {
  struct Case {
    const char* code;
    const char* prefix;
    bool matches;
  } cases[] = {
      {"H01M 10/0525", "H01M", true},
      {"H01M 10/0525", "h01m", true},
      {"H01M 10/0525", "H01M10", true},
      {"H01M 10/0525", "H01M 10", true},
      {"H01M 10/0525", "H01M 10/00", true},
      {"H01M 10/0525", "H01M 10/05", true},
      {"H01M 10/0525", "H01M 10/052", true},
      {"H01M 10/0525", "H01M10/0525", true},
      {"H01M 10/0525", "H01", true},
      {"H01M 10/0525", "H", true},
      {"H01M 10/0525", "H01M 10/06", false},
      {"H01M 10/0525", "H01M 10/05251", false},
      {"H01M 10/0525", "H01M 1", false},
      {"H01M 10/0525", "H01M 100", false},
      {"H01M 10/0525", "H01L", false},
      {"H01M 10/0525", "H02", false},
      {"H01M 10/0525", "G", false},
      {"H01M 10/00", "H01M 10", true},
      {"H01M 10/00", "H01M 10/00", true},
      {"H01M 10/00", "H01M 10/05", false},
      {"H01M", "H01M", true},
      {"H01M", "H01M 10", false},
      {"H01M", "H01M 10/00", false},
      {"h01m10/0525", "H01M", true},
      {"not a code", "H", false},
      {"H01M 10/0525", "not a prefix", false},
      {"H01M 10/0525", "", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IpcMatchesPrefix(std::string_view(c.code), std::string_view(c.prefix)), c.matches)
        << c.code << " under " << c.prefix;
  }
}

TEST(IpcCodeTest, ParsedMatchingAgreesWithText) {
  auto code = ParseIpcCode("B64U 101/30");
  auto prefix = ParseIpcPrefix("B64U101");
  ASSERT_TRUE(code && prefix);
  EXPECT_TRUE(IpcMatchesPrefix(*code, *prefix));
  EXPECT_FALSE(IpcMatchesPrefix(*code, *ParseIpcPrefix("B64U10")));
}

// Every group code counted in the real CN IPC benchmark (4,485 codes) and every
// classification on the 61-column sample records parses and round-trips.
TEST(IpcCodeRealDataTest, BenchmarkGroupCodesParse) {
  const std::string path = testing::SharedDataPath("cn-ipc-benchmark/ipc_level_4_distribution.csv");
  auto table = testing::ReadCsv(path);
  if (!table) GTEST_SKIP() << "real IPC benchmark not found at " << path << " (shared data absent)";
  const int column = table->Column("ipc_code");
  ASSERT_GE(column, 0);
  ASSERT_GT(table->rows.size(), 1000u);
  for (const auto& row : table->rows) {
    auto code = ParseIpcCode(row[column]);
    ASSERT_TRUE(code.has_value()) << row[column] << ": " << code.error().message;
    EXPECT_EQ(code->level, IpcLevel::kSubgroup) << row[column];
    std::string compact = code->Normalised();
    compact.erase(compact.find(' '), 1);
    EXPECT_EQ(compact, row[column]);
    EXPECT_TRUE(IpcMatchesPrefix(*code, *ParseIpcPrefix(code->SubclassString())));
  }
}

TEST(IpcCodeRealDataTest, SampleRecordClassificationsParse) {
  const std::string path =
      testing::SharedDataPath("cn-patents-fullschema-sample/patents_sample.csv");
  auto table = testing::ReadCsv(path);
  if (!table) GTEST_SKIP() << "real sample not found at " << path << " (shared data absent)";
  const int main_column = table->Column("主分类号");
  const int all_column = table->Column("分类号");
  ASSERT_GE(main_column, 0);
  ASSERT_GE(all_column, 0);
  for (const auto& row : table->rows) {
    EXPECT_TRUE(ParseIpcCode(row[main_column]).has_value()) << row[main_column];
    std::string_view all = row[all_column];
    while (!all.empty()) {
      const size_t semi = all.find(';');
      const std::string_view one = all.substr(0, semi);
      EXPECT_TRUE(ParseIpcCode(one).has_value()) << one;
      all = semi == std::string_view::npos ? std::string_view() : all.substr(semi + 1);
    }
  }
}

}  // namespace
}  // namespace ipa::core
