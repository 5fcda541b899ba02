#include "core/credit_code.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

TEST(CreditCodeTest, AcceptsKnownValidCodes) {
  // Computed by hand with GB 32100-2015's weights; the last character is the check.
  for (const char* code : {"91110108MA01ABCD1E", "111100000000130017", "11120000000013002E"}) {
    auto r = ValidateCreditCode(code, "credit_code");
    // The first is checked below with its computed check character.
    if (std::string(code) == "91110108MA01ABCD1E") {
      EXPECT_EQ(CreditCodeCheckChar(std::string(code).substr(0, 17)), 'E');
    }
    EXPECT_TRUE(r.has_value()) << code << ": " << (r ? "" : r.error().message);
  }
}

TEST(CreditCodeTest, RejectsWrongCheckCharacterNamingTheExpectedOne) {
  auto r = ValidateCreditCode("91110108MA01ABCD1X", "credit_code");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "credit_code");
  EXPECT_NE(r.error().message.find("expected 'E'"), std::string::npos) << r.error().message;
}

TEST(CreditCodeTest, RejectsWrongLengthAndForbiddenCharacters) {
  struct Case {
    const char* input;
    const char* reason;
  } cases[] = {
      {"", "18 characters"},
      {"91110108MA01ABCD1", "18 characters"},
      {"91110108MA01ABCD1EE", "18 characters"},
      {"91110108MA01ABCDIE", "character 17"},
      {"9111010OMA01ABCD1E", "character 8"},
      {"91110108MA01ABCD-E", "character 17"},
  };
  for (const Case& c : cases) {
    auto r = ValidateCreditCode(c.input, "credit_code");
    ASSERT_FALSE(r.has_value()) << c.input;
    EXPECT_NE(r.error().message.find(c.reason), std::string::npos) << c.input << ": " << r.error().message;
  }
}

TEST(CreditCodeTest, NormalisesCaseWidthAndSpaces) {
  auto r = ValidateCreditCode("  91110108ma01abcd1e ", "credit_code");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, "91110108MA01ABCD1E");
  // Full-width digits and letters (as typed with a Chinese IME).
  auto fw = ValidateCreditCode("\xEF\xBC\x99\xEF\xBC\x91" "110108MA01ABCD1E", "credit_code");
  ASSERT_TRUE(fw.has_value()) << fw.error().message;
  EXPECT_EQ(*fw, "91110108MA01ABCD1E");
}

TEST(CreditCodeTest, EveryCheckCharacterRoundTrips) {
  // For every possible check value there is a prefix producing it; each validates.
  std::string prefix = "9111010800000000";
  for (char c : kCreditCodeCharset) {
    std::string first17 = prefix + c;
    std::string code = first17 + CreditCodeCheckChar(first17);
    EXPECT_TRUE(ValidateCreditCode(code, "f").has_value()) << code;
    // Any other check character fails.
    code.back() = code.back() == '0' ? '1' : '0';
    EXPECT_FALSE(ValidateCreditCode(code, "f").has_value()) << code;
  }
}

}  // namespace
}  // namespace ipa::core
