// International Patent Classification (IPC) symbols: section, class, subclass and optionally
// main group / subgroup, e.g. "H01M 10/0525". Parsing, the normalised form, prefix matching.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::core {

// How deep a code or a prefix goes.
enum class IpcLevel { kSection, kClass, kSubclass, kMainGroup, kSubgroup };

// A parsed IPC symbol or prefix. Codes stored on patents are at least at kSubclass.
struct IpcCode {
  IpcLevel level = IpcLevel::kSubclass;
  char section = 'A';    // 'A'..'H'
  int class_number = 0;  // 1..99 (written with two digits)
  char subclass = 'A';   // 'A'..'Z'
  int main_group = 0;    // 1..9999; set from kMainGroup
  std::string subgroup;  // 2..6 digits as written ("00", "0525"); set at kSubgroup

  // "H01M 10/0525", "H01M 10/00", "H01M"; prefixes: "H", "H01", "H01M 10" (main group only).
  std::string Normalised() const;
  std::string SectionString() const;   // "H"
  std::string ClassString() const;     // "H01"
  std::string SubclassString() const;  // "H01M"
  // "H01M 10/00": the main group this code belongs to. Precondition: level >= kMainGroup.
  std::string MainGroupString() const;
};

// Parses an IPC symbol as written in patent data: "H01M10/0525", "H01M 10/0525",
// "H01M  10/05", "h01m", "H01M10/00", full-width characters, and a trailing IPC version
// "(2006.01)". A subclass alone is a complete code. Returns kInvalidArgument with field "ipc"
// naming the reason: section not A-H, class not two digits, subclass not a letter, main group
// not 1-4 digits, subgroup not 2-6 digits, a main group without "/subgroup", trailing text.
Result<IpcCode> ParseIpcCode(std::string_view text);

// ParseIpcCode(text)->Normalised(), or its error.
Result<std::string> NormaliseIpcCode(std::string_view text);

// Parses a search prefix: everything ParseIpcCode accepts plus "H" (section), "H01" (class)
// and "H01M10" / "H01M 10" (a main group with no subgroup). Errors as ParseIpcCode.
Result<IpcCode> ParseIpcPrefix(std::string_view text);

// True when `code` falls under `prefix`: same section, class, subclass down to the prefix's
// level; a main-group prefix ("H01M 10", or "H01M 10/00", the main group itself) covers every
// subgroup of that group; a subgroup prefix covers subgroups whose digits start with its
// digits ("H01M 10/05" covers "H01M 10/052" and "H01M 10/0525": IPC subgroup numbers read
// as decimal fractions). Allocation-free.
bool IpcMatchesPrefix(const IpcCode& code, const IpcCode& prefix);

// The same on text; false when either does not parse. e.g. ("H01M 10/0525", "H01M") → true.
bool IpcMatchesPrefix(std::string_view code, std::string_view prefix);

}  // namespace ipa::core
