#include "core/ipc_code.hpp"

#include <cstdio>

#include "core/text.hpp"

namespace ipa::core {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

std::unexpected<Error> IpcError(std::string_view text, std::string reason) {
  return Fail(ErrorCode::kInvalidArgument,
              "IPC code '" + std::string(text) + "': " + std::move(reason), "ipc");
}

// Full-width folded, upper-cased, white space removed, a trailing "(2006.01)" dropped.
std::string Compact(std::string_view text) {
  std::string out;
  for (char c : FoldFullWidth(Trim(text))) {
    if (c == ' ' || c == '\t') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  const size_t paren = out.find('(');
  if (paren != std::string::npos && out.back() == ')') out.resize(paren);
  return out;
}

// Reads a run of digits starting at `pos`; returns how many.
size_t DigitRun(std::string_view s, size_t pos) {
  size_t n = 0;
  while (pos + n < s.size() && IsDigit(s[pos + n])) ++n;
  return n;
}

// Reads the group part "10/0525" (or "10" for a prefix) starting at `pos`.
Status ParseGroup(std::string_view text, std::string_view s, size_t pos, IpcCode& code) {
  const size_t group_digits = DigitRun(s, pos);
  if (group_digits < 1 || group_digits > 4) {
    return IpcError(text, "the main group after the subclass must be 1 to 4 digits");
  }
  code.main_group = std::stoi(std::string(s.substr(pos, group_digits)));
  if (code.main_group == 0) return IpcError(text, "main group 0 does not exist");
  pos += group_digits;
  code.level = IpcLevel::kMainGroup;
  if (pos == s.size()) return {};
  if (s[pos] != '/') return IpcError(text, "expected '/' after the main group");
  const size_t sub_digits = DigitRun(s, ++pos);
  if (sub_digits < 2 || sub_digits > 6) {
    return IpcError(text, "the subgroup after '/' must be 2 to 6 digits");
  }
  code.subgroup = std::string(s.substr(pos, sub_digits));
  code.level = IpcLevel::kSubgroup;
  if (pos + sub_digits != s.size()) return IpcError(text, "unexpected text after the subgroup");
  return {};
}

// Parses any level from a section down; callers restrict the levels they accept.
Result<IpcCode> ParseAnyLevel(std::string_view text) {
  const std::string s = Compact(text);
  IpcCode code;
  if (s.empty()) return IpcError(text, "empty");
  if (s[0] < 'A' || s[0] > 'H') return IpcError(text, "the section must be a letter A to H");
  code.section = s[0];
  code.level = IpcLevel::kSection;
  if (s.size() == 1) return code;
  if (s.size() < 3 || !IsDigit(s[1]) || !IsDigit(s[2])) {
    return IpcError(text, "the class after the section must be two digits");
  }
  code.class_number = (s[1] - '0') * 10 + (s[2] - '0');
  if (code.class_number == 0) return IpcError(text, "class 00 does not exist");
  code.level = IpcLevel::kClass;
  if (s.size() == 3) return code;
  if (!IsUpper(s[3])) return IpcError(text, "the subclass after the class must be a letter");
  code.subclass = s[3];
  code.level = IpcLevel::kSubclass;
  if (s.size() == 4) return code;
  IPA_CHECK(ParseGroup(text, s, 4, code));
  return code;
}

}  // namespace

std::string IpcCode::SectionString() const { return std::string(1, section); }

std::string IpcCode::ClassString() const {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%c%02d", section, class_number);
  return buf;
}

std::string IpcCode::SubclassString() const { return ClassString() + subclass; }

std::string IpcCode::MainGroupString() const {
  return SubclassString() + ' ' + std::to_string(main_group) + "/00";
}

std::string IpcCode::Normalised() const {
  switch (level) {
    case IpcLevel::kSection:
      return SectionString();
    case IpcLevel::kClass:
      return ClassString();
    case IpcLevel::kSubclass:
      return SubclassString();
    case IpcLevel::kMainGroup:
      return SubclassString() + ' ' + std::to_string(main_group);
    case IpcLevel::kSubgroup:
      return SubclassString() + ' ' + std::to_string(main_group) + '/' + subgroup;
  }
  return SubclassString();
}

Result<IpcCode> ParseIpcCode(std::string_view text) {
  IPA_TRY(code, ParseAnyLevel(text));
  if (code.level < IpcLevel::kSubclass) {
    return IpcError(text, "a code needs at least section, class and subclass (e.g. H01M)");
  }
  if (code.level == IpcLevel::kMainGroup) {
    return IpcError(text, "a main group needs its subgroup (e.g. 10/00)");
  }
  return code;
}

Result<std::string> NormaliseIpcCode(std::string_view text) {
  IPA_TRY(code, ParseIpcCode(text));
  return code.Normalised();
}

Result<IpcCode> ParseIpcPrefix(std::string_view text) { return ParseAnyLevel(text); }

bool IpcMatchesPrefix(const IpcCode& code, const IpcCode& prefix) {
  IpcLevel depth = prefix.level;
  // "H01M 10/00" names the main group itself, which covers all of its subgroups.
  if (depth == IpcLevel::kSubgroup && prefix.subgroup.find_first_not_of('0') == std::string::npos) {
    depth = IpcLevel::kMainGroup;
  }
  if (code.level < depth || code.section != prefix.section) return false;
  if (depth >= IpcLevel::kClass && code.class_number != prefix.class_number) return false;
  if (depth >= IpcLevel::kSubclass && code.subclass != prefix.subclass) return false;
  if (depth >= IpcLevel::kMainGroup && code.main_group != prefix.main_group) return false;
  if (depth == IpcLevel::kSubgroup && !code.subgroup.starts_with(prefix.subgroup)) return false;
  return true;
}

bool IpcMatchesPrefix(std::string_view code, std::string_view prefix) {
  auto c = ParseAnyLevel(code);
  auto p = ParseIpcPrefix(prefix);
  return c && p && IpcMatchesPrefix(*c, *p);
}

}  // namespace ipa::core
