#include "core/password_policy.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

TEST(PasswordPolicyTest, AcceptsLongUncommonPasswords) {
  EXPECT_TRUE(CheckPasswordPolicy("correct-horse-battery", "alice").has_value());
  EXPECT_TRUE(CheckPasswordPolicy("京津冀知识产权联盟2016年", "alice").has_value());
  EXPECT_TRUE(CheckPasswordPolicy(std::string(128, 'a') .replace(0, 1, "b"), "alice").has_value());
}

TEST(PasswordPolicyTest, RejectsWithTheReason) {
  struct Case {
    std::string password;
    const char* reason;
  } cases[] = {
      {"short-pw", "at least 12"},
      {"中文十一个字的密码不够长", "at least 12"},  // 12 characters: allowed? see below
      {std::string(129, 'x') + "y", "at most 128"},
      {"123456789012", "common"},
      {"1qaz2wsx3edc", "common"},
      {"QWERTYUIOPAS", "common"},
      {"aaaaaaaaaaaaaa", "repeats"},
      {"my-alice-password", "login"},
      {"bad\xff-password-here", "UTF-8"},
  };
  for (const Case& c : cases) {
    auto st = CheckPasswordPolicy(c.password, "alice");
    if (std::string(c.reason) == "at least 12" && c.password.starts_with("中文")) {
      EXPECT_TRUE(st.has_value()) << "12 Chinese characters are 12 characters";
      continue;
    }
    ASSERT_FALSE(st.has_value()) << c.password;
    EXPECT_EQ(st.error().field, "password");
    EXPECT_NE(st.error().message.find(c.reason), std::string::npos) << st.error().message;
  }
}

}  // namespace
}  // namespace ipa::core
