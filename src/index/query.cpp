// Query tree nodes and the canonical printer. Parsing is in query_parser.cpp.
#include "index/query.hpp"

#include "index/query_fields.hpp"

namespace ipa::index {
namespace {

bool IsList(const Node& n) { return n.kind == NodeKind::kAnd || n.kind == NodeKind::kOr; }

bool IsFieldOperator(char c) { return c == '=' || c == '<' || c == '>'; }

// A bare term that reads the same inside FIELD=( … ): not "-x" (a NOT there) and not "a=b"
// (a field clause there). Operator words never reach a text node as bare terms.
bool GroupSafe(const TextNode& t) {
  if (t.match == TextMatch::kPhrase) return true;
  if (t.text.starts_with('-')) return false;
  size_t letters = 0;
  while (letters < t.text.size() &&
         ((t.text[letters] | 0x20) >= 'a' && (t.text[letters] | 0x20) <= 'z')) {
    ++letters;
  }
  if (letters == 0 || letters == t.text.size()) return true;
  const std::string_view rest = std::string_view(t.text).substr(letters);
  return !IsFieldOperator(rest[0]) && !rest.starts_with("≥") && !rest.starts_with("≤");
}

// The named text field every leaf under `n` searches, when the whole subtree can be written as
// FIELD=( … ); 0 otherwise.
FieldMask SharedTextField(const Node& n) {
  if (n.kind == NodeKind::kText) {
    const TextNode& t = n.text();
    return GroupSafe(t) && TextFieldFor(t.fields) != nullptr ? t.fields : 0;
  }
  if (!IsList(n) && n.kind != NodeKind::kNot) return 0;
  FieldMask shared = 0;
  for (const Node& child : n.children) {
    const FieldMask m = SharedTextField(child);
    if (m == 0 || (shared != 0 && m != shared)) return 0;
    shared = m;
  }
  return shared;
}

void PrintBareText(const TextNode& t, std::string& out) {
  switch (t.match) {
    case TextMatch::kTerm: out += t.text; break;
    case TextMatch::kPhrase: out += '"' + t.text + '"'; break;
    case TextMatch::kPrefix: out += t.text + '*'; break;
  }
}

bool IsYearStart(core::Date d) {
  int y = 0;
  unsigned m = 0, day = 0;
  core::SplitDate(d, y, m, day);
  return m == 1 && day == 1;
}

bool IsYearEnd(core::Date d) {
  int y = 0;
  unsigned m = 0, day = 0;
  core::SplitDate(d, y, m, day);
  return m == 12 && day == 31;
}

std::string Year(core::Date d) { return core::FormatDate(d).substr(0, 4); }

std::string DateText(const DateNode& n) {
  const std::string name(DateFieldName(n.field));
  if (n.from && n.to) {
    if (*n.from == *n.to) return name + "=" + core::FormatDate(*n.from);
    if (IsYearStart(*n.from) && IsYearEnd(*n.to)) {
      if (Year(*n.from) == Year(*n.to)) return name + "=" + Year(*n.from);
      return name + "=[" + Year(*n.from) + " TO " + Year(*n.to) + "]";
    }
    return name + "=[" + core::FormatDate(*n.from) + " TO " + core::FormatDate(*n.to) + "]";
  }
  if (n.from) return name + ">=" + core::FormatDate(*n.from);
  if (n.to) return name + "<=" + core::FormatDate(*n.to);
  return name + "=[* TO *]";
}

std::string StatusText(const StatusNode& n) {
  std::string out = "status=";
  const uint16_t in_force = (1u << static_cast<int>(core::LegalStatus::kValid)) |
                            (1u << static_cast<int>(core::LegalStatus::kValidGrace));
  if (n.statuses == in_force) {
    out += "in_force";
  } else {
    for (int s = 0; s < core::kLegalStatusCount; ++s) {
      if ((n.statuses >> s) & 1u) out += core::LegalStatusName(static_cast<core::LegalStatus>(s));
    }
  }
  if (n.on) out += "@" + core::FormatDate(*n.on);
  return out;
}

void PrintLeaf(const Node& n, std::string& out) {
  switch (n.kind) {
    case NodeKind::kText: {
      const std::string_view field = FieldMaskName(n.text().fields);
      if (!field.empty()) out += std::string(field) + "=";
      PrintBareText(n.text(), out);
      return;
    }
    case NodeKind::kDate: out += DateText(n.date()); return;
    case NodeKind::kIpc: {
      out += "IPC=";
      for (char c : n.ipc().prefix.Normalised()) {
        if (c != ' ') out += c;
      }
      return;
    }
    case NodeKind::kRegion:
      out += "region=" + n.region().prefix;
      if (n.region().prefix.size() < 6) out.append(6 - n.region().prefix.size(), '0');
      return;
    case NodeKind::kType: out += "type=" + std::string(core::PatentTypeName(n.type().type)); return;
    case NodeKind::kStatus: out += StatusText(n.status()); return;
    default: return;
  }
}

// `bare`: inside FIELD=( … ), where text leaves are written without their field.
void Print(const Node& n, bool bare, std::string& out) {
  if (!bare && IsList(n)) {
    if (const FieldMask shared = SharedTextField(n); shared != 0) {
      out += std::string(FieldMaskName(shared)) + "=(";
      Print(n, true, out);
      out += ')';
      return;
    }
  }
  auto operand = [&](const Node& child) {
    const bool wrap = IsList(child) && (bare || SharedTextField(child) == 0);
    if (wrap) out += '(';
    Print(child, bare, out);
    if (wrap) out += ')';
  };
  switch (n.kind) {
    case NodeKind::kAnd:
    case NodeKind::kOr:
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) out += n.kind == NodeKind::kAnd ? " AND " : " OR ";
        operand(n.children[i]);
      }
      return;
    case NodeKind::kNot:
      out += "NOT ";
      operand(n.children.at(0));
      return;
    case NodeKind::kText:
      if (bare) {
        PrintBareText(n.text(), out);
        return;
      }
      break;
    default: break;
  }
  PrintLeaf(n, out);
}

}  // namespace

bool IpcNode::operator==(const IpcNode& o) const {
  const core::IpcCode& a = prefix;
  const core::IpcCode& b = o.prefix;
  return a.level == b.level && a.section == b.section && a.class_number == b.class_number &&
         a.subclass == b.subclass && a.main_group == b.main_group && a.subgroup == b.subgroup;
}

Node Node::Compound(NodeKind kind, std::vector<Node> children) {
  return Node{kind, std::move(children), std::monostate{}};
}

bool Node::operator==(const Node& o) const {
  return kind == o.kind && leaf == o.leaf && children == o.children;
}

std::string ToString(const Node& node) {
  std::string out;
  Print(node, false, out);
  return out;
}

std::string ToString(const Query& query) { return ToString(query.root); }

std::string_view FieldMaskName(FieldMask fields) {
  const FieldSpec* f = TextFieldFor(fields);
  return f == nullptr ? std::string_view() : f->name;
}

std::string_view DateFieldName(DateField field) {
  switch (field) {
    case DateField::kFiling: return "AD";
    case DateField::kPublication: return "PD";
    case DateField::kGrant: return "GD";
  }
  return "AD";
}

}  // namespace ipa::index
