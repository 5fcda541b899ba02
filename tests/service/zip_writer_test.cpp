// The zip writer without I/O: the CRC-32 check value, the archive's structure (local headers,
// central directory, end record with the right counts and offsets) and its refusals. The
// dossier API test reads a whole archive back with Python's zipfile and unzip.
#include "service/zip_writer.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace ipa::service {
namespace {

uint32_t Le32(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}
uint16_t Le16(const std::string& s, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8));
}

TEST(ZipWriterTest, Crc32MatchesTheCheckValue) {
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(Crc32(""), 0u);
  EXPECT_EQ(Crc32("6789", Crc32("12345")), 0xCBF43926u);  // continues across pieces
}

TEST(ZipWriterTest, StoredEntriesWithUtf8NamesAndAConsistentDirectory) {
  std::string out;
  ZipWriter zip([&](std::string_view b) {
    out.append(b);
    return true;
  });
  ASSERT_TRUE(zip.Add("README.txt", "hello", 1764064800000).has_value());
  ASSERT_TRUE(zip.Add("files/照片.jpg", std::string(3000, 'x'), 1764064800000).has_value());
  ASSERT_TRUE(zip.Finish().has_value());
  EXPECT_EQ(Le32(out, 0), 0x04034b50u);
  EXPECT_EQ(Le16(out, 6), 0x0800);      // UTF-8 names
  EXPECT_EQ(Le16(out, 8), 0);           // stored
  EXPECT_EQ(Le32(out, 14), Crc32("hello"));
  EXPECT_EQ(Le32(out, 18), 5u);
  const size_t eocd = out.size() - 22;
  EXPECT_EQ(Le32(out, eocd), 0x06054b50u);
  EXPECT_EQ(Le16(out, eocd + 10), 2);
  const uint32_t cd_size = Le32(out, eocd + 12), cd_offset = Le32(out, eocd + 16);
  EXPECT_EQ(cd_offset + cd_size, eocd);
  EXPECT_EQ(Le32(out, cd_offset), 0x02014b50u);
  const size_t second = cd_offset + 46 + std::strlen("README.txt");
  EXPECT_EQ(Le32(out, second), 0x02014b50u);
  EXPECT_EQ(out.substr(second + 46, Le16(out, second + 28)), "files/照片.jpg");
  EXPECT_EQ(Le32(out, Le32(out, second + 42)), 0x04034b50u);  // its local header offset
}

TEST(ZipWriterTest, RefusesBadNamesAndStopsWhenTheReaderGoesAway) {
  std::string out;
  ZipWriter zip([&](std::string_view b) {
    out.append(b);
    return out.size() < 100;
  });
  EXPECT_FALSE(zip.Add("", "x", 0).has_value());
  EXPECT_FALSE(zip.Add("/abs", "x", 0).has_value());
  EXPECT_FALSE(zip.Add("bad\xff", "x", 0).has_value());
  EXPECT_FALSE(zip.Add("big.bin", std::string(500, 'x'), 0).has_value());
  EXPECT_EQ(zip.Add("more", "x", 0).error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace ipa::service
