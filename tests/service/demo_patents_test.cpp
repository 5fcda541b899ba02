// The demo patent corpus: determinism, valid numbers and dates, the status the legal-status
// engine computes, and the distributions it promises (types, provinces, IPC sections, the
// Beijing → Tianjin/Hebei technology flow).
#include "service/demo_patents.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/ipc_code.hpp"
#include "core/legal_status.hpp"
#include "core/patent_number.hpp"
#include "core/region.hpp"
#include "core/text.hpp"
#include "service/demo_data.hpp"

namespace ipa::service {
namespace {

using core::EventKind;
using core::Patent;
using core::PatentType;

constexpr int64_t kCorpusSize = 20000;

std::vector<DemoApplicant> Members() {
  std::vector<DemoApplicant> out;
  int64_t id = 1;
  for (const core::Organization& o : GenerateDemoOrganizations(2016)) {
    out.push_back({core::OrgId{id++}, o.name_zh, o.region_code, o.type});
  }
  return out;
}

DemoPatentOptions Options(int64_t count, uint64_t seed) {
  DemoPatentOptions o;
  o.count = count;
  o.seed = seed;
  o.members = Members();
  return o;
}

std::vector<Patent> Generate(const DemoPatentOptions& options) {
  std::vector<Patent> out;
  out.reserve(static_cast<size_t>(options.count));
  GenerateDemoPatents(options, [&](Patent&& p) { out.push_back(std::move(p)); });
  return out;
}

const std::vector<Patent>& Corpus() {
  static const std::vector<Patent> corpus = Generate(Options(kCorpusSize, 2016));
  return corpus;
}

// Every field of a record, so that two records compare equal only when they are identical.
std::string Fingerprint(const Patent& p) {
  std::ostringstream s;
  auto date = [](const std::optional<core::Date>& d) { return d ? core::FormatDate(*d) : "-"; };
  s << p.application_number << '|' << p.publication_number << '|' << p.grant_number << '|'
    << static_cast<int>(p.type) << '|' << p.title_zh << '|' << p.title_en << '|' << p.abstract_zh
    << '|' << p.abstract_en << '|' << p.first_claim << '|' << p.applicant_address << '|'
    << p.region_code << '|' << p.agency << '|' << date(p.filing_date) << '|'
    << date(p.publication_date) << '|' << date(p.grant_date) << '|'
    << date(p.examination_request_date) << '|' << p.source_status;
  for (const auto& v : {p.ipc, p.inventors, p.agents}) {
    for (const std::string& x : v) s << '|' << x;
  }
  for (const auto& a : p.applicants) s << '|' << a.name << '#' << (a.org_id ? a.org_id->value : 0);
  for (const auto& e : p.events) {
    s << '|' << static_cast<int>(e.kind) << ',' << e.date.days << ',' << e.patent_year << ','
      << e.days << ',' << e.from << ',' << e.to << ',' << e.licensee << ',' << e.territory;
  }
  return s.str();
}

// The check character, computed here independently of core::ApplicationCheckChar.
char CheckChar(std::string_view digits) {
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) sum += (digits[i] - '0') * static_cast<int>(2 + i % 8);
  const int c = sum % 11;
  return c == 10 ? 'X' : static_cast<char>('0' + c);
}

// Binomial tolerance: four standard errors of a share `p` estimated from `n` records.
double Tolerance(double p, size_t n) {
  return 4 * std::sqrt(p * (1 - p) / static_cast<double>(n)) + 0.002;
}

template <class Count>
void ExpectShares(const std::vector<DemoShare>& targets, const std::map<std::string, Count>& counts,
                  size_t n, const char* what) {
  for (const DemoShare& t : targets) {
    const auto it = counts.find(t.key);
    const double observed =
        it == counts.end() ? 0.0 : static_cast<double>(it->second) / static_cast<double>(n);
    EXPECT_NEAR(observed, t.share, Tolerance(t.share, n)) << what << " " << t.key;
  }
}

TEST(DemoPatents, SameSeedSameRecordsAndPrefixIndependentOfCount) {
  const auto a = Generate(Options(1000, 99));
  const auto b = Generate(Options(1000, 99));
  const auto longer = Generate(Options(1500, 99));
  ASSERT_EQ(a.size(), 1000u);
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(Fingerprint(a[i]), Fingerprint(b[i])) << i;
    ASSERT_EQ(Fingerprint(a[i]), Fingerprint(longer[i])) << i;
  }
  const auto other = Generate(Options(1000, 100));
  int same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += Fingerprint(a[i]) == Fingerprint(other[i]) ? 1 : 0;
  EXPECT_EQ(same, 0);
}

