#include "importer/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/text.hpp"

namespace ipa::importer {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

size_t SequenceLength(unsigned char c) { return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1; }

}  // namespace

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kUtf8Bom:
      return "UTF-8 with BOM";
    case Encoding::kGb18030:
      return "GB18030";
  }
  return "UTF-8";
}

size_t CompleteUtf8Prefix(std::string_view s) {
  for (size_t back = 1; back <= 3 && back <= s.size(); ++back) {
    const auto c = static_cast<unsigned char>(s[s.size() - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: look further back
    return SequenceLength(c) > back ? s.size() - back : s.size();
  }
  return s.size();
}

Utf8Census CountUtf8(std::string_view s) {
  Utf8Census census;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = SequenceLength(c);
    if (c < 0x80) {
      ++i;
    } else if (n > 1 && i + n <= s.size() && core::IsValidUtf8(s.substr(i, n))) {
      ++census.multibyte;
      i += n;
    } else {
      ++census.invalid;
      ++i;
    }
  }
  return census;
}

Encoding DetectEncoding(std::string_view first_chunk) {
  if (first_chunk.starts_with(kBom)) return Encoding::kUtf8Bom;
  const Utf8Census c = CountUtf8(first_chunk.substr(0, CompleteUtf8Prefix(first_chunk)));
  return c.invalid == 0 || c.multibyte >= 2 * c.invalid ? Encoding::kUtf8 : Encoding::kGb18030;
}

Gb18030Decoder::Gb18030Decoder() : cd_(iconv_open("UTF-8", "GB18030")) {}

Gb18030Decoder::~Gb18030Decoder() {
  if (cd_ != reinterpret_cast<void*>(-1)) iconv_close(static_cast<iconv_t>(cd_));
}

// Output needs at most 3 bytes per input byte (a bad byte becomes the 3-byte U+FFFD).
std::string Gb18030Decoder::Decode(std::string_view bytes) {
  if (cd_ == reinterpret_cast<void*>(-1)) return std::string(bytes);  // no converter: keep
  std::string out(bytes.size() * 3 + 4, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* dst = out.data();
  size_t out_left = out.size();
  const auto cd = static_cast<iconv_t>(cd_);
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &out_left) != static_cast<size_t>(-1)) break;
    if (errno == E2BIG || out_left < kReplacement.size()) break;  // cannot happen (sizing)
    std::memcpy(dst, kReplacement.data(), kReplacement.size());   // EILSEQ / EINVAL: skip a byte
    dst += kReplacement.size();
    out_left -= kReplacement.size();
    ++in;
    --in_left;
  }
  out.resize(out.size() - out_left);
  return out;
}

core::Status TextSource::Detect() {
  detected_ = true;
  const uint64_t hint = source_.RemainingHint();
  const size_t want = hint > 0 && hint < kDetectBytes ? static_cast<size_t>(hint) : kDetectBytes;
  head_.resize(want);
  size_t filled = 0;
  while (filled < want) {
    IPA_TRY(n, source_.Read(head_.data() + filled, want - filled));
    if (n == 0) break;
    filled += n;
  }
  head_.resize(filled);
  encoding_ = DetectEncoding(head_);
  if (encoding_ == Encoding::kUtf8Bom) head_pos_ = kBom.size();
  return {};
}

core::Result<size_t> TextSource::Read(char* dst, size_t cap) {
  if (!detected_) IPA_CHECK(Detect());
  if (head_pos_ < head_.size()) {
    const size_t n = std::min(cap, head_.size() - head_pos_);
    std::memcpy(dst, head_.data() + head_pos_, n);
    head_pos_ += n;
    return n;
  }
  return source_.Read(dst, cap);
}

}  // namespace ipa::importer
