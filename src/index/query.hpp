// The search query language as patent searchers write it (`TAC=(锂电池 AND 正极) AND IPC=H01M
// AND AD>=2018-01-01 AND region=天津`), parsed into a tree an executor walks, and printed back
// in one canonical form. The syntax for users is in docs/search-syntax.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/ipc_code.hpp"
#include "core/legal_status.hpp"
#include "core/patent.hpp"
#include "index/tokenizer.hpp"

namespace ipa::index {

inline constexpr size_t kMaxQueryBytes = 2000;
inline constexpr int kMaxQueryDepth = 64;  // parentheses, value groups and NOTs, nested

// The text fields as bits. TAC = title + abstract + claims; free text searches TAC and PA.
using FieldMask = uint8_t;
inline constexpr FieldMask kFieldTitle = 1;      // TI
inline constexpr FieldMask kFieldAbstract = 2;   // AB
inline constexpr FieldMask kFieldClaims = 4;     // CL
inline constexpr FieldMask kFieldApplicant = 8;  // PA
inline constexpr FieldMask kFieldInventor = 16;  // IN
inline constexpr FieldMask kFieldTac = kFieldTitle | kFieldAbstract | kFieldClaims;
inline constexpr FieldMask kDefaultFields = kFieldTac | kFieldApplicant;

enum class TextMatch : uint8_t {
  kTerm,    // written bare: 锂电池, H01M, lithium-ion
  kPhrase,  // written in quotes: "锂电池 正极"
  kPrefix,  // a word ending in '*': batter*
};

// One token of query text, from Tokenizer in TokenizeMode::kQuery; positions start at 0.
struct QueryToken {
  std::string term;
  TermKind kind = TermKind::kWord;
  uint32_t position = 0;
  bool operator==(const QueryToken&) const = default;
};

// Text to find in the fields of `fields`. kTerm and kPhrase match the same way: every token at
// its relative position (a Chinese word is its bigram sequence, "lithium-ion" two adjacent
// words). kPrefix holds exactly one kWord token, the lower-cased prefix (2+ bytes): any word
// starting with it matches.
struct TextNode {
  TextMatch match = TextMatch::kTerm;
  FieldMask fields = kDefaultFields;
  std::string text;  // as written, full-width folded; phrases without quotes, prefixes without '*'
  std::vector<QueryToken> tokens;
  bool operator==(const TextNode&) const = default;
};

enum class DateField : uint8_t { kFiling, kPublication, kGrant };  // AD, PD, GD

// from <= date <= to; a missing bound is open. Years and months are expanded to their days:
// AD=2018 is [2018-01-01, 2018-12-31], AD<2020 is to 2019-12-31.
struct DateNode {
  DateField field = DateField::kFiling;
  std::optional<core::Date> from;
  std::optional<core::Date> to;
  bool operator==(const DateNode&) const = default;
};

// Patents with an IPC code under `prefix` (core::IpcMatchesPrefix).
struct IpcNode {
  core::IpcCode prefix;
  bool operator==(const IpcNode& other) const;
};

// Patents whose GB/T 2260 region code starts with `prefix`: "12" (Tianjin), "1301"
// (Shijiazhuang), "130102" (one district).
struct RegionNode {
  std::string prefix;
  bool operator==(const RegionNode&) const = default;
};

struct TypeNode {
  core::PatentType type = core::PatentType::kInvention;
  bool operator==(const TypeNode&) const = default;
};

// Patents whose legal status on `on` is one of `statuses` (bit 1 << LegalStatus). `on` absent:
// the day the query runs ("status=valid" in a saved search means valid on the day it runs).
struct StatusNode {
  uint16_t statuses = 0;
  std::optional<core::Date> on;
  bool Has(core::LegalStatus s) const { return (statuses >> static_cast<int>(s)) & 1u; }
  bool operator==(const StatusNode&) const = default;
};

enum class NodeKind : uint8_t { kAnd, kOr, kNot, kText, kDate, kIpc, kRegion, kType, kStatus };

// A query tree node. kAnd/kOr have two or more children, kNot exactly one (a NOT may stand
// alone: "NOT x" means every patent without x); the leaf kinds hold their payload in `leaf`.
// Nesting is at most kMaxQueryDepth deep.
struct Node {
  using Leaf =
      std::variant<std::monostate, TextNode, DateNode, IpcNode, RegionNode, TypeNode, StatusNode>;

  NodeKind kind = NodeKind::kAnd;
  std::vector<Node> children;
  Leaf leaf;

  static Node Compound(NodeKind kind, std::vector<Node> children);  // kAnd, kOr, kNot
  static Node Text(TextNode v) { return Node{NodeKind::kText, {}, std::move(v)}; }
  static Node Date(DateNode v) { return Node{NodeKind::kDate, {}, std::move(v)}; }
  static Node Ipc(IpcNode v) { return Node{NodeKind::kIpc, {}, std::move(v)}; }
  static Node Region(RegionNode v) { return Node{NodeKind::kRegion, {}, std::move(v)}; }
  static Node Type(TypeNode v) { return Node{NodeKind::kType, {}, std::move(v)}; }
  static Node Status(StatusNode v) { return Node{NodeKind::kStatus, {}, std::move(v)}; }

  // Precondition: the matching kind.
  const TextNode& text() const { return std::get<TextNode>(leaf); }
  const DateNode& date() const { return std::get<DateNode>(leaf); }
  const IpcNode& ipc() const { return std::get<IpcNode>(leaf); }
  const RegionNode& region() const { return std::get<RegionNode>(leaf); }
  const TypeNode& type() const { return std::get<TypeNode>(leaf); }
  const StatusNode& status() const { return std::get<StatusNode>(leaf); }

  bool operator==(const Node& other) const;
};

struct Query {
  Node root;
  bool operator==(const Query&) const = default;
};

// Parses a query. Errors are kInvalidArgument with field "q" and a message that gives the
// 1-based character position and what was expected, e.g. "position 17: expected ')' to close
// the '(' at position 9". Longer than kMaxQueryBytes (as written, or as ToString writes it
// out), invalid UTF-8, deeper than kMaxQueryDepth, an unknown field, a bad date, IPC code,
// region, type or status, a prefix on Han text, and a query with nothing to search are all
// errors. Thread-safe.
core::Result<Query> ParseQuery(std::string_view text);

// The canonical text of a query: upper-case field names (region/type/status lower-case),
// explicit AND/OR/NOT, parentheses kept as parsed, normalised dates, IPC codes, region codes,
// types and statuses. ParseQuery(ToString(q)) == q for every parsed q.
std::string ToString(const Query& query);
std::string ToString(const Node& node);

// "TI", "AB", "CL", "TAC", "PA", "IN"; "" for kDefaultFields (free text).
std::string_view FieldMaskName(FieldMask fields);
std::string_view DateFieldName(DateField field);  // "AD", "PD", "GD"

}  // namespace ipa::index
