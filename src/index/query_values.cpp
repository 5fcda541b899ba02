#include "index/query_values.hpp"

#include <algorithm>

#include "core/region.hpp"
#include "core/text.hpp"
#include "index/region_names.hpp"

namespace ipa::index {
namespace {

constexpr uint16_t Bit(core::LegalStatus s) { return uint16_t(1u << static_cast<int>(s)); }
constexpr uint16_t kInForce = Bit(core::LegalStatus::kValid) | Bit(core::LegalStatus::kValidGrace);

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 'text' in quotes for a message, cut after 40 characters.
std::string Quote(std::string_view text) {
  std::string out = "'";
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars > 40) {
      out += "…";
      break;
    }
    out.push_back(text[i]);
  }
  return out + "'";
}

std::string At(size_t index) { return " at position " + PositionText(index); }

struct Period {
  core::Date first;
  core::Date last;
};

// "2018", "2018-05" (also 2018/05, 2018.05) or a date core::ParseDateText reads.
core::Result<Period> ParsePeriod(const std::string& text, size_t index) {
  const bool year_only = text.size() == 4 && AllDigits(text);
  const bool year_month = text.size() == 7 && AllDigits(text.substr(0, 4)) &&
                          (text[4] == '-' || text[4] == '/' || text[4] == '.') &&
                          AllDigits(text.substr(5));
  if (year_only || year_month) {
    const int year = std::stoi(text.substr(0, 4));
    if (year < 1900 || year > 2199) {
      return QueryError("year " + Quote(text.substr(0, 4)) + At(index) + " is outside 1900–2199");
    }
    if (year_only) return Period{core::MakeDate(year, 1, 1), core::MakeDate(year, 12, 31)};
    const int month = std::stoi(text.substr(5));
    if (month >= 1 && month <= 12) {
      const core::Date first = core::MakeDate(year, static_cast<unsigned>(month), 1);
      return Period{first, core::AddDays(core::AddMonths(first, 1), -1)};
    }
  } else if (auto date = core::ParseDateText(text)) {
    return Period{*date, *date};
  }
  return QueryError("date " + Quote(text) + At(index) +
                    " is not a date (write 2018-01-01, 2018-01 or 2018)");
}

core::Result<Node> DateValue(DateField field, FieldOp op, const std::string& text, size_t index) {
  IPA_TRY(period, ParsePeriod(text, index));
  DateNode node{field, std::nullopt, std::nullopt};
  switch (op) {
    case FieldOp::kEq:
      node.from = period.first;
      node.to = period.last;
      break;
    case FieldOp::kGe: node.from = period.first; break;
    case FieldOp::kGt: node.from = core::AddDays(period.last, 1); break;
    case FieldOp::kLe: node.to = period.last; break;
    case FieldOp::kLt: node.to = core::AddDays(period.first, -1); break;
  }
  if ((node.from && *node.from > core::MakeDate(2199, 12, 31)) ||
      (node.to && *node.to < core::MakeDate(1900, 1, 1))) {
    return QueryErrorAt(index, "'" + std::string(FieldOpText(op)) + text +
                                   "' leaves no date between 1900-01-01 and 2199-12-31");
  }
  return Node::Date(node);
}

core::Status CheckPrefix(const TextNode& node, const std::string& written, size_t index) {
  for (const QueryToken& t : node.tokens) {
    if (t.kind != TermKind::kWord) {
      return QueryErrorAt(
          index, "prefix search ('*') works on Latin words and digits, not on " + Quote(written));
    }
  }
  if (node.tokens.size() > 1) {
    return QueryErrorAt(index, "prefix search ('*') takes a single word, not " + Quote(written));
  }
  if (node.tokens[0].term.size() < 2) {
    return QueryErrorAt(
        index, "the prefix " + Quote(written) + " is too short: give at least 2 letters or digits");
  }
  return {};
}

core::Result<Node> TextValue(FieldMask fields, const std::string& text, bool quoted, size_t index) {
  TextNode node{quoted ? TextMatch::kPhrase : TextMatch::kTerm, fields, text, {}};
  if (!quoted && text.size() > 1 && text.back() == '*') {
    node.match = TextMatch::kPrefix;
    node.text.pop_back();
  }
  node.tokens = QueryTokens(node.text);
  if (node.tokens.empty()) {
    return QueryErrorAt(index, (quoted ? "the phrase " : "") + Quote(text) +
                                   " has no letters, digits or Han characters to search");
  }
  if (node.match == TextMatch::kPrefix) IPA_CHECK(CheckPrefix(node, text, index));
  return Node::Text(std::move(node));
}

core::Result<Node> IpcValue(const std::string& text, size_t index) {
  auto code = core::ParseIpcPrefix(text);
  if (!code) return QueryErrorAt(index, code.error().message);
  return Node::Ipc(IpcNode{std::move(*code)});
}

