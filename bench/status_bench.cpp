// LegalStatusOn over ~1M compiled patents with varied days (target: ≥ 10 million status
// computations per second per core), plus the cost of compiling and of the reference reading.
//   ninja -C build/release status_bench && ./build/release/bench/status_bench
#include <benchmark/benchmark.h>

#include <array>
#include <random>
#include <vector>

#include "core/legal_status.hpp"

namespace ipa::core {
namespace {

constexpr size_t kPatents = size_t{1} << 20;  // 1,048,576

LegalEvent MakeEvent(EventKind kind, Date date, int patent_year = 0) {
  LegalEvent e;
  e.kind = kind;
  e.date = date;
  e.patent_year = patent_year;
  return e;
}

// A corpus like the real one: mostly granted utility models and inventions, some with annuity
// records (paid on time, in grace, or stopping), some lapsed, surrendered or invalidated.
Patent SyntheticPatent(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Patent p;
  p.type = static_cast<PatentType>(pick(0, 2));
  p.filing_date = AddDays(MakeDate(1995, 1, 1), pick(0, 30 * 365));
  const int roll = pick(0, 99);
  if (roll < 80) p.grant_date = AddDays(*p.filing_date, pick(120, 1800));
  if (roll >= 80 && roll < 85) {
    p.events.push_back(MakeEvent(EventKind::kRejection, AddDays(*p.filing_date, pick(400, 1500))));
  }
  if (!p.grant_date) return p;
  const int grant_year = PatentYearOf(*p.filing_date, *p.grant_date);
  if (pick(0, 9) < 3) {  // tracked annuities
    for (int year = grant_year + 1; year <= 20; ++year) {
      const int how = pick(0, 19);
      if (how == 0) break;
      const Date due = AnnuityDueDate(*p.filing_date, year);
      p.events.push_back(MakeEvent(EventKind::kAnnuityPaid,
                                   AddDays(due, how < 17 ? -pick(0, 60) : pick(1, 170)), year));
    }
  } else if (pick(0, 9) == 0) {
    p.events.push_back(MakeEvent(EventKind::kLapseNonPayment,
                                 PatentYearStart(*p.filing_date, grant_year + pick(1, 6))));
  }
  if (pick(0, 49) == 0) {
    p.events.push_back(MakeEvent(EventKind::kSurrender, AddDays(*p.grant_date, pick(300, 3000))));
  }
  if (pick(0, 99) == 0) {
    p.events.push_back(
        MakeEvent(EventKind::kInvalidationFull, AddDays(*p.grant_date, pick(300, 3000))));
  }
  return p;
}

struct Corpus {
  std::vector<Patent> patents;  // a sample, for the compile and reference benchmarks
  std::vector<LegalFacts> facts;
  std::vector<Date> days;
};

const Corpus& TheCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    std::mt19937 rng(42);
    c.facts.reserve(kPatents);
    c.days.reserve(kPatents);
    std::uniform_int_distribution<int> day(MakeDate(1995, 1, 1).days, MakeDate(2045, 12, 31).days);
    for (size_t i = 0; i < kPatents; ++i) {
      Patent p = SyntheticPatent(rng);
      c.facts.push_back(CompileFacts(p));
      c.days.push_back(Date{day(rng)});
      if (i < 4096) c.patents.push_back(std::move(p));
    }
    return c;
  }();
  return corpus;
}

// One status per (patent, its own day): a random walk through dates and histories.
void BM_LegalStatusOn_VariedDays(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  std::array<int64_t, kLegalStatusCount> counts{};
  for (auto _ : state) {
    for (size_t i = 0; i < kPatents; ++i)
      ++counts[static_cast<size_t>(LegalStatusOn(c.facts[i], c.days[i]))];
    benchmark::DoNotOptimize(counts.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kPatents));
  state.counters["valid_share"] =
      static_cast<double>(counts[static_cast<size_t>(LegalStatus::kValid)]) /
      static_cast<double>(state.iterations() * kPatents);
}
BENCHMARK(BM_LegalStatusOn_VariedDays)->Unit(benchmark::kMillisecond);

// The statistics query: every patent on one reference day ("valid stock on 2024-12-31").
void BM_LegalStatusOn_OneDay(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  const Date day = MakeDate(2024, 12, 31);
  int64_t in_force = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < kPatents; ++i) in_force += IsInForce(LegalStatusOn(c.facts[i], day));
    benchmark::DoNotOptimize(in_force);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kPatents));
}
BENCHMARK(BM_LegalStatusOn_OneDay)->Unit(benchmark::kMillisecond);

void BM_CompileFacts(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(CompileFacts(c.patents[i++ % c.patents.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CompileFacts);

// The reference reading straight from a Patent, for comparison.
void BM_ReferenceLegalStatusOn(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  size_t i = 0;
  for (auto _ : state) {
    const size_t k = i++ % c.patents.size();
    benchmark::DoNotOptimize(LegalStatusOn(c.patents[k], c.days[k]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReferenceLegalStatusOn);

}  // namespace
}  // namespace ipa::core

BENCHMARK_MAIN();
