// A byte stream read in chunks, with progress by bytes: a file or an in-memory buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::importer {

class ByteSource {
 public:
  // `total_bytes` is the expected size for Progress(); 0 when unknown (a pipe).
  ByteSource(std::unique_ptr<std::istream> in, uint64_t total_bytes, std::string name);

  // kNotFound when the file cannot be opened.
  static core::Result<ByteSource> OpenFile(const std::string& path);
  static ByteSource FromString(std::string data, std::string name);

  // Reads up to `cap` bytes into `dst`; 0 at the end. kUnavailable on a read error.
  core::Result<size_t> Read(char* dst, size_t cap);
  double Progress() const;
  const std::string& name() const { return name_; }
  // Bytes still expected (0 when unknown or at the end); sizes read buffers for small inputs.
  uint64_t RemainingHint() const { return total_ > consumed_ ? total_ - consumed_ : 0; }

 private:
  std::unique_ptr<std::istream> in_;
  uint64_t total_ = 0;
  uint64_t consumed_ = 0;
  std::string name_;
};

// A sliding window over a stream: Unread() is what has been read and not yet consumed. Memory
// is the largest unread span plus one chunk.
class InputWindow {
 public:
  static constexpr size_t kChunk = size_t{1} << 20;

  std::string_view Unread() const { return {buf_.data() + begin_, end_ - begin_}; }
  void Consume(size_t n) { begin_ += n; }
  bool at_eof() const { return eof_; }

  // Reads one more chunk from `source` after the unread bytes; false at the end of input.
  core::Result<bool> Refill(ByteSource& source);
  // The same from any `read(char*, size_t) -> Result<size_t>`; `remaining_hint` as in
  // ByteSource::RemainingHint.
  template <class ReadFn>
  core::Result<bool> RefillWith(ReadFn&& read, uint64_t remaining_hint) {
    if (eof_) return false;
    Compact(remaining_hint);
    IPA_TRY(n, read(buf_.data() + end_, buf_.size() - end_));
    end_ += n;
    if (n == 0) eof_ = true;
    return n != 0;
  }

 private:
  void Compact(uint64_t remaining_hint);
  std::string buf_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
};

}  // namespace ipa::importer
