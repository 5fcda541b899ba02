// Recursive descent over the query grammar (docs/search-syntax.md):
//   query   := or EOF
//   or      := and (OR and)*
//   and     := unary ((AND)? unary)*          adjacent terms are ANDed
//   unary   := NOT unary | primary
//   primary := '(' or ')' | phrase | word | FIELD op value
//   value   := '(' or ')' | '"' text '"' | '[' from TO to ']' | word
// Inside FIELD=( … ) words and phrases are values of that field and fields are not allowed.
#include "index/query.hpp"
#include "index/query_scanner.hpp"
#include "index/query_values.hpp"

namespace ipa::index {
namespace {

using core::Result;

bool StartsOperand(Tok tok) {
  return tok == Tok::kLParen || tok == Tok::kLBracket || tok == Tok::kNot || tok == Tok::kPhrase ||
         tok == Tok::kWord || tok == Tok::kField;
}

std::string Describe(const Lexeme& l) {
  if (l.tok == Tok::kEnd) return "the end of the query";
  if (l.tok == Tok::kRParen) return "')'";
  return "'" + l.text + "'";
}

class Parser {
 public:
  explicit Parser(Scanner scanner) : s_(std::move(scanner)) {}

  Result<Query> Run() {
    IPA_TRY(first, s_.Peek(kFreeText));
    if (first.tok == Tok::kEnd) {
      return QueryErrorAt(0, "the query has nothing to search: write words, a phrase or a field");
    }
    IPA_TRY(root, ParseOr(kFreeText));
    IPA_TRY(rest, s_.Peek(kFreeText));
    if (rest.tok == Tok::kRParen) return QueryErrorAt(rest.begin, "')' has no '(' to close");
    if (rest.tok != Tok::kEnd) return QueryErrorAt(rest.begin, "unexpected " + Describe(rest));
    return Query{std::move(root)};
  }

 private:
  // `group`: kFreeText, or the field whose FIELD=( … ) encloses this expression.
  Result<Node> ParseOr(const FieldSpec& group) {
    return ParseList(group, NodeKind::kOr, [&](const Lexeme* after) {
      return ParseList(
          group, NodeKind::kAnd,
          [&](const Lexeme* and_after) { return ParseUnary(group, and_after); }, after);
    });
  }

  // operand ((OP)? operand)* for OP = OR (explicit only) or AND (explicit or implicit).
  template <class ParseOperand>
  Result<Node> ParseList(const FieldSpec& group, NodeKind kind, ParseOperand parse_operand,
                         const Lexeme* after = nullptr) {
    const Tok op = kind == NodeKind::kOr ? Tok::kOr : Tok::kAnd;
    std::vector<Node> items;
    IPA_TRY(first, parse_operand(after));
    items.push_back(std::move(first));
    for (;;) {
      IPA_TRY(next, s_.Peek(group));
      const bool explicit_op = next.tok == op;
      if (!explicit_op && (op == Tok::kOr || !StartsOperand(next.tok))) break;
      if (explicit_op) s_.Consume(next);
      IPA_TRY(item, parse_operand(explicit_op ? &next : nullptr));
      items.push_back(std::move(item));
    }
    if (items.size() == 1) return std::move(items[0]);
    return Node::Compound(kind, std::move(items));
  }

  Result<Node> ParseUnary(const FieldSpec& group, const Lexeme* after) {
    IPA_TRY(next, s_.Peek(group));
    if (next.tok != Tok::kNot) return ParsePrimary(group, after);
    s_.Consume(next);
    IPA_CHECK(Enter(next.begin));
    IPA_TRY(operand, ParseUnary(group, &next));
    --depth_;
    std::vector<Node> children;
    children.push_back(std::move(operand));
    return Node::Compound(NodeKind::kNot, std::move(children));
  }

  Result<Node> ParsePrimary(const FieldSpec& group, const Lexeme* after) {
    IPA_TRY(next, s_.Peek(group));
    switch (next.tok) {
      case Tok::kLParen: s_.Consume(next); return ParseGroup(group, next.begin);
      case Tok::kLBracket: s_.Consume(next); return ParseRange(group, next.begin);
      case Tok::kPhrase:
      case Tok::kWord:
        s_.Consume(next);
        return FieldValue(group, FieldOp::kEq, next.text, next.tok == Tok::kPhrase, next.begin);
      case Tok::kField:
        if (&group != &kFreeText) {
          return QueryErrorAt(next.begin,
                              "a field ('" + next.text + std::string(FieldOpText(next.op)) +
                                  "') cannot be used inside " + std::string(group.name) + "=( … )");
        }
        s_.Consume(next);
        return ParseField(next);
      default: {
        std::string expected = "expected a search term";
        if (after != nullptr) expected += " after '" + after->text + "'";
        return QueryErrorAt(next.begin, expected + ", found " + Describe(next));
      }
    }
  }

