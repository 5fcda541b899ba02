#include "index/tokenizer.hpp"

#include <limits>

#include "index/char_class.hpp"

namespace ipa::index {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

size_t Utf8Size(char32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// The state of one Tokenize call.
class Pass {
 public:
  Pass(std::string_view text, TokenizeMode mode, TokenSink sink, uint32_t position,
       std::string& word)
      : text_(text), mode_(mode), sink_(sink), position_(position), word_(word) {}

  uint32_t Run() {
    size_t pos = 0;
    while (pos < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos]);
      if (c < 0x80) {
        EndHanRun();
        pos = IsAsciiAlnum(c) ? Word(pos) : pos + 1;
        continue;
      }
      const DecodedChar d = DecodeUtf8(text_, pos);
      if (IsHan(d.cp)) {
        Han(pos, pos + d.length);
        pos += d.length;
        continue;
      }
      EndHanRun();
      const bool word = d.cp != kInvalidChar && ClassifyChar(FoldChar(d.cp)) == CharClass::kWord;
      pos = word ? Word(pos) : pos + d.length;
    }
    EndHanRun();
    return position_;
  }

 private:
  void Emit(std::string_view term, size_t begin, size_t end, uint32_t position, TermKind kind) {
    sink_(Token{term, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), position, kind});
  }

  void Han(size_t begin, size_t end) {
    if (han_count_ > 0) {
      Emit(text_.substr(prev_begin_, end - prev_begin_), prev_begin_, end, position_ - 1,
           TermKind::kHanBigram);
    }
    if (mode_ == TokenizeMode::kIndex) {
      Emit(text_.substr(begin, end - begin), begin, end, position_, TermKind::kHanUnigram);
    }
    prev_begin_ = begin;
    prev_end_ = end;
    ++han_count_;
    ++position_;
  }

  // In query mode a lone Han character is looked up as its unigram.
  void EndHanRun() {
    if (mode_ == TokenizeMode::kQuery && han_count_ == 1) {
      Emit(text_.substr(prev_begin_, prev_end_ - prev_begin_), prev_begin_, prev_end_,
           position_ - 1, TermKind::kHanUnigram);
    }
    han_count_ = 0;
  }

  // Reads the run of word characters starting at `pos`; returns the position after it. The
  // term points into the text unless some character needed folding.
  size_t Word(size_t pos) {
    size_t piece_begin = pos;
    size_t piece_bytes = 0;  // normalised bytes in the current piece
    bool folded = false;     // word_ holds the normalised piece
    while (pos < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos]);
      char32_t cp = c;
      uint32_t length = 1;
      if (c >= 0x80) {
        const DecodedChar d = DecodeUtf8(text_, pos);
        if (d.cp == kInvalidChar) break;
        cp = d.cp;
        length = d.length;
      } else if (!IsAsciiAlnum(c)) {
        break;
      }
      const char32_t f = FoldChar(cp);
      if (c >= 0x80 && ClassifyChar(f) != CharClass::kWord) break;
      const size_t f_bytes = Utf8Size(f);
      if (piece_bytes + f_bytes > kMaxWordBytes) {
        EmitWord(piece_begin, pos, folded);
        piece_begin = pos;
        piece_bytes = 0;
        folded = false;
      }
      if (f != cp && !folded) {
        folded = true;
        word_.assign(text_.substr(piece_begin, pos - piece_begin));
      }
      if (folded) AppendUtf8(word_, f);
      piece_bytes += f_bytes;
      pos += length;
    }
    EmitWord(piece_begin, pos, folded);
    return pos;
  }

  void EmitWord(size_t begin, size_t end, bool folded) {
    const std::string_view term =
        folded ? std::string_view(word_) : text_.substr(begin, end - begin);
    Emit(term, begin, end, position_++, TermKind::kWord);
  }

  std::string_view text_;
  TokenizeMode mode_;
  TokenSink sink_;
  uint32_t position_;
  std::string& word_;
  uint32_t han_count_ = 0;  // Han characters in the current run
  size_t prev_begin_ = 0;   // the last Han character's bytes
  size_t prev_end_ = 0;
};

}  // namespace

uint32_t Tokenizer::Tokenize(std::string_view text, TokenizeMode mode, TokenSink sink,
                             uint32_t first_position) {
  constexpr size_t kMaxText = std::numeric_limits<uint32_t>::max();
  if (text.size() > kMaxText) text = text.substr(0, kMaxText);
  return Pass(text, mode, sink, first_position, word_).Run();
}

std::vector<OwnedToken> TokenizeToVector(std::string_view text, TokenizeMode mode) {
  std::vector<OwnedToken> out;
  Tokenizer tokenizer;
  tokenizer.Tokenize(text, mode, [&](const Token& t) {
    out.push_back(OwnedToken{std::string(t.term), t.begin, t.end, t.position, t.kind});
  });
  return out;
}

std::string_view TermKindName(TermKind kind) {
  switch (kind) {
    case TermKind::kWord: return "word";
    case TermKind::kHanUnigram: return "han_unigram";
    case TermKind::kHanBigram: return "han_bigram";
  }
  return "word";
}

}  // namespace ipa::index