TEST(DemoPatents, ApplicationNumbersAreValidUniqueAndMatchTypeAndDate) {
  std::set<std::string> seen;
  const core::Date new_format = core::MakeDate(2003, 10, 1);
  for (const Patent& p : Corpus()) {
    const std::string& n = p.application_number;
    ASSERT_TRUE(seen.insert(n).second) << "duplicate " << n;
    const size_t dot = n.find('.');
    ASSERT_NE(dot, std::string::npos) << n;
    const std::string digits = n.substr(0, dot);
    ASSERT_EQ(n.size(), dot + 2) << n;
    EXPECT_EQ(n[dot + 1], CheckChar(digits)) << n;
    auto parsed = core::ParseApplicationNumber(n);
    ASSERT_TRUE(parsed.has_value()) << n << ": " << parsed.error().message;
    EXPECT_EQ(parsed->Normalised(), n);
    EXPECT_EQ(parsed->type, p.type) << n;
    int year;
    unsigned month, day;
    core::SplitDate(*p.filing_date, year, month, day);
    EXPECT_EQ(parsed->year, year) << n;
    EXPECT_EQ(digits.size(), *p.filing_date < new_format ? 8u : 12u) << n;
  }
}

TEST(DemoPatents, PublicationNumbersCarryKindCodesOfTheirDateAndType) {
  std::set<std::string> serials;
  for (const Patent& p : Corpus()) {
    if (p.publication_number.empty()) {
      EXPECT_FALSE(p.publication_date.has_value());
      EXPECT_FALSE(p.grant_date.has_value());
      continue;
    }
    auto pub = core::ParsePublicationNumber(p.publication_number);
    ASSERT_TRUE(pub.has_value()) << p.publication_number;
    ASSERT_TRUE(serials.insert(pub->serial).second) << "duplicate " << p.publication_number;
    EXPECT_EQ(pub->serial.size(), *p.publication_date >= core::MakeDate(2007, 7, 1) ? 9u : 7u);
    auto kind = core::MapKind(pub->kind, p.publication_date);
    ASSERT_TRUE(kind.has_value());
    EXPECT_EQ(kind->type, p.type) << p.publication_number;
    EXPECT_TRUE(kind->expected_for_date) << p.publication_number;
    if (p.grant_date) {
      auto grant = core::ParsePublicationNumber(p.grant_number);
      ASSERT_TRUE(grant.has_value()) << p.grant_number;
      EXPECT_EQ(grant->serial, pub->serial);
      auto meaning = core::MapKind(grant->kind, p.grant_date);
      ASSERT_TRUE(meaning.has_value());
      EXPECT_TRUE(meaning->expected_for_date) << p.grant_number;
      EXPECT_NE(meaning->stage, core::PublicationStage::kApplication) << p.grant_number;
    } else {
      EXPECT_TRUE(p.grant_number.empty());
    }
  }
}

