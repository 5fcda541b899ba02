#include "core/ipc_reference.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/embedded_data.hpp"
#include "core/tsv.hpp"

namespace ipa::core {
namespace {

const std::string kSharedDir = std::string(IPA_SOURCE_DIR) + "/../shared/data/ipc-scheme";

// ---- Table integrity ----------------------------------------------------------------------

TEST(IpcReferenceTest, TitleTableIsConsistent) {
  std::set<std::string_view> symbols;
  int sections = 0, classes = 0, subclasses = 0;
  for (const IpcTitle& t : AllIpcTitles()) {
    EXPECT_TRUE(symbols.insert(t.symbol).second) << "duplicate " << t.symbol;
    EXPECT_FALSE(t.title_en.empty()) << t.symbol;
    switch (t.level) {
      case IpcTitleLevel::kSection:
        ++sections;
        EXPECT_EQ(t.symbol.size(), 1u) << t.symbol;
        EXPECT_FALSE(t.title_zh.empty()) << t.symbol;
        break;
      case IpcTitleLevel::kClass:
        ++classes;
        ASSERT_EQ(t.symbol.size(), 3u) << t.symbol;
        EXPECT_FALSE(t.title_zh.empty()) << t.symbol;
        EXPECT_NE(FindIpcTitle(t.symbol.substr(0, 1)), nullptr) << t.symbol << ": no section";
        break;
      case IpcTitleLevel::kSubclass:
        ++subclasses;
        ASSERT_EQ(t.symbol.size(), 4u) << t.symbol;
        EXPECT_NE(FindIpcTitle(t.symbol.substr(0, 3)), nullptr) << t.symbol << ": no class";
        break;
    }
  }
  EXPECT_EQ(sections, 8);
  EXPECT_GE(classes, 130);
  EXPECT_GE(subclasses, 640);
}

TEST(IpcReferenceTest, WipoFieldsAreNumberedOneToThirtyFive) {
  const auto& fields = AllWipoFields();
  ASSERT_EQ(fields.size(), 35u);
  std::set<std::string> sectors;
  for (int n = 1; n <= 35; ++n) {
    const WipoField* f = FindWipoField(n);
    ASSERT_NE(f, nullptr) << n;
    EXPECT_EQ(f->number, n);
    EXPECT_FALSE(f->sector_en.empty() || f->sector_zh.empty()) << n;
    EXPECT_FALSE(f->field_en.empty() || f->field_zh.empty()) << n;
    sectors.insert(f->sector_en);
  }
  EXPECT_EQ(sectors.size(), 5u);
  EXPECT_EQ(FindWipoField(0), nullptr);
  EXPECT_EQ(FindWipoField(36), nullptr);
}

TEST(IpcReferenceTest, EverySubclassHasATechnologyField) {
  for (const IpcTitle& t : AllIpcTitles()) {
    if (t.level != IpcTitleLevel::kSubclass || t.symbol == "C13B") continue;  // C13B: by group
    EXPECT_TRUE(WipoFieldFor(t.symbol).has_value()) << t.symbol;
  }
}

// An exclusion ("!A61K 8") must be claimed by another field, or codes would fall through.
TEST(IpcReferenceTest, EveryExclusionIsMappedElsewhere) {
  int exclusions = 0;
  for (const auto& cols : ParseTsv(embedded::kWipo35Tsv)) {
    ASSERT_GE(cols.size(), 6u);
    const std::vector<std::string_view> tokens = Split(cols[5], ' ');
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      if (!tokens[i].starts_with('!')) continue;
      ++exclusions;
      const std::string code =
          std::string(tokens[i].substr(1)) + " " + std::string(tokens[i + 1]) + "/00";
      const auto field = WipoFieldFor(code);
      ASSERT_TRUE(field.has_value()) << code;
      EXPECT_NE(std::to_string(*field), cols[0]) << code;
    }
  }
  EXPECT_GT(exclusions, 0);
}

// ---- Lookups ------------------------------------------------------------------------------

TEST(IpcReferenceTest, FindsTitlesAtEachLevel) {
  const IpcTitle* h01m = FindIpcTitle("H01M");
  ASSERT_NE(h01m, nullptr);
  EXPECT_EQ(h01m->level, IpcTitleLevel::kSubclass);
  EXPECT_NE(h01m->title_en.find("BATTERIES"), std::string_view::npos) << h01m->title_en;
  ASSERT_NE(FindIpcTitle("H01"), nullptr);
  EXPECT_EQ(FindIpcTitle("H01")->title_zh, "基本电气元件");
  ASSERT_NE(FindIpcTitle("H"), nullptr);
  EXPECT_EQ(FindIpcTitle("H")->title_en, "ELECTRICITY");
  EXPECT_EQ(FindIpcTitle("H01M 10/0525"), nullptr);
  EXPECT_EQ(FindIpcTitle("Z99Z"), nullptr);
  EXPECT_EQ(FindIpcTitle(""), nullptr);
}

TEST(IpcReferenceTest, TitleForCodeIsTheMostSpecificAvailable) {
  const std::string h01m(FindIpcTitle("H01M")->title_en);
  EXPECT_EQ(IpcTitleFor("H01M 10/0525", Lang::kEn), h01m);
  EXPECT_EQ(IpcTitleFor("H01M", Lang::kEn), h01m);
  EXPECT_EQ(IpcTitleFor("H01", Lang::kEn), "ELECTRIC ELEMENTS");
  EXPECT_EQ(IpcTitleFor("H", Lang::kZh), "电学");
  // No Chinese subclass title: the class's Chinese title.
  EXPECT_EQ(IpcTitleFor("H01M 10/0525", Lang::kZh), "基本电气元件");
  // Unknown class: falls back to the section.
  EXPECT_EQ(IpcTitleFor("H98Q 1/00", Lang::kEn), "ELECTRICITY");
  EXPECT_EQ(IpcTitleFor("Z01B", Lang::kEn), "");
  EXPECT_EQ(IpcTitleFor("", Lang::kZh), "");
}

TEST(IpcReferenceTest, TechnologyFieldsFollowTheConcordance) {
  EXPECT_EQ(WipoFieldFor("H01M 10/0525"), 1);
  EXPECT_EQ(FindWipoField(1)->field_en, "Electrical machinery, apparatus, energy");
  EXPECT_EQ(FindWipoField(1)->sector_en, "Electrical engineering");
  EXPECT_EQ(WipoFieldFor("G06F"), 6);
  EXPECT_EQ(FindWipoField(6)->field_en, "Computer technology");
  // A61K 8 (cosmetics) is organic fine chemistry; the rest of A61K is pharmaceuticals.
  EXPECT_EQ(WipoFieldFor("A61K 8/02"), 14);
  EXPECT_EQ(FindWipoField(14)->field_en, "Organic fine chemistry");
  EXPECT_EQ(WipoFieldFor("A61K 31/00"), 16);
  EXPECT_EQ(FindWipoField(16)->field_en, "Pharmaceuticals");
  EXPECT_EQ(WipoFieldFor("A61K 80/00"), 16);  // group 80 is not group 8
  EXPECT_EQ(WipoFieldFor("A61Q 19/00"), 14);
  EXPECT_EQ(WipoFieldFor("G01N 33/48"), 11);
  EXPECT_EQ(WipoFieldFor("G01N 21/00"), 10);
  EXPECT_EQ(WipoFieldFor("B01D 53/34"), 24);
  EXPECT_EQ(WipoFieldFor("B01D 39/00"), 23);
  EXPECT_EQ(WipoFieldFor("E01F 8/00"), 24);
  EXPECT_EQ(WipoFieldFor("E01F 9/00"), 35);
  EXPECT_EQ(WipoFieldFor("H04N 1/00"), 3);
  EXPECT_EQ(WipoFieldFor("H04N 21/00"), 4);
  EXPECT_EQ(WipoFieldFor("H04N 23/00"), 2);
  EXPECT_EQ(WipoFieldFor("C13B 10/00"), 18);
  EXPECT_EQ(WipoFieldFor("C13B 5/00"), 29);
  EXPECT_EQ(WipoFieldFor("H01M10/0525"), 1);  // unspaced input still works
}

TEST(IpcReferenceTest, TechnologyFieldRejectsWhatIsNotASubclassCode) {
  EXPECT_EQ(WipoFieldFor(""), std::nullopt);
  EXPECT_EQ(WipoFieldFor("H01"), std::nullopt);
  EXPECT_EQ(WipoFieldFor("h01m"), std::nullopt);
  EXPECT_EQ(WipoFieldFor("Z01M"), std::nullopt);
  EXPECT_EQ(WipoFieldFor("H01MX"), std::nullopt);
  EXPECT_EQ(WipoFieldFor("A98Z 1/00"), std::nullopt);  // not in the concordance
  EXPECT_EQ(WipoFieldFor("C13B"), std::nullopt);        // only its groups are mapped
}

// ---- Cross-checks against the shared third-party files ------------------------------------

// Splits CSV text into records of fields (RFC 4180 quoting; quoted fields may hold newlines).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::string ReadXz(const std::string& path) {
  std::string out;
  FILE* pipe = popen(("xz -dc '" + path + "'").c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[1 << 16];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  pclose(pipe);
  return out;
}

std::string Join(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : " ") + x;
  return out.empty() ? "(none)" : out;
}

