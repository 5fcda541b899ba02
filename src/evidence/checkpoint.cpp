#include "evidence/checkpoint.hpp"

#include <algorithm>
#include <charconv>

#include "evidence/base64.hpp"
#include "evidence/signed_note.hpp"

namespace ipa::evidence {
namespace {

std::unexpected<core::Error> Malformed(std::string what) {
  return core::Fail(core::ErrorCode::kInvalidArgument, "checkpoint: " + what, "checkpoint");
}

// A body line: non-empty printable ASCII (so no newline inside).
bool IsLine(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= ' ' && c < 0x7F; });
}

core::Result<uint64_t> ParseSize(std::string_view text) {
  const bool canonical = !text.empty() && (text == "0" || text[0] != '0');
  uint64_t size = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), size);
  if (!canonical || ec != std::errc() || end != text.data() + text.size()) {
    return Malformed("tree size is not a canonical decimal number");
  }
  return size;
}

}  // namespace

core::Result<std::string> FormatCheckpoint(const Checkpoint& checkpoint) {
  if (!IsLine(checkpoint.origin)) return Malformed("origin must be one line of printable ASCII");
  std::string body = checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
                     Base64Encode(HashBytes(checkpoint.root)) + "\n";
  for (const std::string& line : checkpoint.extensions) {
    if (!IsLine(line)) {
      return Malformed("extension lines must be one line of printable ASCII");
    }
    body += line + "\n";
  }
  return body;
}

core::Result<Checkpoint> ParseCheckpoint(std::string_view body) {
  if (!ValidateNoteBody(body)) {
    return Malformed("lines must be non-empty printable ASCII, each ending with a newline");
  }
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < body.size();) {
    const size_t end = body.find('\n', start);
    lines.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  if (lines.size() < 3) return Malformed("needs origin, size and root lines");
  Checkpoint out;
  out.origin = std::string(lines[0]);
  IPA_TRY(size, ParseSize(lines[1]));
  out.size = size;
  auto raw = Base64Decode(lines[2]);
  if (!raw || raw->size() != sizeof(Hash)) {
    return Malformed("root is not canonical base64 of a 32-byte hash");
  }
  std::copy(raw->begin(), raw->end(), out.root.begin());
  for (size_t i = 3; i < lines.size(); ++i) out.extensions.emplace_back(lines[i]);
  return out;
}

}  // namespace ipa::evidence
