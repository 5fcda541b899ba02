// A small random patent corpus and a brute-force reading of the query language over it: the
// reference the index's executor, facets and counts are checked against.
#pragma once

#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/ipc_code.hpp"
#include "core/legal_status.hpp"
#include "core/patent.hpp"
#include "index/query.hpp"
#include "index/search.hpp"
#include "index/segment.hpp"
#include "index/tokenizer.hpp"

namespace ipa::testing {

inline const std::vector<std::string> kHan = {"锂", "电", "池", "正", "极", "材", "料", "钠", "固", "态"};
inline const std::vector<std::string> kWords = {"battery", "batteries", "lithium", "ion", "cell", "sensor", "bath"};
inline const std::vector<std::string> kRegions = {"110108", "120116", "130102", "130200", "310000", "440300", ""};
inline const std::vector<std::string> kIpc = {"H01M 10/0525", "H01M 4/00", "H02J 7/00", "G06F 16/00", "A61K 31/00"};
inline const std::vector<std::string> kNames = {"天津大学", "北京理工大学", "河北钢铁公司", "张三", "李四", "王五"};

inline core::Date Day(int y, unsigned m, unsigned d) { return core::MakeDate(y, m, d); }

inline std::string RandomHanText(std::mt19937& rng, int min_len, int max_len) {
  std::string s;
  const int n = std::uniform_int_distribution<int>(min_len, max_len)(rng);
  for (int i = 0; i < n; ++i) {
    const int r = static_cast<int>(rng() % 14);
    if (r < 10) {
      s += kHan[static_cast<size_t>(r)];
    } else if (r < 12) {
      s += " " + kWords[rng() % kWords.size()] + " ";
    } else {
      s += "，";
    }
  }
  return s;
}

inline core::Patent RandomPatent(std::mt19937& rng, int i) {
  core::Patent p;
  p.application_number = "2020" + std::to_string(100000 + i);
  p.publication_number = "CN" + std::to_string(100000 + i) + "A";
  p.type = static_cast<core::PatentType>(rng() % 3);
  p.title_zh = RandomHanText(rng, 2, 8);
  p.abstract_zh = RandomHanText(rng, 0, 40);
  p.first_claim = RandomHanText(rng, 0, 20);
  for (unsigned k = rng() % 3; k > 0; --k) p.applicants.push_back({kNames[rng() % 3], std::nullopt});
  for (unsigned k = rng() % 3; k > 0; --k) p.inventors.push_back(kNames[3 + rng() % 3]);
  p.region_code = kRegions[rng() % kRegions.size()];
  for (unsigned k = rng() % 3; k > 0; --k) p.ipc.push_back(kIpc[rng() % kIpc.size()]);
  p.filing_date = Day(2005 + static_cast<int>(rng() % 18), 1 + rng() % 12, 1 + rng() % 28);
  if (rng() % 3) p.publication_date = core::AddDays(*p.filing_date, 540);
  if (rng() % 2) {
    p.grant_date = core::AddDays(*p.filing_date, 400 + static_cast<int32_t>(rng() % 900));
    core::LegalEvent e;
    e.kind = core::EventKind::kGrant;
    e.date = *p.grant_date;
    p.events.push_back(e);
    if (rng() % 3 == 0) {
      core::LegalEvent s;
      s.kind = core::EventKind::kSurrender;
      s.date = core::AddDays(*p.grant_date, 700);
      p.events.push_back(s);
    }
  }
  return p;
}

// Term → positions per field, the way the builder reads the fields.
struct BruteDoc {
  std::map<std::string, std::vector<uint32_t>> field[index::kFieldCount];
};

inline BruteDoc Tokenize(const core::Patent& p) {
  BruteDoc d;
  index::Tokenizer tok;
  for (int f = 0; f < index::kFieldCount; ++f) {
    std::vector<std::string> values;
    if (f == 3) {
      for (const auto& a : p.applicants) values.push_back(a.name);
    } else if (f == 4) {
      values = p.inventors;
    } else {
      values.push_back(index::FieldText(p, f));
    }
    uint32_t pos = 0;
    for (const auto& v : values) {
      pos = tok.Tokenize(v, index::TokenizeMode::kIndex,
                         [&](const index::Token& t) { d.field[f][std::string(t.term)].push_back(t.position); }, pos) + 100;
    }
  }
  return d;
}

inline bool BruteText(const index::TextNode& t, const BruteDoc& d) {
  for (int f = 0; f < index::kFieldCount; ++f) {
    if (!(t.fields & (1u << f))) continue;
    const auto& terms = d.field[f];
    if (t.match == index::TextMatch::kPrefix) {
      for (auto it = terms.lower_bound(t.tokens[0].term); it != terms.end() && it->first.starts_with(t.tokens[0].term); ++it) {
        return true;
      }
      continue;
    }
    auto first = terms.find(t.tokens[0].term);
    if (first == terms.end()) continue;
    for (uint32_t p : first->second) {
      bool all = true;
      for (size_t i = 1; i < t.tokens.size() && all; ++i) {
        auto it = terms.find(t.tokens[i].term);
        const uint32_t want = p + t.tokens[i].position - t.tokens[0].position;
        all = it != terms.end() && std::count(it->second.begin(), it->second.end(), want) > 0;
      }
      if (all) return true;
    }
  }
  return false;
}

inline bool BruteMatch(const index::Node& n, const core::Patent& p, const BruteDoc& d, core::Date as_of) {
  using index::NodeKind;
  switch (n.kind) {
    case NodeKind::kAnd:
      for (const auto& c : n.children) {
        if (!BruteMatch(c, p, d, as_of)) return false;
      }
      return true;
    case NodeKind::kOr:
      for (const auto& c : n.children) {
        if (BruteMatch(c, p, d, as_of)) return true;
      }
      return false;
    case NodeKind::kNot: return !BruteMatch(n.children[0], p, d, as_of);
    case NodeKind::kText: return BruteText(n.text(), d);
    case NodeKind::kDate: {
      const auto& v = n.date().field == index::DateField::kFiling ? p.filing_date
                      : n.date().field == index::DateField::kPublication ? p.publication_date : p.grant_date;
      return v && (!n.date().from || *v >= *n.date().from) && (!n.date().to || *v <= *n.date().to);
    }
    case NodeKind::kIpc:
      for (const auto& c : p.ipc) {
        auto code = core::ParseIpcCode(c);
        if (code && core::IpcMatchesPrefix(*code, n.ipc().prefix)) return true;
      }
      return false;
    case NodeKind::kRegion: return !p.region_code.empty() && p.region_code.starts_with(n.region().prefix);
    case NodeKind::kType: return p.type == n.type().type;
    case NodeKind::kStatus: return n.status().Has(core::LegalStatusOn(p, n.status().on.value_or(as_of)));
  }
  return false;
}

// A random query string over the corpus vocabulary, `depth` levels of operators at most.
inline std::string RandomQuery(std::mt19937& rng, int depth) {
  const int r = static_cast<int>(rng() % 10);
  if (depth > 0 && r < 4) {
    const char* op = r < 2 ? " AND " : r < 3 ? " OR " : " AND NOT ";
    return "(" + RandomQuery(rng, depth - 1) + op + RandomQuery(rng, depth - 1) + ")";
  }
  auto han = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += kHan[rng() % kHan.size()];
    return s;
  };
  switch (rng() % 16) {
    case 0: return han(1);
    case 1: return han(2);
    case 2: return han(3);
    case 3: return "TI=" + han(2);
    case 4: return "AB=" + han(2);
    case 5: return "\"" + han(2) + " " + han(1) + han(1) + "\"";
    case 6: return kWords[rng() % kWords.size()];
    case 7: return std::string(rng() % 2 ? "batt*" : "li*");
    case 8: return std::string(rng() % 2 ? "PA=天津" : "IN=张三");
    case 9: return std::string(rng() % 2 ? "IPC=H01M" : rng() % 2 ? "IPC=H01M 10/05" : "IPC=G");
    case 10: return std::string(rng() % 2 ? "AD>=2012-01-01" : "AD=[2008 TO 2015]");
    case 11: return std::string(rng() % 2 ? "GD<2018" : "PD>=2016-06-01");
    case 12: return std::string(rng() % 2 ? "region=13" : rng() % 2 ? "region=130102" : "region=BJ");
    case 13: return std::string(rng() % 2 ? "type=invention" : "type=design");
    case 14: return std::string(rng() % 2 ? "status=valid@2019-01-01" : "status=in_force");
    default: return std::string(rng() % 2 ? "status=pending@2012-06-01" : "status=surrendered");
  }
}

}  // namespace ipa::testing
