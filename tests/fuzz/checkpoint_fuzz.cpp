// libFuzzer target: arbitrary bytes as a signed checkpoint note. Whatever the strict parsers
// accept must format back to exactly the same bytes, and verification must not crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "evidence/checkpoint.hpp"
#include "evidence/signed_note.hpp"

namespace {

void Require(bool ok, const char* what, std::string_view input) {
  if (ok) return;
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(input.size()), input.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ipa::evidence;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto note = ParseNote(text)) {
    Require(FormatNote(*note) == text, "note did not format back to its bytes", text);
    static const SigningKey key = *SigningKey::FromSeed("ipa-TJ", std::array<uint8_t, 32>{});
    (void)VerifyNote(*note, {{"ipa-TJ", key.public_key()}});
    if (auto checkpoint = ParseCheckpoint(note->body)) {
      auto body = FormatCheckpoint(*checkpoint);
      Require(body && *body == note->body, "checkpoint did not format back to its body", text);
    }
  }
  if (auto checkpoint = ParseCheckpoint(text)) {
    auto body = FormatCheckpoint(*checkpoint);
    Require(body && *body == text, "checkpoint did not format back to its bytes", text);
  }
  return 0;
}
