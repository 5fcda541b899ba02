#include "core/cursor.hpp"

#include <gtest/gtest.h>

namespace ipa::core {
namespace {

TEST(CursorTest, RoundTrips) {
  for (int64_t id : {int64_t{0}, int64_t{1}, int64_t{42}, int64_t{9'007'199'254'740'993}}) {
    auto decoded = DecodeCursor(EncodeCursor(id));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, id);
  }
}

TEST(CursorTest, RejectsForgedOrDamagedCursors) {
  for (const char* bad : {"", "abc", "!!!!", "aXBhMTo", "aXBhMTotMQ", "MTIz", "aXBhMTp4"}) {
    auto r = DecodeCursor(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().field, "cursor");
  }
  EXPECT_FALSE(DecodeCursor(std::string(100, 'A')).has_value());
}

TEST(CursorTest, Base64UrlMatchesRfc4648Vectors) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(*Base64UrlDecode("Zm9vYmFy"), "foobar");
}

}  // namespace
}  // namespace ipa::core