TEST(DemoPatents, DatesAreConsistentAndEventsAscend) {
  const core::Date as_of = DemoPatentOptions{}.as_of;
  for (const Patent& p : Corpus()) {
    const core::Date f = *p.filing_date;
    EXPECT_GE(f, core::MakeDate(1990, 1, 1));
    EXPECT_LE(f, core::MakeDate(2025, 12, 31));
    if (p.publication_date) {
      EXPECT_GE(*p.publication_date, f) << p.application_number;
    }
    if (p.grant_date) {
      EXPECT_GE(*p.grant_date, f) << p.application_number;
      EXPECT_GE(*p.grant_date, *p.publication_date) << p.application_number;
      EXPECT_LE(*p.grant_date, as_of);
    }
    if (p.examination_request_date) {
      EXPECT_GE(*p.examination_request_date, f);
      for (const auto& e : p.events) {
        if (e.kind == EventKind::kGrant || e.kind == EventKind::kRejection ||
            e.kind == EventKind::kWithdrawal) {
          EXPECT_LE(*p.examination_request_date, e.date) << p.application_number;
        }
      }
    }
    for (size_t i = 0; i < p.events.size(); ++i) {
      EXPECT_GE(p.events[i].date, f) << p.application_number;
      EXPECT_LE(p.events[i].date, as_of) << p.application_number;
      if (i > 0) {
        EXPECT_GE(p.events[i].date, p.events[i - 1].date) << p.application_number;
      }
    }
  }
}

// The status text the generator writes (法律状态) is what the legal-status engine computes.
TEST(DemoPatents, StatusTextAgreesWithTheLegalStatusEngine) {
  using core::LegalStatus;
  const std::map<std::string, std::set<LegalStatus>> expected = {
      {"有效", {LegalStatus::kValid, LegalStatus::kValidGrace}},
      {"未缴年费专利权终止", {LegalStatus::kLapsedRestorable, LegalStatus::kLapsed}},
      {"专利权有效期届满", {LegalStatus::kExpired}},
      {"专利权人放弃", {LegalStatus::kSurrendered}},
      {"专利权全部无效", {LegalStatus::kInvalidated}},
      {"驳回", {LegalStatus::kRejected}},
      {"撤回", {LegalStatus::kWithdrawn}},
      {"审中", {LegalStatus::kPending}},
      {"公开", {LegalStatus::kPending}},
      {"实质审查", {LegalStatus::kPending}},
  };
  const core::Date as_of = DemoPatentOptions{}.as_of;
  std::map<std::string, int> seen;
  for (const Patent& p : Corpus()) {
    const auto it = expected.find(p.source_status);
    ASSERT_NE(it, expected.end()) << p.source_status;
    const LegalStatus s = core::LegalStatusOn(p, as_of);
    EXPECT_TRUE(it->second.count(s))
        << p.application_number << " " << p.source_status << " vs " << core::LegalStatusName(s);
    ++seen[p.source_status];
  }
  for (const auto& [text, statuses] : expected) EXPECT_GT(seen[text], 0) << text;
}

TEST(DemoPatents, ClassificationRegionAndTextAreWellFormed) {
  size_t abstracts = 0, in_range = 0;
  for (const Patent& p : Corpus()) {
    if (p.type == PatentType::kDesign) {
      EXPECT_TRUE(p.ipc.empty());
      EXPECT_TRUE(p.first_claim.empty());
      EXPECT_NE(p.abstract_zh.find("本外观设计产品的名称"), std::string::npos);
    } else {
      ASSERT_GE(p.ipc.size(), 1u);
      EXPECT_LE(p.ipc.size(), 4u);
      for (const std::string& code : p.ipc) {
        auto parsed = core::ParseIpcCode(code);
        ASSERT_TRUE(parsed.has_value()) << code;
        EXPECT_EQ(parsed->Normalised(), code);
        EXPECT_EQ(parsed->level, core::IpcLevel::kSubgroup) << code;
      }
      EXPECT_TRUE(p.title_zh.starts_with("一种")) << p.title_zh;
      EXPECT_TRUE(p.first_claim.starts_with("1. 一种")) << p.first_claim;
      EXPECT_NE(p.first_claim.find("其特征在于"), std::string::npos);
      const size_t n = core::Utf8Length(p.abstract_zh);
      ++abstracts;
      in_range += n >= 150 && n <= 240 ? 1 : 0;
    }
    EXPECT_TRUE(core::IsValidUtf8(p.title_zh + p.abstract_zh + p.first_claim));
    ASSERT_FALSE(p.applicants.empty());
    ASSERT_FALSE(p.inventors.empty());
    EXPECT_TRUE(core::ValidateRegionCode(p.region_code, "region_code").has_value())
        << p.region_code;
    const std::string province = p.region_code.substr(0, 2) + "0000";
    const bool jjj = p.region_code.starts_with("11") || p.region_code.starts_with("12") ||
                     p.region_code.starts_with("13");
    EXPECT_EQ(jjj, p.region_code != province) << p.region_code;  // districts in Jing-Jin-Ji
    EXPECT_TRUE(p.applicant_address.starts_with(core::FindRegion(province)->name))
        << p.applicant_address;
    EXPECT_EQ(p.region_rule, core::RegionRule::kProvinceCode);
  }
  EXPECT_GT(static_cast<double>(in_range), 0.95 * static_cast<double>(abstracts));
}

