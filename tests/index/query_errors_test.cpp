// Malformed queries: each answers kInvalidArgument on field "q" with the position and what was
// expected; none crashes.
#include <gtest/gtest.h>

#include <string>

#include "index/query.hpp"

namespace ipa::index {
namespace {

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(QueryErrorsTest, MalformedQueriesGiveThePositionAndTheExpectation) {
  struct Case {
    std::string query;
    std::string message;  // the whole message, or its start when it ends in "…"
  } cases[] = {
      {"(锂电池 AND 正极",
       "position 12: expected ')' to close the '(' at position 1, found the end of the query"},
      {"TI=(a OR (b c)",
       "position 15: expected ')' to close the '(' at position 4, found the end of the query"},
      {"XX=abc",
       "unknown field 'XX' at position 1; fields are TI, AB, CL, TAC, PA, IN, IPC, AD, PD, GD, "
       "region, type, status"},
      {"a AND Foo>=3", "unknown field 'Foo' at position 7; …"},
      {"AD>=2019-13-01",
       "date '2019-13-01' at position 5 is not a date (write 2018-01-01, 2018-01 or 2018)"},
      {"AD=2019-02-30", "date '2019-02-30' at position 4 is not a date …"},
      {"AD=1850", "year '1850' at position 4 is outside 1900–2199"},
      {"AD<1900", "position 4: '<1900' leaves no date between 1900-01-01 and 2199-12-31"},
      {"TI>=x", "position 3: TI takes '=', not '>='"},
      {"a AND", "position 6: expected a search term after 'AND', found the end of the query"},
      {"a OR OR b", "position 6: expected a search term after 'OR', found 'OR'"},
      {"NOT", "position 4: expected a search term after 'NOT', found the end of the query"},
      {"a 与", "position 4: expected a search term after '与', found the end of the query"},
      {")", "position 1: expected a search term, found ')'"},
      {"a)", "position 2: ')' has no '(' to close"},
      {"()", "position 2: expected a search term, found ')'"},
      {"\"锂电池", "position 5: expected '\"' to close the quote at position 1"},
      {"TI=\"锂电池", "position 8: expected '\"' to close the quote at position 4"},
      {"TI=", "position 4: expected a value after 'TI='"},
      {"TI= AND x", "position 5: expected a value after 'TI='"},
      {"AD>=(2018)", "position 5: expected a value after 'AD>='"},
      {"AD>=[2015 TO 2020]", "position 5: expected a value after 'AD>='"},
      {"AD=[2015 2020]", "position 10: expected 'TO' in the date range opened at position 4"},
      {"AD=[2015 TO 2020",
       "position 17: expected ']' to close the date range opened at position 4"},
      {"AD=[ TO 2020]", "position 6: expected a year or date after '['"},
      {"AD=[2020 TO 2015]", "position 5: the date range from 2020-01-01 to 2015-12-31 is empty"},
      {"IPC=X01M", "position 5: IPC code 'X01M': …"},
      {"region=火星", "region '火星' at position 8 is not a region known here …"},
      {"region=桥西区",
       "region '桥西区' at position 8 is ambiguous: 130104 河北省石家庄市桥西区, 130703 "
       "河北省张家口市桥西区; write the code or name the city too"},
      {"region=12345", "region code '12345' at position 8 must have 2, 4 or 6 digits (GB/T 2260)"},
      {"region=100000", "region code '100000' at position 8 is not a GB/T 2260 region known here"},
      {"region=1399", "region code '1399' at position 8 is not a GB/T 2260 region known here"},
      {"type=software",
       "type 'software' at position 6 is not one of invention, utility_model, design (发明, "
       "实用新型, 外观设计)"},
      {"status=alive", "status 'alive' at position 8 is not one of pending, valid, …"},
      {"status=valid@2020", "position 14: expected a date YYYY-MM-DD after '@', found '2020'"},
      {"status=valid@", "position 14: expected a date YYYY-MM-DD after '@', found ''"},
      {"锂*", "position 1: prefix search ('*') works on Latin words and digits, not on '锂*'"},
      {"lithium-batter*",
       "position 1: prefix search ('*') takes a single word, not 'lithium-batter*'"},
      {"a*", "position 1: the prefix 'a*' is too short: give at least 2 letters or digits"},
      {"TI=(a IPC=H01M)", "position 7: a field ('IPC=') cannot be used inside TI=( … )"},
      {"TI=，", "position 4: ',' has no letters, digits or Han characters to search"},
      {"\"，\"", "position 1: the phrase ',' has no letters, digits or Han characters to search"},
      {"", "position 1: the query has nothing to search: write words, a phrase or a field"},
      {" ， - ", "position 1: the query has nothing to search: write words, a phrase or a field"},
      {"a \xFF", "position 3: the query is not valid UTF-8"},
      {std::string(kMaxQueryBytes + 1, 'a'), "the query is 2001 bytes long; the limit is 2000"},
      {Repeat("a ", 1000),
       "the query is too long: written out in full it has 5995 bytes; the limit is 2000"},
      {std::string(kMaxQueryDepth + 1, '(') + "a" + std::string(kMaxQueryDepth + 1, ')'),
       "position 65: the query nests deeper than 64 levels of parentheses and NOT"},
  };
  for (const Case& c : cases) {
    auto q = ParseQuery(c.query);
    ASSERT_FALSE(q.has_value()) << c.query << " parsed as " << ToString(*q);
    EXPECT_EQ(q.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(q.error().field, "q");
    if (c.message.ends_with("…")) {
      const std::string start = c.message.substr(0, c.message.size() - std::string("…").size());
      EXPECT_TRUE(q.error().message.starts_with(start)) << c.query << ": " << q.error().message;
    } else {
      EXPECT_EQ(q.error().message, c.message) << c.query;
    }
  }
}

TEST(QueryErrorsTest, DeepNotChainsStopAtTheLimit) {
  std::string q;
  for (int i = 0; i < 1000; ++i) q += "-";
  auto parsed = ParseQuery(q + "a");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().message,
            "position 65: the query nests deeper than 64 levels of parentheses and NOT");
}

// Fragments glued at random: whatever parses must print to text that parses to the same tree.
TEST(QueryErrorsTest, RandomQueriesNeverCrashAndRoundTrip) {
  const char* fragments[] = {
      "锂电池",  "正极",  "锂",          " ",       " ",       "AND ",   "OR ",   "NOT ",
      "与",      "或",    "非",          "-",       "(",       ")",      "\"",    "TI=",
      "TAC=",    "PA=",   "IPC=",        "H01M",    "10/0525", "AD>=",   "AD=",   "2018",
      "[",       "]",     " TO ",        "*",       "region=", "天津",   "type=", "发明",
      "status=", "valid", "@2020-01-01", "batter*", "LiFePO4", "&&",     "||",    "，",
      "=",       "a",     "b",           "ＡＢ",    "\xFF",    "桥西区", "GD<"};
  uint32_t seed = 42;
  int parsed = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string q;
    const int n = 1 + static_cast<int>(seed % 12);
    for (int i = 0; i < n; ++i) {
      seed = seed * 1103515245u + 12345u;
      q += fragments[(seed >> 16) % std::size(fragments)];
    }
    auto once = ParseQuery(q);
    if (!once) {
      ASSERT_EQ(once.error().field, "q") << q;
      ASSERT_TRUE(once.error().message.find("position") != std::string::npos) << q;
      continue;
    }
    ++parsed;
    const std::string text = ToString(*once);
    auto again = ParseQuery(text);
    ASSERT_TRUE(again.has_value()) << q << " → " << text << ": " << again.error().message;
    ASSERT_TRUE(*again == *once) << q << " → " << text << " → " << ToString(*again);
  }
  EXPECT_GT(parsed, 2000);
}

}  // namespace
}  // namespace ipa::index