  // After '(' at `open`: the expression and its ')'.
  Result<Node> ParseGroup(const FieldSpec& group, size_t open) {
    IPA_CHECK(Enter(open));
    IPA_TRY(inner, ParseOr(group));
    IPA_TRY(close, s_.Peek(group));
    if (close.tok != Tok::kRParen) {
      return QueryErrorAt(close.begin, "expected ')' to close the '(' at position " +
                                           PositionText(open) + ", found " + Describe(close));
    }
    s_.Consume(close);
    --depth_;
    return inner;
  }

  Result<Node> ParseField(const Lexeme& clause) {
    const FieldSpec* field = FindField(clause.text);
    if (field == nullptr) {
      return QueryError("unknown field '" + clause.text + "' at position " +
                        PositionText(clause.begin) + "; fields are " + std::string(FieldList()));
    }
    const std::string written = std::string(field->name) + std::string(FieldOpText(clause.op));
    if (clause.op != FieldOp::kEq && field->kind != FieldKind::kDate) {
      return QueryErrorAt(clause.op_begin, std::string(field->name) + " takes '=', not '" +
                                               std::string(FieldOpText(clause.op)) + "'");
    }
    s_.SkipSpace();
    const size_t at = s_.pos();
    const char32_t c = s_.at(at);
    if (c == U'(' || (c == U'[' && field->kind == FieldKind::kDate)) {
      if (clause.op != FieldOp::kEq) {
        return QueryErrorAt(at, "expected a value after '" + written + "'");
      }
      s_.set_pos(at + 1);
      return c == U'(' ? ParseGroup(*field, at) : ParseRange(*field, at);
    }
    if (c == U'"') {
      const size_t close = s_.PhraseEnd(at);
      if (close >= s_.size()) {
        return QueryErrorAt(close,
                            "expected '\"' to close the quote at position " + PositionText(at));
      }
      s_.set_pos(close + 1);
      return FieldValue(*field, clause.op, s_.Utf8(at + 1, close), true, at + 1);
    }
    const size_t end = field->kind == FieldKind::kIpc ? s_.IpcValueEnd(at) : s_.BareEnd(at);
    const std::string value = s_.Utf8(at, end);
    if (end == at || value == "AND" || value == "OR" || value == "NOT" || value == "与" ||
        value == "或" || value == "非") {
      return QueryErrorAt(at, "expected a value after '" + written + "'");
    }
    s_.set_pos(end);
    return FieldValue(*field, clause.op, value, false, at);
  }

  // After '[' at `open`: "from TO to]".
  Result<Node> ParseRange(const FieldSpec& field, size_t open) {
    auto bound = [&](const char* after) -> Result<std::pair<std::string, size_t>> {
      s_.SkipSpace();
      const size_t begin = s_.pos();
      size_t end = begin;
      while (end < s_.size() && s_.at(end) != U' ' && s_.at(end) != U']') ++end;
      const std::string text = s_.Utf8(begin, end);
      if (end == begin || text == "TO" || text == "to") {
        return QueryErrorAt(begin, std::string("expected a year or date after ") + after);
      }
      s_.set_pos(end);
      return std::pair{text, begin};
    };
    IPA_TRY(from, bound("'['"));
    s_.SkipSpace();
    const size_t to_word = s_.pos();
    if ((s_.at(to_word) | 0x20) != U't' || (s_.at(to_word + 1) | 0x20) != U'o' ||
        s_.at(to_word + 2) != U' ') {
      return QueryErrorAt(
          to_word, "expected 'TO' in the date range opened at position " + PositionText(open));
    }
    s_.set_pos(to_word + 2);
    IPA_TRY(to, bound("'TO'"));
    s_.SkipSpace();
    if (s_.at(s_.pos()) != U']') {
      return QueryErrorAt(s_.pos(), "expected ']' to close the date range opened at position " +
                                        PositionText(open));
    }
    s_.set_pos(s_.pos() + 1);
    return DateRangeValue(field.date, from.first, from.second, to.first, to.second);
  }

  core::Status Enter(size_t index) {
    if (++depth_ > kMaxQueryDepth) {
      return QueryErrorAt(index, "the query nests deeper than " + std::to_string(kMaxQueryDepth) +
                                     " levels of parentheses and NOT");
    }
    return {};
  }

  Scanner s_;
  int depth_ = 0;
};

}  // namespace

core::Result<Query> ParseQuery(std::string_view text) {
  IPA_TRY(scanner, Scanner::Open(text));
  IPA_TRY(query, Parser(std::move(scanner)).Run());
  // The canonical text must parse again (saved searches store it), so it obeys the limit too.
  if (const size_t written = ToString(query).size(); written > kMaxQueryBytes) {
    return QueryError("the query is too long: written out in full it has " +
                      std::to_string(written) + " bytes; the limit is " +
                      std::to_string(kMaxQueryBytes));
  }
  return query;
}

}  // namespace ipa::index