TEST(DemoPatents, TypesProvincesAndYearsFollowTheTargets) {
  const auto& corpus = Corpus();
  std::map<std::string, int> types, provinces, years;
  for (const Patent& p : corpus) {
    ++types[std::string(core::PatentTypeName(p.type))];
    ++provinces[p.region_code.substr(0, 2) + "0000"];
    int y;
    unsigned m, d;
    core::SplitDate(*p.filing_date, y, m, d);
    ++years[std::to_string(y)];
  }
  ExpectShares(DemoTypeTargets(), types, corpus.size(), "type");
  ExpectShares(DemoProvinceTargets(), provinces, corpus.size(), "province");
  ExpectShares(DemoFilingYearTargets(), years, corpus.size(), "filing year");
  EXPECT_EQ(provinces.size(), 31u);  // every mainland province is present
  const double jjj =
      (provinces["110000"] + provinces["120000"] + provinces["130000"]) / double(corpus.size());
  EXPECT_NEAR(jjj, 0.40, 0.02);
  // Designs peaked around 2005-2010; utility models dominate after 2018.
  std::map<int, std::array<int, 3>> by_year;
  for (const Patent& p : corpus) {
    int y;
    unsigned m, d;
    core::SplitDate(*p.filing_date, y, m, d);
    ++by_year[y < 2013 ? 2005 : 2020][static_cast<size_t>(p.type)];
  }
  EXPECT_GT(by_year[2005][2] * by_year[2020][1], by_year[2020][2] * by_year[2005][1]);
}

std::map<std::string, int> MainSections(size_t& n) {
  std::map<std::string, int> sections;
  n = 0;
  for (const Patent& p : Corpus()) {
    if (p.ipc.empty()) continue;
    ++sections[p.ipc[0].substr(0, 1)];
    ++n;
  }
  return sections;
}

TEST(DemoPatents, IpcSectionsFollowTheWeightTable) {
  size_t n = 0;
  const auto sections = MainSections(n);
  ExpectShares(DemoIpcSectionTargets(), sections, n, "IPC section");
}

