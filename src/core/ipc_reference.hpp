// IPC reference data compiled into the binary: the titles of every IPC section, class and
// subclass (English; Chinese for sections and classes), and the WIPO IPC-Technology
// concordance that maps IPC codes to 35 technology fields in 5 sectors. Sources: data/ipc/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipa::core {

enum class Lang { kEn, kZh };

enum class IpcTitleLevel { kSection, kClass, kSubclass };

// One row of data/ipc/ipc_titles.tsv. The views point into static embedded data.
struct IpcTitle {
  std::string_view symbol;  // "H", "H01", "H01M"
  IpcTitleLevel level = IpcTitleLevel::kSection;
  std::string_view title_en;  // WIPO's English title, e.g. "ELECTRICITY"
  std::string_view title_zh;  // CNIPA's Chinese title; empty for most subclasses
};

// Every section, class and subclass, sorted by symbol. Loaded once; thread-safe.
const std::vector<IpcTitle>& AllIpcTitles();

// The title of exactly this section ("H"), class ("H01") or subclass ("H01M"); nullptr when
// the symbol is none of those (groups such as "H01M 10/00" are not in the table).
const IpcTitle* FindIpcTitle(std::string_view symbol);

// The most specific title known for a normalised IPC code ("H01M 10/0525", "H01M", "H01"):
// the subclass title, else the class title, else the section title. For kZh, levels with no
// Chinese title are skipped (so a subclass usually yields its class's Chinese title). Empty
// when not even the section is known.
std::string IpcTitleFor(std::string_view ipc_code, Lang lang);

// One of the 35 technology fields of the WIPO IPC-Technology concordance.
struct WipoField {
  int number = 0;  // 1..35
  std::string sector_en, sector_zh, field_en, field_zh;
};

// The 35 fields ordered by number (AllWipoFields()[n - 1].number == n). Thread-safe.
const std::vector<WipoField>& AllWipoFields();

// The field with this number, or nullptr outside 1..35.
const WipoField* FindWipoField(int number);

// The technology field of a normalised IPC code ("H01M 10/0525", "A61K 8/02", "G06F"):
// the longest matching prefix of the concordance, where a main-group entry ("A61K 8") beats
// its subclass entry ("A61K") and an exclusion ("!A61K 8") removes a main group from a
// subclass entry. nullopt when the code does not start with a subclass symbol, when its
// subclass is not in the concordance, or when only a main group of the subclass is mapped
// (e.g. "C13B") and the code names no such group. Allocation-free; thread-safe.
std::optional<int> WipoFieldFor(std::string_view ipc_code);

}  // namespace ipa::core
