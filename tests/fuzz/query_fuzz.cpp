// libFuzzer target: arbitrary bytes as a search query. The parser never crashes; an error is
// always kInvalidArgument on "q" with a position; a parsed query prints to text that parses
// to the same tree. The same bytes through the tokenizer keep its invariants.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "index/query.hpp"
#include "index/tokenizer.hpp"

namespace {

void Fail(const char* what, std::string_view input, const std::string& detail) {
  std::fprintf(stderr, "%s\ninput: %.*s\n%s\n", what, static_cast<int>(input.size()), input.data(),
               detail.c_str());
  std::abort();
}

void CheckTokenizer(std::string_view text) {
  ipa::index::Tokenizer tokenizer;
  for (auto mode : {ipa::index::TokenizeMode::kIndex, ipa::index::TokenizeMode::kQuery}) {
    uint32_t last = 0;
    tokenizer.Tokenize(text, mode, [&](const ipa::index::Token& t) {
      if (t.begin >= t.end || t.end > text.size() || t.term.empty() || t.position < last ||
          t.term.size() > ipa::index::kMaxWordBytes) {
        Fail("tokenizer invariant broken", text, std::string(t.term));
      }
      last = t.position;
    });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckTokenizer(input);
  auto query = ipa::index::ParseQuery(input);
  if (!query) {
    const auto& e = query.error();
    if (e.code != ipa::core::ErrorCode::kInvalidArgument || e.field != "q" || e.message.empty()) {
      Fail("unexpected error shape", input, e.message);
    }
    return 0;
  }
  const std::string text = ipa::index::ToString(*query);
  auto again = ipa::index::ParseQuery(text);
  if (!again) Fail("canonical text does not parse", input, text + "\n" + again.error().message);
  if (!(*again == *query)) Fail("round trip changed the query", input, text);
  if (ipa::index::ToString(*again) != text) Fail("canonical text is not stable", input, text);
  return 0;
}