// Reads "code,count,ratio,..." rows of the cn-ipc-benchmark distribution files.
std::map<std::string, double> ReadBenchmark(const std::string& file) {
  std::map<std::string, double> out;
  std::ifstream in(std::string(IPA_SOURCE_DIR) + "/../shared/data/cn-ipc-benchmark/" + file);
  std::string line;
  std::getline(in, line);  // header (with a UTF-8 BOM)
  while (std::getline(in, line)) {
    const size_t a = line.find(','), b = line.find(',', a + 1), c = line.find(',', b + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    out[line.substr(0, a)] = std::stod(line.substr(b + 1, c - b - 1));
  }
  return out;
}

// The benchmark holds the IPC of 9,867 real Chinese invention (A/B) and utility-model (U)
// publications, one main classification each. A section share p estimated from 9,867 records
// has a standard error of at most 0.5 points, this corpus's sample (~16,000 records with IPC)
// at most 0.4: two points covers three combined standard errors plus the rounding of the table.
TEST(DemoPatents, IpcSectionsMatchTheRealChineseBenchmark) {
  const auto benchmark = ReadBenchmark("ipc_level_1_distribution.csv");
  if (benchmark.empty()) GTEST_SKIP() << "../shared/data/cn-ipc-benchmark is not present";
  size_t n = 0;
  auto sections = MainSections(n);
  ASSERT_EQ(benchmark.size(), 8u);
  for (const auto& [section, share] : benchmark) {
    EXPECT_NEAR(sections[section] / double(n), share, 0.02) << section;
  }
  // The fifteen most frequent subclasses (together 39%), within one point each: five standard
  // errors of the largest (G06F, 6.5%).
  const auto subclasses = ReadBenchmark("ipc_level_3_distribution.csv");
  std::vector<std::pair<double, std::string>> top;
  for (const auto& [code, share] : subclasses) top.emplace_back(share, code);
  std::sort(top.rbegin(), top.rend());
  std::map<std::string, int> ours;
  for (const Patent& p : Corpus()) {
    if (!p.ipc.empty()) ++ours[p.ipc[0].substr(0, 4)];
  }
  for (size_t i = 0; i < 15 && i < top.size(); ++i) {
    EXPECT_NEAR(ours[top[i].second] / double(n), top[i].first, 0.01) << top[i].second;
  }
}

bool IsResearch(std::string_view name) {
  return name.find("大学") != std::string_view::npos ||
         name.find("学院") != std::string_view::npos ||
         name.find("研究院") != std::string_view::npos ||
         name.find("研究所") != std::string_view::npos;
}

bool InTianjinOrHebei(std::string_view name) {
  static const char* kPrefixes[] = {"天津", "河北",   "石家庄", "唐山", "秦皇岛", "邯郸", "邢台",
                                    "保定", "张家口", "承德",   "沧州", "廊坊",   "衡水"};
  for (const char* prefix : kPrefixes) {
    if (name.starts_with(prefix)) return true;
  }
  return false;
}

TEST(DemoPatents, BeijingResearchFlowsToTianjinAndHebeiCompanies) {
  int research_to_company = 0, beijing_to_jinji = 0, licences_to_jinji = 0, company_transfers = 0;
  for (const Patent& p : Corpus()) {
    const bool beijing = p.region_code.starts_with("11");
    for (const auto& e : p.events) {
      const bool own = e.from == p.applicants[0].name;
      if (e.kind == EventKind::kLicence && own && beijing && IsResearch(e.from) &&
          InTianjinOrHebei(e.licensee)) {
        ++licences_to_jinji;
      }
      if (e.kind != EventKind::kTransfer) continue;
      if (!IsResearch(e.from)) {
        ++company_transfers;
        continue;
      }
      if (IsResearch(e.to)) continue;
      ++research_to_company;
      if (own && beijing && InTianjinOrHebei(e.to)) ++beijing_to_jinji;
    }
  }
  EXPECT_GT(beijing_to_jinji, 50);
  EXPECT_GT(licences_to_jinji, 20);
  EXPECT_GT(company_transfers, 50);  // other transfers exist too
  EXPECT_GT(beijing_to_jinji, research_to_company / 2)
      << beijing_to_jinji << " of " << research_to_company;
}

TEST(DemoPatents, MembersHavePortfoliosAndBeijingResearchFilesInventions) {
  std::map<int64_t, std::array<int, 3>> by_member;
  for (const Patent& p : Corpus()) {
    for (const auto& a : p.applicants) {
      if (a.org_id) ++by_member[a.org_id->value][static_cast<size_t>(p.type)];
    }
  }
  int applicants = 0, with_patents = 0, beijing_research = 0;
  int64_t id = 1;
  for (const core::Organization& o : GenerateDemoOrganizations(2016)) {
    const auto counts = by_member[id++];
    if (o.type == core::OrgType::kAgency) continue;
    ++applicants;
    with_patents += counts[0] + counts[1] + counts[2] > 0 ? 1 : 0;
    if (o.region_code.starts_with("11") && o.type != core::OrgType::kCompany) {
      ++beijing_research;
      EXPECT_GT(counts[0], counts[1] + counts[2]) << o.name_zh;  // mostly inventions
      EXPECT_GE(counts[0], 15) << o.name_zh;
    }
  }
  EXPECT_GT(beijing_research, 0);
  EXPECT_GE(with_patents, applicants * 95 / 100);
}

TEST(DemoPatents, LegalHistoriesHaveRealisticRates) {
  std::array<int, 3> decided{}, granted{}, lapsed{};
  std::map<EventKind, int> kinds;
  int open_before_law = 0;
  for (const Patent& p : Corpus()) {
    int y;
    unsigned m, d;
    core::SplitDate(*p.filing_date, y, m, d);
    const auto t = static_cast<size_t>(p.type);
    if (y >= 2008 && y <= 2016) {
      ++decided[t];
      granted[t] += p.grant_date ? 1 : 0;
      if (p.grant_date) lapsed[t] += p.source_status == "未缴年费专利权终止" ? 1 : 0;
    }
    for (const auto& e : p.events) {
      ++kinds[e.kind];
      if (e.kind == EventKind::kOpenLicenceDeclared && e.date < core::MakeDate(2021, 6, 1))
        ++open_before_law;
    }
  }
  const double invention_grants = granted[0] / double(decided[0]);
  EXPECT_GT(invention_grants, 0.45);
  EXPECT_LT(invention_grants, 0.70);
  EXPECT_GT(granted[1] / double(decided[1]), 0.9);
  // Utility models stop paying sooner than inventions.
  EXPECT_GT(lapsed[1] / double(granted[1]), lapsed[0] / double(granted[0]));
  for (EventKind k :
       {EventKind::kExaminationRequest, EventKind::kGrant, EventKind::kAnnuityPaid,
        EventKind::kLapseNonPayment, EventKind::kRestoration, EventKind::kSurrender,
        EventKind::kInvalidationFull, EventKind::kTransfer, EventKind::kLicence,
        EventKind::kPledgeRegistered, EventKind::kPledgeReleased, EventKind::kOpenLicenceDeclared,
        EventKind::kRejection, EventKind::kWithdrawal, EventKind::kTermCompensation}) {
    EXPECT_GT(kinds[k], 0) << core::EventKindName(k);
  }
  EXPECT_LT(kinds[EventKind::kInvalidationFull], kinds[EventKind::kRestoration]);  // rare
  EXPECT_EQ(open_before_law, 0);
}

TEST(DemoPatents, VocabularyIsLargeEnough) { EXPECT_GT(DemoVocabularySize(), 1000u); }

// Reports the generation speed (not asserted). IPA_DEMO_PATENTS_N overrides the 100,000.
TEST(DemoPatents, ReportsGenerationSpeed) {
  const char* env = std::getenv("IPA_DEMO_PATENTS_N");
  const int64_t n = env ? std::atoll(env) : 100000;
  DemoPatentOptions options = Options(n, 7);
  size_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  GenerateDemoPatents(options,
                      [&](Patent&& p) { bytes += p.abstract_zh.size() + p.events.size(); });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("generated %lld demo patents in %.2f s: %.0f patents/s\n", static_cast<long long>(n),
              seconds, static_cast<double>(n) / seconds);
  RecordProperty("patents_per_second", static_cast<int>(static_cast<double>(n) / seconds));
  EXPECT_GT(bytes, 0u);
}

}  // namespace
}  // namespace ipa::service