core::Result<Node> RegionValue(const std::string& text, size_t index) {
  if (AllDigits(text)) {
    if (text.size() != 2 && text.size() != 4 && text.size() != 6) {
      return QueryError("region code " + Quote(text) + At(index) +
                        " must have 2, 4 or 6 digits (GB/T 2260)");
    }
    const std::string prefix = RegionCodePrefix(text + std::string(6 - text.size(), '0'));
    if (!IsKnownRegionPrefix(prefix)) {
      return QueryError("region code " + Quote(text) + At(index) +
                        " is not a GB/T 2260 region known here");
    }
    return Node::Region(RegionNode{prefix});
  }
  const std::vector<std::string> codes = RegionCodesNamed(text);
  if (codes.empty()) {
    return QueryError("region " + Quote(text) + At(index) +
                      " is not a region known here (write e.g. 北京, 天津, 河北, 石家庄, "
                      "滨海新区, BJ or a GB/T 2260 code such as 130100)");
  }
  if (codes.size() > 1) {
    std::string list;
    for (const std::string& code : codes) {
      list += (list.empty() ? "" : ", ") + code + " " + core::RegionFullName(code);
    }
    return QueryError("region " + Quote(text) + At(index) + " is ambiguous: " + list +
                      "; write the code or name the city too");
  }
  return Node::Region(RegionNode{RegionCodePrefix(codes[0])});
}

core::Result<Node> TypeValue(const std::string& text, size_t index) {
  const std::string name = core::AsciiLower(text);
  std::optional<core::PatentType> type = core::ParsePatentType(name);
  if (name == "发明") type = core::PatentType::kInvention;
  if (name == "实用新型") type = core::PatentType::kUtilityModel;
  if (name == "外观设计") type = core::PatentType::kDesign;
  if (!type) {
    return QueryError("type " + Quote(text) + At(index) +
                      " is not one of invention, utility_model, design (发明, 实用新型, 外观设计)");
  }
  return Node::Type(TypeNode{*type});
}

uint16_t StatusMask(const std::string& name) {
  using core::LegalStatus;
  if (auto s = core::ParseLegalStatus(name)) return Bit(*s);
  if (name == "in_force" || name == "有效") return kInForce;
  static constexpr std::pair<std::string_view, LegalStatus> kChinese[] = {
      {"审中", LegalStatus::kPending},     {"失效", LegalStatus::kLapsed},
      {"届满", LegalStatus::kExpired},     {"期限届满", LegalStatus::kExpired},
      {"无效", LegalStatus::kInvalidated}, {"全部无效", LegalStatus::kInvalidated},
      {"放弃", LegalStatus::kSurrendered}, {"已放弃", LegalStatus::kSurrendered},
      {"驳回", LegalStatus::kRejected},    {"撤回", LegalStatus::kWithdrawn},
  };
  for (const auto& [chinese, status] : kChinese) {
    if (name == chinese) return Bit(status);
  }
  return 0;
}

// "valid", "valid@2020-01-01".
core::Result<Node> StatusValue(const std::string& text, size_t index) {
  const size_t at = text.find('@');
  const std::string name = text.substr(0, at);
  StatusNode node{StatusMask(core::AsciiLower(name)), std::nullopt};
  if (node.statuses == 0) {
    return QueryError("status " + Quote(name) + At(index) + " is not one of " +
                      std::string(StatusNames()));
  }
  if (at != std::string::npos) {
    const std::string day = text.substr(at + 1);
    const size_t day_index = index + core::Utf8Length(name) + 1;
    auto date = day.size() >= 8 ? core::ParseDateText(day) : std::nullopt;
    if (!date) {
      return QueryErrorAt(day_index, "expected a date YYYY-MM-DD after '@', found " + Quote(day));
    }
    node.on = *date;
  }
  return Node::Status(node);
}

}  // namespace

std::vector<QueryToken> QueryTokens(std::string_view text) {
  std::vector<QueryToken> tokens;
  Tokenizer().Tokenize(text, TokenizeMode::kQuery, [&](const Token& t) {
    tokens.push_back(QueryToken{std::string(t.term), t.kind, t.position});
  });
  return tokens;
}

std::string_view StatusNames() {
  return "pending, valid, valid_grace, lapsed_restorable, lapsed, expired, invalidated, "
         "surrendered, rejected, withdrawn, in_force (审中, 有效, 失效, 届满, 无效, 放弃, 驳回, "
         "撤回)";
}

core::Result<Node> FieldValue(const FieldSpec& field, FieldOp op, const std::string& text,
                              bool quoted, size_t index) {
  switch (field.kind) {
    case FieldKind::kText: return TextValue(field.mask, text, quoted, index);
    case FieldKind::kDate: return DateValue(field.date, op, text, index);
    case FieldKind::kIpc: return IpcValue(text, index);
    case FieldKind::kRegion: return RegionValue(text, index);
    case FieldKind::kType: return TypeValue(text, index);
    case FieldKind::kStatus: return StatusValue(text, index);
  }
  return core::Internal("unknown field kind");
}

core::Result<Node> DateRangeValue(DateField field, const std::string& from, size_t from_index,
                                  const std::string& to, size_t to_index) {
  DateNode node{field, std::nullopt, std::nullopt};
  if (from != "*") {
    IPA_TRY(period, ParsePeriod(from, from_index));
    node.from = period.first;
  }
  if (to != "*") {
    IPA_TRY(period, ParsePeriod(to, to_index));
    node.to = period.last;
  }
  if (node.from && node.to && *node.from > *node.to) {
    return QueryErrorAt(from_index, "the date range from " + core::FormatDate(*node.from) + " to " +
                                        core::FormatDate(*node.to) + " is empty");
  }
  return Node::Date(node);
}

}  // namespace ipa::index
