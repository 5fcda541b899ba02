#include "service/demo_patents.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "core/patent_number.hpp"
#include "core/tsv.hpp"
#include "service/demo_patent_deals.hpp"
#include "service/demo_patent_events.hpp"
#include "service/demo_patent_parties.hpp"
#include "service/demo_patent_tables.hpp"
#include "service/demo_patent_text.hpp"
#include "service/demo_patent_vocab.hpp"

namespace ipa::service {
namespace {

using core::Date;
using core::PatentType;
using namespace demo;

int TypeDigitOf(PatentType t) {
  return static_cast<int>(t) + 1;
}  // 1 invention, 2 utility, 3 design

std::string ZeroPadded(uint64_t value, size_t width) {
  std::string s = std::to_string(value);
  return s.size() >= width ? s : std::string(width - s.size(), '0') + s;
}

// Application and publication serial numbers, in date order: each (type, filing day) and each
// (type, gazette week) has its own block of serials, so numbers rise with dates and never
// collide while a block is not full (see the capacities below).
class Numbering {
 public:
  Numbering()
      : first_day_(core::MakeDate(kFirstFilingYear, 1, 1)),
        new_format_(core::MakeDate(2003, 10, 1)),
        nine_digits_(core::MakeDate(2007, 7, 1)),
        old_base_(core::MakeDate(1985, 4, 1)),
        apps_(3 * kDays, 0),
        pubs_old_(3 * kOldWeeks, 0),
        pubs_new_(3 * kNewWeeks, 0) {}

  // "201710601862.3" (12 digits since 2003-10-01) or "95115608.X" (8 digits before).
  std::string Application(PatentType type, Date filing) {
    const int t = static_cast<int>(type);
    const int day = std::clamp(filing.days - first_day_.days, 0, kDays - 1);
    const uint32_t n = apps_[static_cast<size_t>(t * kDays + day)]++;
    int year;
    unsigned month, dom;
    core::SplitDate(filing, year, month, dom);
    const auto day_of_year = static_cast<uint64_t>(filing.days - core::MakeDate(year, 1, 1).days);
    const uint64_t block = static_cast<uint64_t>(t * kDays + day);
    std::string digits;
    if (filing < new_format_) {
      digits = ZeroPadded(static_cast<uint64_t>(year % 100), 2) +
               std::to_string(TypeDigitOf(type)) +
               ZeroPadded(day_of_year * 273 + Spread(n, block, 273, 100), 5);
    } else {
      digits = std::to_string(year) + std::to_string(TypeDigitOf(type)) +
               ZeroPadded(day_of_year * 27000 + Spread(n, block, 27000, 7919), 7);
    }
    return digits + "." + core::ApplicationCheckChar(digits);
  }

