#include "index/query_scanner.hpp"

#include "index/char_class.hpp"

namespace ipa::index {
namespace {

bool IsAsciiLetter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

char32_t QueryChar(char32_t cp) {
  cp = FoldWidth(cp);
  if (cp < 0x20 || cp == 0x7F || cp == 0xA0) return U' ';
  if (cp == 0x201C || cp == 0x201D) return U'"';
  return cp;
}

bool HasSearchableText(std::string_view text) {
  bool any = false;
  Tokenizer().Tokenize(text, TokenizeMode::kQuery, [&](const Token&) { any = true; });
  return any;
}

}  // namespace

std::string_view FieldOpText(FieldOp op) {
  switch (op) {
    case FieldOp::kEq: return "=";
    case FieldOp::kGe: return ">=";
    case FieldOp::kGt: return ">";
    case FieldOp::kLe: return "<=";
    case FieldOp::kLt: return "<";
  }
  return "=";
}

std::unexpected<core::Error> QueryError(std::string message) {
  return core::Fail(core::ErrorCode::kInvalidArgument, std::move(message), "q");
}

std::string PositionText(size_t index) { return std::to_string(index + 1); }

std::unexpected<core::Error> QueryErrorAt(size_t index, std::string message) {
  return QueryError("position " + PositionText(index) + ": " + std::move(message));
}

core::Result<Scanner> Scanner::Open(std::string_view query) {
  if (query.size() > kMaxQueryBytes) {
    return QueryError("the query is " + std::to_string(query.size()) +
                      " bytes long; the limit is " + std::to_string(kMaxQueryBytes));
  }
  Scanner s;
  for (size_t i = 0; i < query.size();) {
    const DecodedChar d = DecodeUtf8(query, i);
    if (d.cp == kInvalidChar) return QueryErrorAt(s.chars_.size(), "the query is not valid UTF-8");
    s.chars_.push_back(QueryChar(d.cp));
    i += d.length;
  }
  return s;
}

void Scanner::SkipSpace() {
  while (pos_ < chars_.size() && chars_[pos_] == U' ') ++pos_;
}

std::string Scanner::Utf8(size_t begin, size_t end) const {
  std::string out;
  for (size_t i = begin; i < end && i < chars_.size(); ++i) AppendUtf8(out, chars_[i]);
  return out;
}

size_t Scanner::BareEnd(size_t begin) const {
  size_t i = begin;
  for (; i < chars_.size(); ++i) {
    const char32_t c = chars_[i];
    if (c == U' ' || c == U'(' || c == U')' || c == U'"') break;
    if ((c == U'&' || c == U'|') && at(i + 1) == c) break;
  }
  return i;
}

size_t Scanner::IpcValueEnd(size_t begin) const {
  const size_t end = BareEnd(begin);
  const bool subclass = end - begin == 4 && IsAsciiLetter(chars_[begin]) &&
                        IsDigit(chars_[begin + 1]) && IsDigit(chars_[begin + 2]) &&
                        IsAsciiLetter(chars_[begin + 3]);
  if (!subclass) return end;
  size_t group = end;
  while (at(group) == U' ') ++group;
  const size_t group_end = BareEnd(group);
  size_t i = group;
  while (i < group_end && IsDigit(chars_[i])) ++i;
  if (i == group || i - group > 4) return end;
  if (i < group_end && chars_[i] == U'/') {
    const size_t slash = i++;
    while (i < group_end && IsDigit(chars_[i])) ++i;
    if (i == slash + 1) return end;
  }
  return i == group_end ? group_end : end;
}

size_t Scanner::PhraseEnd(size_t open) const {
  for (size_t i = open + 1; i < chars_.size(); ++i) {
    if (chars_[i] == U'"') return i;
  }
  return chars_.size();
}

bool Scanner::IsOperatorWord(size_t begin, size_t end, Tok& tok) const {
  const std::u32string_view word(chars_.data() + begin, end - begin);
  if (word == U"AND" || word == U"与") {
    tok = Tok::kAnd;
  } else if (word == U"OR" || word == U"或") {
    tok = Tok::kOr;
  } else if (word == U"NOT" || word == U"非") {
    tok = Tok::kNot;
  } else {
    return false;
  }
  return true;
}

size_t Scanner::OperatorLength(size_t i, FieldOp& op) const {
  const char32_t c = at(i);
  const bool eq_next = at(i + 1) == U'=';
  switch (c) {
    case U'=': op = FieldOp::kEq; return 1;
    case U'≥': op = FieldOp::kGe; return 1;
    case U'≤': op = FieldOp::kLe; return 1;
    case U'>': op = eq_next ? FieldOp::kGe : FieldOp::kGt; return eq_next ? 2 : 1;
    case U'<': op = eq_next ? FieldOp::kLe : FieldOp::kLt; return eq_next ? 2 : 1;
    default: return 0;
  }
}

// "TI=…", "AD>=…", and a known field name followed by spaces and an operator ("AD >= 2018").
bool Scanner::FieldClause(size_t begin, size_t end, Lexeme& out) const {
  size_t letters = begin;
  while (letters < end && IsAsciiLetter(chars_[letters])) ++letters;
  if (letters == begin) return false;
  FieldOp op = FieldOp::kEq;
  size_t op_begin = letters;
  size_t length = OperatorLength(op_begin, op);
  if (length == 0) {
    if (letters != end || FindField(Utf8(begin, letters)) == nullptr) return false;
    while (at(op_begin) == U' ') ++op_begin;
    length = OperatorLength(op_begin, op);
    if (length == 0) return false;
  }
  out.tok = Tok::kField;
  out.begin = begin;
  out.text = Utf8(begin, letters);
  out.op = op;
  out.op_begin = op_begin;
  out.end = op_begin + length;
  return true;
}

core::Result<Lexeme> Scanner::Peek(const FieldSpec& group) const {
  size_t i = pos_;
  for (;;) {
    while (at(i) == U' ') ++i;
    Lexeme l;
    l.begin = i;
    l.end = i + 1;
    const char32_t c = at(i);
    if (i >= chars_.size()) {
      l.end = i;
      return l;
    }
    if (c == U'(' || c == U')') {
      l.tok = c == U'(' ? Tok::kLParen : Tok::kRParen;
      return l;
    }
    if (c == U'"') {
      const size_t close = PhraseEnd(i);
      if (close >= chars_.size()) {
        return QueryErrorAt(close,
                            "expected '\"' to close the quote at position " + PositionText(i));
      }
      l.tok = Tok::kPhrase;
      l.text = Utf8(i + 1, close);
      l.end = close + 1;
      return l;
    }
    if ((c == U'&' || c == U'|') && at(i + 1) == c) {
      l.tok = c == U'&' ? Tok::kAnd : Tok::kOr;
      l.end = i + 2;
      l.text = Utf8(i, i + 2);
      return l;
    }
    if (c == U'[' && group.kind == FieldKind::kDate) {
      l.tok = Tok::kLBracket;
      return l;
    }
    if (c == U'-' && i + 1 < chars_.size() && at(i + 1) != U' ' && at(i + 1) != U')') {
      l.tok = Tok::kNot;
      l.text = Utf8(i, i + 1);
      return l;
    }
    const size_t end = group.kind == FieldKind::kIpc ? IpcValueEnd(i) : BareEnd(i);
    l.end = end;
    l.text = Utf8(i, end);
    if (IsOperatorWord(i, end, l.tok)) return l;
    if (FieldClause(i, end, l)) return l;
    if (group.kind == FieldKind::kText && !HasSearchableText(l.text)) {
      i = end;  // punctuation between words: nothing to search
      continue;
    }
    l.tok = Tok::kWord;
    return l;
  }
}

}  // namespace ipa::index
