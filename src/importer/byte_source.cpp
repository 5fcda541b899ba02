#include "importer/byte_source.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace ipa::importer {

ByteSource::ByteSource(std::unique_ptr<std::istream> in, uint64_t total_bytes, std::string name)
    : in_(std::move(in)), total_(total_bytes), name_(std::move(name)) {}

core::Result<ByteSource> ByteSource::OpenFile(const std::string& path) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return core::Fail(core::ErrorCode::kNotFound, "cannot open " + path, "file");
  std::error_code ec;
  const bool regular = std::filesystem::is_regular_file(path, ec);
  const uint64_t size = regular ? std::filesystem::file_size(path, ec) : 0;
  return ByteSource(std::move(in), ec ? 0 : size, path);
}

ByteSource ByteSource::FromString(std::string data, std::string name) {
  const uint64_t size = data.size();
  return ByteSource(std::make_unique<std::istringstream>(std::move(data)), size, std::move(name));
}

core::Result<size_t> ByteSource::Read(char* dst, size_t cap) {
  if (cap == 0 || in_->eof()) return size_t{0};
  in_->read(dst, static_cast<std::streamsize>(cap));
  if (in_->bad()) {
    return std::unexpected(core::Error{core::ErrorCode::kUnavailable, "read error in " + name_,
                                       "file", std::strerror(errno), 0});
  }
  const auto n = static_cast<size_t>(in_->gcount());
  consumed_ += n;
  return n;
}

double ByteSource::Progress() const {
  if (total_ == 0) return 0;
  const double p = static_cast<double>(consumed_) / static_cast<double>(total_);
  return p > 1 ? 1 : p;
}

core::Result<bool> InputWindow::Refill(ByteSource& source) {
  return RefillWith([&](char* dst, size_t cap) { return source.Read(dst, cap); },
                    source.RemainingHint());
}

// Moves the unread bytes to the front and makes room for one chunk: kChunk, or less when the
// input is known to be small (a 200-byte input does not need a 1 MiB buffer).
void InputWindow::Compact(uint64_t remaining_hint) {
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  size_t chunk = kChunk;
  if (remaining_hint > 0 && remaining_hint < kChunk) {
    chunk = std::max<size_t>(static_cast<size_t>(remaining_hint) + 1, 4096);
  }
  if (buf_.size() - end_ < chunk) buf_.resize(end_ + chunk);
}

}  // namespace ipa::importer