  // "CN" + serial for a document published on `date`: 9 digits from July 2007, 7 before.
  std::string PublicationSerial(PatentType type, Date date) {
    const int t = static_cast<int>(type);
    const uint64_t digit = static_cast<uint64_t>(TypeDigitOf(type));
    if (date >= nine_digits_) {
      const int week = std::clamp((date.days - nine_digits_.days) / 7, 0, kNewWeeks - 1);
      const auto block = static_cast<size_t>(t * kNewWeeks + week);
      const uint32_t n = pubs_new_[block]++;
      return "CN" +
             std::to_string(digit * 100'000'000 + 1'000'000 + static_cast<uint64_t>(week) * 50'000 +
                            Spread(n, block, 50'000, 7919));
    }
    const int week = std::clamp((date.days - old_base_.days) / 7, 0, kOldWeeks - 1);
    const auto block = static_cast<size_t>(t * kOldWeeks + week);
    const uint32_t n = pubs_old_[block]++;
    return "CN" + std::to_string(digit * 1'000'000 + 10'000 + static_cast<uint64_t>(week) * 800 +
                                 Spread(n, block, 800, 337));
  }

 private:
  // The n-th number of a block of `size`: a permutation of 0..size-1 (`stride` is coprime
  // with `size`), so numbers inside a day or week do not all start at zero.
  static uint64_t Spread(uint32_t n, uint64_t block, uint64_t size, uint64_t stride) {
    return (n % size * stride + Mix(block, size) % size) % size;
  }
  static constexpr int kDays = 366 * (kLastFilingYear - kFirstFilingYear + 1);
  static constexpr int kOldWeeks = 1162;  // 1985-04 .. 2007-06
  static constexpr int kNewWeeks = 1700;  // 2007-07 .. 2039
  Date first_day_, new_format_, nine_digits_, old_base_;
  std::vector<uint32_t> apps_, pubs_old_, pubs_new_;
};

// The grant publication's kind code: B/U/S, except C/Y/D from 1993 to June 2004.
char GrantKind(PatentType type, Date published) {
  const bool cyd =
      published >= core::MakeDate(1993, 1, 1) && published < core::MakeDate(2004, 7, 1);
  switch (type) {
    case PatentType::kInvention:
      return cyd ? 'C' : 'B';
    case PatentType::kUtilityModel:
      return cyd ? 'Y' : 'U';
    case PatentType::kDesign:
      return cyd ? 'D' : 'S';
  }
  return 'B';
}

// IPC subclasses with their groups, and the subclasses of each vocabulary field.
struct IpcIndex {
  struct Entry {
    std::string subclass;
    std::vector<std::string> groups;
    int field = 0;
  };
  std::vector<Entry> entries;
  WeightedPicker picker;
  std::vector<std::vector<size_t>> by_field;
};

IpcIndex BuildIpcIndex(const Vocab& vocab) {
  IpcIndex index;
  index.by_field.resize(vocab.FieldCount());
  for (const IpcSubclass& s : IpcSubclasses()) {
    IpcIndex::Entry e{std::string(s.subclass), {}, vocab.FieldIndex(s.field)};
    for (std::string_view g : core::Split(s.groups, ' ')) e.groups.emplace_back(g);
    index.by_field[static_cast<size_t>(e.field)].push_back(index.entries.size());
    index.entries.push_back(std::move(e));
    index.picker.Add(s.weight);
  }
  return index;
}

class Generator {
 public:
  explicit Generator(const DemoPatentOptions& options)
      : options_(options),
        vocab_(Vocab::Get()),
        parties_(options.seed, options.members),
        ipc_(BuildIpcIndex(vocab_)) {
    for (int y = kFirstFilingYear; y <= kLastFilingYear; ++y) years_.Add(FilingYearWeight(y));
    for (const FieldWeight& f : DesignFields()) {
      design_fields_.push_back(vocab_.FieldIndex(f.field));
      design_picker_.Add(f.weight);
    }
  }

  core::Patent Make(int64_t index);

 private:
  int Classify(DemoRng& rng, core::Patent& p);
  void AddApplicants(DemoRng& rng, const Party& first, int field, core::Patent& p);
  void Number(const LifeResult& life, core::Patent& p);

  const DemoPatentOptions& options_;
  const Vocab& vocab_;
  Parties parties_;
  IpcIndex ipc_;
  WeightedPicker years_, design_picker_;
  std::vector<int> design_fields_;
  Numbering numbering_;
  PatentText text_;
};

// Main IPC code by the weight table, then up to three more, mostly from the same field.
int Generator::Classify(DemoRng& rng, core::Patent& p) {
  const size_t main = ipc_.picker.Pick(rng);
  const IpcIndex::Entry& m = ipc_.entries[main];
  p.ipc.push_back(m.subclass + " " + rng.Pick(m.groups));
  const double r = rng.Unit();
  const int extra = r < 0.35 ? 0 : r < 0.70 ? 1 : r < 0.90 ? 2 : 3;
  for (int i = 0; i < extra; ++i) {
    const double q = rng.Unit();
    const auto& same_field = ipc_.by_field[static_cast<size_t>(m.field)];
    const IpcIndex::Entry& e = q < 0.5    ? m
                               : q < 0.85 ? ipc_.entries[rng.Pick(same_field)]
                                          : ipc_.entries[ipc_.picker.Pick(rng)];
    std::string code = e.subclass + " " + rng.Pick(e.groups);
    if (std::find(p.ipc.begin(), p.ipc.end(), code) == p.ipc.end()) {
      p.ipc.push_back(std::move(code));
    }
  }
  return m.field;
}

void Generator::AddApplicants(DemoRng& rng, const Party& first, int field, core::Patent& p) {
  p.applicants.push_back({first.name, first.org_id});
  if (first.kind == PartyKind::kIndividual || !rng.Chance(0.05)) return;
  // Joint applications: research with industry, Beijing research often with Tianjin or Hebei.
  int province = first.place->province;
  if (IsResearch(first) && parties_.IsBeijing(province) && rng.Chance(0.4)) {
    province = rng.Chance(0.5) ? parties_.Tianjin() : parties_.Hebei();
  }
  const Party co = first.kind == PartyKind::kCompany && rng.Chance(0.5)
                       ? parties_.University(rng, province)
                       : parties_.Company(rng, province, field, 0.2);
  if (co.name != first.name) p.applicants.push_back({co.name, co.org_id});
}

void Generator::Number(const LifeResult& life, core::Patent& p) {
  const std::optional<Date> first =
      p.type == PatentType::kInvention ? life.publication : life.grant;
  if (!first) return;
  const std::string serial = numbering_.PublicationSerial(p.type, *first);
  p.publication_date = first;
  p.publication_number =
      serial + (p.type == PatentType::kInvention ? 'A' : GrantKind(p.type, *first));
  if (life.grant) p.grant_number = serial + GrantKind(p.type, *life.grant);
}

core::Patent Generator::Make(int64_t index) {
  DemoRng rng(Mix(options_.seed, static_cast<uint64_t>(index)));
  core::Patent p;
  p.source = "demo";
  const int year = kFirstFilingYear + static_cast<int>(years_.Pick(rng));
  const auto shares = TypeShares(year);
  const double t = rng.Unit();
  p.type = t < shares[0]               ? PatentType::kInvention
           : t < shares[0] + shares[1] ? PatentType::kUtilityModel
                                       : PatentType::kDesign;
  const Date jan1 = core::MakeDate(year, 1, 1);
  const Date filing = std::min(
      core::AddDays(jan1, rng.Between(0, core::MakeDate(year + 1, 1, 1).days - jan1.days - 1)),
      options_.as_of);
  p.filing_date = filing;
  const int field =
      p.type == PatentType::kDesign ? design_fields_[design_picker_.Pick(rng)] : Classify(rng, p);
  const int province = parties_.PickProvince(rng);
  const Party applicant = parties_.Applicant(rng, province, p.type, field);
  const double english = p.type == PatentType::kInvention      ? 0.3
                         : p.type == PatentType::kUtilityModel ? 0.1
                                                               : 0.05;
  ComposeText(rng, field, p.type, rng.Chance(english), text_);
  p.title_zh = std::move(text_.title_zh);
  p.title_en = std::move(text_.title_en);
  p.abstract_zh = std::move(text_.abstract_zh);
  p.abstract_en = std::move(text_.abstract_en);
  p.first_claim = std::move(text_.first_claim);
  AddApplicants(rng, applicant, field, p);
  parties_.Inventors(rng, applicant, p.inventors);
  p.applicant_address = parties_.Address(applicant, rng);
  p.region_code = applicant.place->code;
  p.region_rule = core::RegionRule::kProvinceCode;
  parties_.Agency(rng, applicant, p);
  p.application_number = numbering_.Application(p.type, filing);
  const LifeContext ctx{p.type, filing, options_.as_of, &applicant, field};
  const LifeResult life = BuildLegalHistory(rng, parties_, ctx, p.events);
  p.grant_date = life.grant;
  p.examination_request_date = life.exam_request;
  p.source_status = life.status;
  Number(life, p);
  return p;
}

std::vector<DemoShare> Normalised(std::map<std::string, double> weights) {
  double total = 0;
  for (const auto& [k, w] : weights) total += w;
  std::vector<DemoShare> out;
  for (const auto& [k, w] : weights) out.push_back({k, w / total});
  return out;
}

}  // namespace

void GenerateDemoPatents(const DemoPatentOptions& options,
                         const std::function<void(core::Patent&&)>& sink) {
  Generator generator(options);
  for (int64_t i = 0; i < options.count; ++i) sink(generator.Make(i));
}

std::vector<DemoShare> DemoTypeTargets() {
  std::array<double, 3> sum{};
  for (int y = kFirstFilingYear; y <= kLastFilingYear; ++y) {
    const auto s = TypeShares(y);
    for (size_t i = 0; i < 3; ++i) sum[i] += FilingYearWeight(y) * s[i];
  }
  return Normalised({{"invention", sum[0]}, {"utility_model", sum[1]}, {"design", sum[2]}});
}

std::vector<DemoShare> DemoProvinceTargets() {
  std::vector<DemoShare> out;
  for (const ProvinceInfo& p : Provinces()) out.push_back({std::string(p.code), p.share});
  return out;
}

std::vector<DemoShare> DemoIpcSectionTargets() {
  std::map<std::string, double> weights;
  for (const IpcSubclass& s : IpcSubclasses())
    weights[std::string(s.subclass.substr(0, 1))] += s.weight;
  return Normalised(std::move(weights));
}

std::vector<DemoShare> DemoFilingYearTargets() {
  std::map<std::string, double> weights;
  for (int y = kFirstFilingYear; y <= kLastFilingYear; ++y)
    weights[std::to_string(y)] = FilingYearWeight(y);
  return Normalised(std::move(weights));
}

size_t DemoVocabularySize() { return Vocab::Get().RowCount(); }

}  // namespace ipa::service
