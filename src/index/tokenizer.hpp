// The one tokenizer for indexing and for queries: Han characters as overlapping bigrams plus
// unigrams, Latin letters, digits and other scripts as lower-cased words, full-width forms
// folded; each token with its byte offsets in the original text and its position.
// The rules for users are in docs/search-syntax.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace ipa::index {

// What a term is. The bytes of the three kinds never collide (a word holds no Han character, a
// unigram is one Han character, a bigram two), so one dictionary can hold them all; the kind
// lets an index keep them apart anyway (e.g. a prefix byte, or a separate unigram table).
enum class TermKind : uint8_t {
  kWord,        // letters and digits of any non-Han script, lower-cased: "h01m", "lifepo4"
  kHanUnigram,  // one Han character: "锂"
  kHanBigram,   // two adjacent Han characters: "锂电"
};

enum class TokenizeMode : uint8_t {
  // Every Han character as a unigram, and every pair of adjacent Han characters as a bigram
  // at the position of its first character.
  kIndex,
  // What a query looks up: a run of two or more Han characters as its bigrams only (to be
  // matched as a phrase); a lone Han character as its unigram.
  kQuery,
};

// Positions count units: one per word and one per Han character, in order, with no gaps for
// spaces or punctuation. A bigram has the position of its first character, so in "锂电池"
// 锂=0 电=1 池=2 and the bigrams 锂电=0 电池=1; a phrase matches when its tokens sit at the same
// offsets from each other in the document as in the query.
struct Token {
  std::string_view term;  // normalised bytes; valid only during the callback
  uint32_t begin = 0;     // [begin, end): byte offsets in the original text, for highlights
  uint32_t end = 0;
  uint32_t position = 0;
  TermKind kind = TermKind::kWord;
};

// Words longer than this many normalised bytes are cut into pieces of at most this size (at
// character boundaries), each a token with its own position.
inline constexpr size_t kMaxWordBytes = 64;

// A non-owning reference to a callable `void(const Token&)`; it must outlive the call it is
// passed to. One indirect call per token, no allocation.
class TokenSink {
 public:
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, TokenSink>)
      TokenSink(F&& f)  // NOLINT(google-explicit-constructor): used like std::function
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, const Token& t) { (*static_cast<std::remove_reference_t<F>*>(o))(t); }) {}
  void operator()(const Token& token) const { call_(object_, token); }

 private:
  void* object_;
  void (*call_)(void*, const Token&);
};

// Tokenizes UTF-8 text; reuse one Tokenizer to reuse its buffer for folded words. Not
// thread-safe; use one per thread.
class Tokenizer {
 public:
  // Calls `sink` for each token in text order (positions never decrease; at one position a
  // unigram comes before the bigram starting there). Invalid UTF-8 bytes are skipped and act
  // as separators. Positions start at `first_position`; returns the position after the last
  // unit, so a multi-valued field can continue with a gap (e.g. +100) to stop phrases
  // crossing values. Text beyond 4 GiB − 1 bytes is ignored (offsets are 32-bit).
  uint32_t Tokenize(std::string_view text, TokenizeMode mode, TokenSink sink,
                    uint32_t first_position = 0);

 private:
  std::string word_;
};

// A token that owns its term: for queries, tests and tools, not for the indexing hot path.
struct OwnedToken {
  std::string term;
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t position = 0;
  TermKind kind = TermKind::kWord;
  bool operator==(const OwnedToken&) const = default;
};

std::vector<OwnedToken> TokenizeToVector(std::string_view text, TokenizeMode mode);

std::string_view TermKindName(TermKind kind);  // "word", "han_unigram", "han_bigram"

}  // namespace ipa::index
