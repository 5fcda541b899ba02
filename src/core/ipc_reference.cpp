#include "core/ipc_reference.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

#include "core/embedded_data.hpp"
#include "core/tsv.hpp"

namespace ipa::core {
namespace {

// ---- Titles -------------------------------------------------------------------------------

struct TitleTable {
  std::vector<IpcTitle> titles;
  std::unordered_map<std::string_view, size_t> by_symbol;
};

std::optional<IpcTitleLevel> ParseTitleLevel(std::string_view s) {
  if (s == "section") return IpcTitleLevel::kSection;
  if (s == "class") return IpcTitleLevel::kClass;
  if (s == "subclass") return IpcTitleLevel::kSubclass;
  return std::nullopt;
}

const TitleTable& Titles() {
  static const TitleTable table = [] {
    TitleTable t;
    for (const auto& cols : ParseTsv(embedded::kIpcTitlesTsv)) {
      if (cols.size() < 4) continue;
      const auto level = ParseTitleLevel(cols[1]);
      if (!level) continue;
      t.titles.push_back(IpcTitle{cols[0], *level, cols[2], cols[3]});
    }
    std::sort(t.titles.begin(), t.titles.end(),
              [](const IpcTitle& a, const IpcTitle& b) { return a.symbol < b.symbol; });
    for (size_t i = 0; i < t.titles.size(); ++i) t.by_symbol.emplace(t.titles[i].symbol, i);
    return t;
  }();
  return table;
}

// ---- Concordance --------------------------------------------------------------------------

// Subclasses are indexed densely: section (8) x class number (100) x subclass letter (26).
constexpr int kSubclassSlots = 8 * 100 * 26;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The slot of the subclass `code` starts with ("H01M", "H01M 10/0525", "H01M10/0525"), or -1.
int SubclassSlot(std::string_view code) {
  if (code.size() < 4) return -1;
  const char s = code[0], l = code[3];
  if (s < 'A' || s > 'H' || !IsDigit(code[1]) || !IsDigit(code[2]) || l < 'A' || l > 'Z') {
    return -1;
  }
  if (code.size() > 4 && code[4] != ' ' && !IsDigit(code[4])) return -1;
  const int class_number = (code[1] - '0') * 10 + (code[2] - '0');
  return ((s - 'A') * 100 + class_number) * 26 + (l - 'A');
}

// The main group number after the subclass ("10" in " 10/0525"), or -1 when there is none.
int ParseMainGroup(std::string_view rest) {
  size_t i = 0;
  while (i < rest.size() && rest[i] == ' ') ++i;
  int group = 0, digits = 0;
  for (; i < rest.size() && IsDigit(rest[i]) && digits < 5; ++i, ++digits) {
    group = group * 10 + (rest[i] - '0');
  }
  return digits == 0 || digits > 4 ? -1 : group;
}

// A main group of a subclass mapped apart from the subclass; field 0 marks an exclusion.
struct GroupRule {
  int main_group = 0;
  int field = 0;
};

// Per subclass: its field (0 = none) and its group rules in Concordance::group_rules.
struct SubclassRule {
  std::uint8_t field = 0;
  std::uint8_t rule_count = 0;
  std::uint16_t first_rule = 0;
};

struct Concordance {
  std::vector<WipoField> fields;
  std::vector<SubclassRule> slots = std::vector<SubclassRule>(kSubclassSlots);
  std::vector<GroupRule> group_rules;
};

// What the tokens of all fields say about one subclass, before flattening.
struct PendingSubclass {
  int field = 0;
  std::map<int, int> groups;  // main group -> field
  std::set<int> excluded;     // main groups excluded from `field`
};

// Reads one field's ipc_prefixes: "H01M", "A61K 8" (a main group: a number token belongs to
// the subclass token before it), "!A61K 8" (an exclusion).
void AddPrefixes(int field, std::string_view prefixes, std::map<int, PendingSubclass>& pending) {
  std::vector<std::string_view> tokens;
  for (std::string_view t : Split(prefixes, ' ')) {
    if (!t.empty()) tokens.push_back(t);
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string_view t = tokens[i];
    const bool exclude = t.starts_with('!');
    if (exclude) t.remove_prefix(1);
    const int slot = t.size() == 4 ? SubclassSlot(t) : -1;
    if (slot < 0) continue;
    int group = -1;
    if (i + 1 < tokens.size() && IsDigit(tokens[i + 1][0])) group = ParseMainGroup(tokens[++i]);
    PendingSubclass& p = pending[slot];
    if (group < 0) {
      if (!exclude) p.field = field;
    } else if (exclude) {
      p.excluded.insert(group);
    } else {
      p.groups[group] = field;
    }
  }
}

const Concordance& Wipo() {
  static const Concordance table = [] {
    Concordance c;
    std::map<int, PendingSubclass> pending;
    for (const auto& cols : ParseTsv(embedded::kWipo35Tsv)) {
      if (cols.size() < 6) continue;
      int number = 0;
      std::from_chars(cols[0].data(), cols[0].data() + cols[0].size(), number);
      if (number <= 0) continue;
      c.fields.push_back(WipoField{number, std::string(cols[1]), std::string(cols[2]),
                                   std::string(cols[3]), std::string(cols[4])});
      AddPrefixes(number, cols[5], pending);
    }
    std::sort(c.fields.begin(), c.fields.end(),
              [](const WipoField& a, const WipoField& b) { return a.number < b.number; });
    for (auto& [slot, p] : pending) {
      for (int g : p.excluded) p.groups.try_emplace(g, 0);  // a mapped group beats exclusion
      SubclassRule& rule = c.slots[slot];
      rule.field = static_cast<std::uint8_t>(p.field);
      rule.first_rule = static_cast<std::uint16_t>(c.group_rules.size());
      rule.rule_count = static_cast<std::uint8_t>(p.groups.size());
      for (const auto& [group, field] : p.groups) c.group_rules.push_back({group, field});
    }
    return c;
  }();
  return table;
}

}  // namespace

const std::vector<IpcTitle>& AllIpcTitles() { return Titles().titles; }

const IpcTitle* FindIpcTitle(std::string_view symbol) {
  const auto& t = Titles();
  auto it = t.by_symbol.find(symbol);
  return it == t.by_symbol.end() ? nullptr : &t.titles[it->second];
}

std::string IpcTitleFor(std::string_view ipc_code, Lang lang) {
  for (size_t len : {4, 3, 1}) {
    if (ipc_code.size() < len) continue;
    const IpcTitle* title = FindIpcTitle(ipc_code.substr(0, len));
    if (title == nullptr) continue;
    const std::string_view text = lang == Lang::kZh ? title->title_zh : title->title_en;
    if (!text.empty()) return std::string(text);
  }
  return {};
}

const std::vector<WipoField>& AllWipoFields() { return Wipo().fields; }

const WipoField* FindWipoField(int number) {
  const auto& fields = AllWipoFields();
  if (number < 1 || number > static_cast<int>(fields.size())) return nullptr;
  const WipoField& field = fields[number - 1];
  return field.number == number ? &field : nullptr;
}

std::optional<int> WipoFieldFor(std::string_view ipc_code) {
  const int slot = SubclassSlot(ipc_code);
  if (slot < 0) return std::nullopt;
  const Concordance& c = Wipo();
  const SubclassRule& rule = c.slots[slot];
  if (rule.rule_count > 0) {
    const int group = ParseMainGroup(ipc_code.substr(4));
    const auto first = c.group_rules.begin() + rule.first_rule;
    for (auto it = first; group >= 0 && it != first + rule.rule_count; ++it) {
      if (it->main_group != group) continue;
      if (it->field == 0) return std::nullopt;
      return it->field;
    }
  }
  if (rule.field == 0) return std::nullopt;
  return rule.field;
}

}  // namespace ipa::core
