#include "index/tokenizer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ipa::index {
namespace {

constexpr TermKind W = TermKind::kWord;
constexpr TermKind U = TermKind::kHanUnigram;
constexpr TermKind B = TermKind::kHanBigram;

// "term@position[begin,end)" per token, kinds as w/u/b, for compact tables.
std::string Show(std::string_view text, TokenizeMode mode) {
  std::string out;
  for (const OwnedToken& t : TokenizeToVector(text, mode)) {
    if (!out.empty()) out += ' ';
    out += t.kind == W ? "w:" : t.kind == U ? "u:" : "b:";
    out += t.term + "@" + std::to_string(t.position) + "[" + std::to_string(t.begin) + "," +
           std::to_string(t.end) + ")";
  }
  return out;
}

std::string Terms(std::string_view text, TokenizeMode mode) {
  std::string out;
  for (const OwnedToken& t : TokenizeToVector(text, mode)) {
    if (!out.empty()) out += ' ';
    out += t.term + "@" + std::to_string(t.position);
  }
  return out;
}

TEST(TokenizerTest, HanIndexedAsUnigramsAndOverlappingBigrams) {
  EXPECT_EQ(Show("锂电池", TokenizeMode::kIndex),
            "u:锂@0[0,3) b:锂电@0[0,6) u:电@1[3,6) b:电池@1[3,9) u:池@2[6,9)");
  EXPECT_EQ(Show("锂", TokenizeMode::kIndex), "u:锂@0[0,3)");
}

TEST(TokenizerTest, QueriesUseBigramsAndUnigramsOnlyForOneCharacter) {
  EXPECT_EQ(Show("锂电池", TokenizeMode::kQuery), "b:锂电@0[0,6) b:电池@1[3,9)");
  EXPECT_EQ(Show("锂电", TokenizeMode::kQuery), "b:锂电@0[0,6)");
  EXPECT_EQ(Show("锂", TokenizeMode::kQuery), "u:锂@0[0,3)");
  // A phrase keeps the unit positions, so "锂电池 正极" matches "锂电池正极" in a document.
  EXPECT_EQ(Terms("锂电池 正极", TokenizeMode::kQuery), "锂电@0 电池@1 正极@3");
  EXPECT_EQ(Terms("锂电池正极", TokenizeMode::kIndex),
            "锂@0 锂电@0 电@1 电池@1 池@2 池正@2 正@3 正极@3 极@4");
  EXPECT_EQ(Terms("锂 电池 A", TokenizeMode::kQuery), "锂@0 电池@1 a@3");
}

TEST(TokenizerTest, MixedChineseLatinAndDigits) {
  struct Case {
    const char* text;
    const char* query_terms;
  } cases[] = {
      {"LiFePO4正极材料", "lifepo4@0 正极@1 极材@2 材料@3"},
      {"5G基站", "5g@0 基站@1"},
      {"H01M10/0525", "h01m10@0 0525@1"},
      {"IPC H01M 10/0525", "ipc@0 h01m@1 10@2 0525@3"},
      {"lithium-ion battery, 3.7V", "lithium@0 ion@1 battery@2 3@3 7v@4"},
      {"一种用于GPS的天线", "一种@0 种用@1 用于@2 gps@4 的天@5 天线@6"},
      {"CN112345678A", "cn112345678a@0"},
      {"  \t\n", ""},
      {"", ""},
      {"，。、；：？！“”《》（）【】", ""},
      {"电池😀电池", "电池@0 电池@2"},
      {"二〇一八年", "二〇@0 〇一@1 一八@2 八年@3"},
      {"リチウム電池", "リチウム@0 電池@1"},
      {"Ünïcode STRAßE café", "ünïcode@0 straße@1 café@2"},
      {"ЛИТИЙ Ёмкость ΑΒΓ", "литий@0 ёмкость@1 αβγ@2"},
      {"LiFePO₄ x²", "lifepo4@0 x2@1"},
      {"①锂②电", "锂@0 电@1"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Terms(c.text, TokenizeMode::kQuery), c.query_terms) << c.text;
  }
}

TEST(TokenizerTest, FullWidthFormsFoldWithOffsetsInTheOriginal) {
  // Ｌｉ５Ｇ: four full-width characters of three bytes each.
  EXPECT_EQ(Show("\xEF\xBC\xAC\xEF\xBD\x89\xEF\xBC\x95\xEF\xBC\xA7", TokenizeMode::kIndex),
            "w:li5g@0[0,12)");
  // Ideographic space and full-width comma separate; offsets skip them.
  EXPECT_EQ(Show("电池\xE3\x80\x80ＡＢ，c", TokenizeMode::kIndex),
            "u:电@0[0,3) b:电池@0[0,6) u:池@1[3,6) w:ab@2[9,15) w:c@3[18,19)");
}

TEST(TokenizerTest, UnfoldedTermsPointIntoTheText) {
  const std::string text = "abc 锂电 DEF";
  Tokenizer tokenizer;
  int checked = 0;
  tokenizer.Tokenize(text, TokenizeMode::kIndex, [&](const Token& t) {
    EXPECT_EQ(text.substr(t.begin, t.end - t.begin).size(), t.end - t.begin);
    if (t.term == "abc" || t.kind != W) {
      EXPECT_EQ(t.term.data(), text.data() + t.begin) << t.term;
      ++checked;
    }
  });
  EXPECT_EQ(checked, 4);
}

TEST(TokenizerTest, InvalidUtf8IsSkippedAndSeparates) {
  struct Case {
    std::string text;
    const char* index_terms;
  } cases[] = {
      {"ab\xFF"
       "cd",
       "ab@0 cd@1"},
      {"锂\xE9\x94电", "锂@0 电@1"},  // truncated sequence inside a Han run
      {"\x80\x80\x80", ""},           // stray continuation bytes
      {"a\xC0\xAF"
       "b",
       "a@0 b@1"},  // overlong '/'
      {"a\xED\xA0\x80"
       "b",
       "a@0 b@1"},  // surrogate
      {"a\xF4\x90\x80\x80"
       "b",
       "a@0 b@1"},                       // above U+10FFFF
      {"ab\xE9", "ab@0"},                // truncated at the end
      {"\xE9\x94\x82\xE7\x94", "锂@0"},  // 锂 then a truncated character
      {std::string("a\0b", 3), "a@0 b@1"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Terms(c.text, TokenizeMode::kIndex), c.index_terms);
  }
}

TEST(TokenizerTest, HanOutsideTheBasicBlock) {
  // U+3400 (Extension A), U+20000 (Extension B), U+F900 (compatibility ideograph).
  EXPECT_EQ(Show("\xE3\x90\x80\xF0\xA0\x80\x80\xEF\xA4\x80", TokenizeMode::kQuery),
            "b:\xE3\x90\x80\xF0\xA0\x80\x80@0[0,7) b:\xF0\xA0\x80\x80\xEF\xA4\x80@1[3,10)");
}

TEST(TokenizerTest, LongWordsAreCutIntoPieces) {
  const std::string dna(150, 'A');
  const auto tokens = TokenizeToVector(dna, TokenizeMode::kIndex);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].term, std::string(64, 'a'));
  EXPECT_EQ(tokens[1].begin, 64u);
  EXPECT_EQ(tokens[2].term, std::string(22, 'a'));
  EXPECT_EQ(tokens[2].position, 2u);
  EXPECT_EQ(tokens[2].end, 150u);
  // Pieces end at character boundaries: 40 two-byte letters → 32 + 8.
  std::string cyrillic;
  for (int i = 0; i < 40; ++i) cyrillic += "Ж";
  const auto pieces = TokenizeToVector(cyrillic, TokenizeMode::kIndex);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].term.size(), 64u);
  EXPECT_EQ(pieces[1].term.size(), 16u);
}

