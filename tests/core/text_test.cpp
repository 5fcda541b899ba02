#include "core/text.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("京津冀 IP"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));   // U+1F600
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE4\xBA"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_EQ(Utf8Length("京津冀ab"), 5u);
}

TEST(TextTest, TrimAndFold) {
  EXPECT_EQ(Trim("\xE3\x80\x80 天津 \t"), "天津");
  EXPECT_EQ(FoldFullWidth("ＡＢＣ１２３（）"), "ABC123()");
  EXPECT_EQ(FoldFullWidth("\xE3\x80\x80"), " ");
  EXPECT_EQ(SearchKey(" Ｈａｉｈｅ "), "haihe");
  EXPECT_EQ(AsciiUpper("ma01"), "MA01");
}

}  // namespace
}  // namespace ipa::core