// Every class and subclass of the shared Spanish IPC scheme is in our table, and vice versa.
TEST(IpcReferenceTest, CoversTheSharedSpanishScheme) {
  const std::string path = kSharedDir + "/ipc_titles_es.csv.xz";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared IPC scheme absent: " << path;
  const auto rows = ParseCsv(ReadXz(path));
  ASSERT_GT(rows.size(), 1000u) << "could not read " << path << " (is xz installed?)";
  // file_level "section" files list the classes of a section, "clase" files the subclasses.
  std::set<std::string> theirs;
  for (const auto& r : rows) {
    if (r.size() < 2) continue;
    if ((r[1] == "section" && r[0].size() == 3) || (r[1] == "clase" && r[0].size() == 4)) {
      theirs.insert(r[0]);
    }
  }
  std::set<std::string> ours;
  for (const IpcTitle& t : AllIpcTitles()) {
    if (t.level != IpcTitleLevel::kSection) ours.insert(std::string(t.symbol));
  }
  std::set<std::string> missing, extra;
  for (const auto& s : theirs) {
    if (!ours.contains(s)) missing.insert(s);
  }
  for (const auto& s : ours) {
    if (!theirs.contains(s)) extra.insert(s);
  }
  EXPECT_TRUE(missing.empty()) << "in the shared scheme, not ours: " << Join(missing);
  EXPECT_TRUE(extra.empty()) << "ours, not in the shared scheme: " << Join(extra);
}

// Every LIKE pattern of the shared concordance ("F21H%", "A61K   8/%") maps to its field.
TEST(IpcReferenceTest, AgreesWithTheSharedConcordance) {
  const std::string path = kSharedDir + "/ipc_technology_wipo35.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared concordance absent: " << path;
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string csv = text.str();
  if (csv.starts_with("\xEF\xBB\xBF")) csv.erase(0, 3);
  const auto rows = ParseCsv(csv);
  ASSERT_GT(rows.size(), 700u);
  ASSERT_EQ(rows[0][0], "Field_number");
  int checked = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_GE(r.size(), 8u) << "row " << i;
    const int number = std::stoi(r[0]);
    std::string code = r[7];
    ASSERT_TRUE(code.ends_with('%')) << code;
    code.pop_back();
    if (code.ends_with('/')) code += "00";
    EXPECT_EQ(WipoFieldFor(code), number) << r[7];
    const WipoField* f = FindWipoField(number);
    ASSERT_NE(f, nullptr) << number;
    EXPECT_EQ(f->field_en, r[4]) << number;
    EXPECT_EQ(f->sector_en, r[1]) << number;
    ++checked;
  }
  EXPECT_GT(checked, 700);
}

}  // namespace
}  // namespace ipa::core