TEST(TokenizerTest, PositionsContinueFromTheGivenStartAndNeverDecrease) {
  Tokenizer tokenizer;
  std::vector<uint32_t> positions;
  const uint32_t next = tokenizer.Tokenize(
      "电池 a 正极材料", TokenizeMode::kIndex,
      [&](const Token& t) { positions.push_back(t.position); }, 100);
  EXPECT_EQ(next, 107u);
  EXPECT_EQ(positions.front(), 100u);
  for (size_t i = 1; i < positions.size(); ++i) EXPECT_LE(positions[i - 1], positions[i]);
}

TEST(TokenizerTest, ArbitraryBytesNeverBreakTheInvariants) {
  uint32_t seed = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(seed % 64);
    for (int i = 0; i < n; ++i) {
      seed = seed * 1103515245u + 12345u;
      text.push_back(static_cast<char>(seed >> 16));
    }
    for (TokenizeMode mode : {TokenizeMode::kIndex, TokenizeMode::kQuery}) {
      uint32_t last = 0;
      for (const OwnedToken& t : TokenizeToVector(text, mode)) {
        ASSERT_LT(t.begin, t.end);
        ASSERT_LE(t.end, text.size());
        ASSERT_FALSE(t.term.empty());
        ASSERT_LE(t.term.size(), kMaxWordBytes);
        ASSERT_GE(t.position, last);
        last = t.position;
      }
    }
  }
}

TEST(TokenizerTest, KindNames) {
  EXPECT_EQ(TermKindName(W), "word");
  EXPECT_EQ(TermKindName(U), "han_unigram");
  EXPECT_EQ(TermKindName(B), "han_bigram");
}

}  // namespace
}  // namespace ipa::index
