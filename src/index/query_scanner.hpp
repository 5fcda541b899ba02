// The characters of a query and its lexical tokens: operators, parentheses, phrases, bare
// words and field clauses. Internal to the query parser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "index/query_fields.hpp"

namespace ipa::index {

enum class Tok : uint8_t {
  kEnd,
  kLParen,
  kRParen,
  kLBracket,  // '[' where a date range may start (inside AD=( … ))
  kAnd,       // AND 与 &&
  kOr,        // OR 或 ||
  kNot,       // NOT 非, or '-' right before a term
  kPhrase,    // "…": text is what is between the quotes
  kWord,      // a bare word: text as written
  kField,     // FIELD op: text is the name; the value starts at `end`
};

enum class FieldOp : uint8_t { kEq, kGe, kGt, kLe, kLt };
std::string_view FieldOpText(FieldOp op);  // "=", ">=", …

struct Lexeme {
  Tok tok = Tok::kEnd;
  size_t begin = 0;  // character index of the first character
  size_t end = 0;    // character index after the lexeme
  std::string text;
  FieldOp op = FieldOp::kEq;  // kField
  size_t op_begin = 0;        // kField: character index of the operator
};

// Builds a query error: kInvalidArgument with field "q".
std::unexpected<core::Error> QueryError(std::string message);
// "position 17: " + message, for a 0-based character index.
std::unexpected<core::Error> QueryErrorAt(size_t index, std::string message);
std::string PositionText(size_t index);  // "17" for index 16

// The query as code points: full-width forms folded to ASCII, U+3000, controls and no-break
// space to ' ', curly quotes “” to '"'. Positions in messages count these characters from 1.
class Scanner {
 public:
  // Fails when the query is longer than kMaxQueryBytes or not valid UTF-8.
  static core::Result<Scanner> Open(std::string_view query);

  size_t pos() const { return pos_; }
  void set_pos(size_t pos) { pos_ = pos; }
  size_t size() const { return chars_.size(); }
  char32_t at(size_t i) const { return i < chars_.size() ? chars_[i] : 0; }
  void SkipSpace();
  std::string Utf8(size_t begin, size_t end) const;

  // The next token from pos() in the context of `group` (the field of the enclosing
  // `FIELD=( … )`, or kFreeText outside one). In text contexts words with nothing to search
  // ("，", "-", "*") are skipped. Fails on a phrase that is never closed.
  core::Result<Lexeme> Peek(const FieldSpec& group) const;
  void Consume(const Lexeme& lexeme) { pos_ = lexeme.end; }

  // The end of a bare word starting at `begin`: white space, a parenthesis, a quote, "&&" or
  // "||" ends it.
  size_t BareEnd(size_t begin) const;
  // BareEnd, extended over " 10/0525" after a subclass, so "H01M 10/0525" is one value.
  size_t IpcValueEnd(size_t begin) const;
  // The closing quote of the phrase opened at `open`; size() when there is none.
  size_t PhraseEnd(size_t open) const;

 private:
  bool IsOperatorWord(size_t begin, size_t end, Tok& tok) const;
  bool FieldClause(size_t begin, size_t end, Lexeme& out) const;
  size_t OperatorLength(size_t at, FieldOp& op) const;

  std::vector<char32_t> chars_;
  size_t pos_ = 0;
};

}  // namespace ipa::index
