#include "service/zip_writer.hpp"

#include <array>
#include <ctime>

#include "core/text.hpp"

namespace ipa::service {
namespace {

using core::ErrorCode;
using core::Fail;

constexpr uint16_t kUtf8Flag = 0x0800;
constexpr uint16_t kVersion = 20;  // 2.0: what stored entries need
constexpr uint64_t kMax32 = 0xffffffffu;

std::array<uint32_t, 256> MakeTable() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}

void Put16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, static_cast<uint16_t>(v & 0xffff));
  Put16(out, static_cast<uint16_t>(v >> 16));
}

// MS-DOS time and date (UTC; zip has no zone), clamped to 1980.
std::pair<uint16_t, uint16_t> DosTime(int64_t unix_ms) {
  std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  if (tm.tm_year < 80) return {0, static_cast<uint16_t>((1 << 5) | 1)};
  const auto time = static_cast<uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  const auto date = static_cast<uint16_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
  return {time, date};
}

}  // namespace

uint32_t Crc32(std::string_view data, uint32_t crc) {
  static const std::array<uint32_t, 256> table = MakeTable();
  crc = ~crc;
  for (unsigned char b : data) crc = table[(crc ^ b) & 0xff] ^ (crc >> 8);
  return ~crc;
}

ZipWriter::ZipWriter(std::function<bool(std::string_view)> sink) : sink_(std::move(sink)) {}

core::Status ZipWriter::Emit(std::string_view bytes) {
  if (stopped_ || !sink_(bytes)) {
    stopped_ = true;
    return Fail(ErrorCode::kUnavailable, "the archive's reader went away");
  }
  written_ += bytes.size();
  return {};
}

core::Status ZipWriter::Add(std::string_view name, std::string_view data, int64_t unix_ms) {
  if (finished_) return Fail(ErrorCode::kInvalidArgument, "zip: the archive is finished");
  if (name.empty() || name.size() > 0xffff || name.front() == '/' || !core::IsValidUtf8(name)) {
    return Fail(ErrorCode::kInvalidArgument, "zip: bad entry name");
  }
  if (data.size() > kMax32 || written_ + data.size() + name.size() + 30 > kMax32 || entries_.size() >= 0xffff) {
    return Fail(ErrorCode::kInvalidArgument, "zip: the archive would exceed 4 GiB or 65,535 entries");
  }
  Entry e;
  e.name = std::string(name);
  e.crc = Crc32(data);
  e.size = static_cast<uint32_t>(data.size());
  e.offset = static_cast<uint32_t>(written_);
  std::tie(e.time, e.date) = DosTime(unix_ms);
  std::string h;
  Put32(h, 0x04034b50);
  PutSharedFields(h, e);
  Put16(h, 0);  // no extra field
  h += e.name;
  IPA_CHECK(Emit(h));
  constexpr size_t kChunk = 1 << 20;
  for (size_t at = 0; at < data.size(); at += kChunk) IPA_CHECK(Emit(data.substr(at, kChunk)));
  entries_.push_back(std::move(e));
  return {};
}

void ZipWriter::PutSharedFields(std::string& out, const Entry& e) {
  Put16(out, kVersion);
  Put16(out, kUtf8Flag);
  Put16(out, 0);  // stored
  Put16(out, e.time);
  Put16(out, e.date);
  Put32(out, e.crc);
  Put32(out, e.size);  // compressed size: stored, the same
  Put32(out, e.size);
  Put16(out, static_cast<uint16_t>(e.name.size()));
}

core::Status ZipWriter::Finish() {
  if (finished_) return Fail(ErrorCode::kInvalidArgument, "zip: the archive is finished");
  finished_ = true;
  const uint64_t cd_offset = written_;
  std::string cd;
  for (const Entry& e : entries_) {
    Put32(cd, 0x02014b50);
    Put16(cd, static_cast<uint16_t>((3 << 8) | kVersion));  // made by: Unix
    PutSharedFields(cd, e);
    Put16(cd, 0);  // extra
    Put16(cd, 0);  // comment
    Put16(cd, 0);  // disk
    Put16(cd, 0);  // internal attributes
    Put32(cd, 0100644u << 16);  // external: a regular file, rw-r--r--
    Put32(cd, e.offset);
    cd += e.name;
  }
  if (cd_offset + cd.size() + 22 > kMax32) return Fail(ErrorCode::kInvalidArgument, "zip: the archive would exceed 4 GiB");
  const auto cd_size = static_cast<uint32_t>(cd.size());
  Put32(cd, 0x06054b50);
  Put16(cd, 0);  // this disk
  Put16(cd, 0);  // disk with the central directory
  Put16(cd, static_cast<uint16_t>(entries_.size()));
  Put16(cd, static_cast<uint16_t>(entries_.size()));
  Put32(cd, cd_size);
  Put32(cd, static_cast<uint32_t>(cd_offset));
  Put16(cd, 0);  // comment length
  return Emit(cd);
}

}  // namespace ipa::service
