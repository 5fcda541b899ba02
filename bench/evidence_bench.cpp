// The evidence log core (src/evidence): appends into MerkleLog, inclusion and consistency proof
// generation and verification at 1M leaves (issue target: an inclusion proof from a 10-million-
// leaf log in under 1 ms), leaf encoding and checkpoint signing. IPA_BENCH_LARGE=1 adds the
// 10M-leaf runs (about 10 s to build each; 360 MB with the default layout, 640 MB dense: run
// them one layout per process with --benchmark_filter='/10000000/3' or '/10000000/0').
//   ninja -C build/release evidence_bench && ./build/release/bench/evidence_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <random>

#include "evidence/checkpoint.hpp"
#include "evidence/leaf.hpp"
#include "evidence/merkle_log.hpp"
#include "evidence/signed_note.hpp"

namespace ipa::evidence {
namespace {

constexpr int64_t k1M = int64_t{1} << 20;
constexpr int64_t k10M = 10'000'000;

// Distinct leaf hashes without paying for SHA-256 (their values do not affect the timings).
Hash FakeLeaf(uint64_t i) {
  Hash h{};
  uint64_t x = i * 0x9E3779B97F4A7C15ull + 1;
  for (size_t b = 0; b < h.size(); ++b) {
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ull;
    h[b] = static_cast<uint8_t>(x >> 56);
  }
  return h;
}

// One log per (size, layout), built on first use and kept for the process.
const MerkleLog& LogOf(int64_t leaves, int recomputed_levels) {
  static std::map<std::pair<int64_t, int>, std::unique_ptr<MerkleLog>> logs;
  auto& log = logs[{leaves, recomputed_levels}];
  if (!log) {
    log = std::make_unique<MerkleLog>(recomputed_levels);
    log->Reserve(static_cast<uint64_t>(leaves));
    for (int64_t i = 0; i < leaves; ++i) log->Append(FakeLeaf(static_cast<uint64_t>(i)));
  }
  return *log;
}

EvidenceRecord SampleRecord(uint64_t i) {
  EvidenceRecord r;
  r.office = "TJ";
  r.case_id = "TJ-2026-" + std::to_string(i % 100000);
  r.evidence_id = "ev-" + std::to_string(i);
  r.sha256 = HashHex(FakeLeaf(i));
  r.media_type = "image/jpeg";
  r.size = 1'000'000 + i;
  r.captured_by = "inspector 0042";
  r.captured_at = "2026-11-25T09:30:00Z";
  r.place = "河北省沧州市某工业园区 3 号厂房";
  r.method = "on-site inspection";
  r.tool = "Canon EOS R6, firmware 1.8.1";
  r.notes = "photo of the production line, product marked with the patent number";
  r.recorded_at = "2026-11-25T09:31:02.123Z";
  return r;
}

// Append of a precomputed leaf hash (the tree work alone).
void BM_MerkleLogAppend(benchmark::State& state) {
  MerkleLog log;
  uint64_t i = 0;
  for (auto _ : state) log.Append(FakeLeaf(i++));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MerkleLogAppend);

// What an evidence append costs in the log core: encode the record, hash the leaf, append.
void BM_EncodeHashAppend(benchmark::State& state) {
  MerkleLog log;
  uint64_t i = 0;
  for (auto _ : state) {
    const std::string leaf = *EncodeLeaf(SampleRecord(i++));
    log.Append(HashLeaf(leaf));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeHashAppend);

// args: leaves, recomputed levels
void BM_InclusionProof(benchmark::State& state) {
  const MerkleLog& log = LogOf(state.range(0), static_cast<int>(state.range(1)));
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<uint64_t> pick(0, log.Size() - 1);
  for (auto _ : state) benchmark::DoNotOptimize(log.Inclusion(pick(rng), log.Size()));
  state.SetItemsProcessed(state.iterations());
}

// A proof in an earlier tree size (a receipt issued before later appends).
void BM_InclusionProofOlderSize(benchmark::State& state) {
  const MerkleLog& log = LogOf(state.range(0), static_cast<int>(state.range(1)));
  std::mt19937_64 rng(2);
  for (auto _ : state) {
    const uint64_t size = std::uniform_int_distribution<uint64_t>(1, log.Size())(rng);
    benchmark::DoNotOptimize(log.Inclusion(rng() % size, size));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ConsistencyProof(benchmark::State& state) {
  const MerkleLog& log = LogOf(state.range(0), static_cast<int>(state.range(1)));
  std::mt19937_64 rng(3);
  for (auto _ : state) {
    const uint64_t first = std::uniform_int_distribution<uint64_t>(1, log.Size())(rng);
    benchmark::DoNotOptimize(log.Consistency(first, log.Size()));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_VerifyInclusion(benchmark::State& state) {
  const MerkleLog& log = LogOf(state.range(0), static_cast<int>(state.range(1)));
  const uint64_t index = log.Size() / 3;
  const auto path = *log.Inclusion(index, log.Size());
  const Hash root = *log.Root(log.Size());
  const Hash leaf = *log.LeafHash(index);
  for (auto _ : state) {
    benchmark::DoNotOptimize(VerifyInclusion(index, log.Size(), leaf, path, root));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Root(benchmark::State& state) {
  const MerkleLog& log = LogOf(state.range(0), static_cast<int>(state.range(1)));
  std::mt19937_64 rng(4);
  for (auto _ : state) {
    benchmark::DoNotOptimize(log.Root(std::uniform_int_distribution<uint64_t>(1, log.Size())(rng)));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SignCheckpoint(benchmark::State& state) {
  std::array<uint8_t, 32> seed{};
  const SigningKey key = *SigningKey::FromSeed("ipa-TJ", seed);
  const std::string body = *FormatCheckpoint({"jjj-ip-alliance/evidence", 123456, FakeLeaf(1), {}});
  for (auto _ : state) benchmark::DoNotOptimize(SignNote(body, key));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignCheckpoint);

void BM_VerifyCheckpoint(benchmark::State& state) {
  std::array<uint8_t, 32> seed{};
  const SigningKey key = *SigningKey::FromSeed("ipa-TJ", seed);
  const std::string body = *FormatCheckpoint({"jjj-ip-alliance/evidence", 123456, FakeLeaf(1), {}});
  const std::string text = FormatNote({body, {*SignNote(body, key)}});
  const std::map<std::string, PublicKey> keys = {{"ipa-TJ", key.public_key()}};
  for (auto _ : state) benchmark::DoNotOptimize(VerifyNote(*ParseNote(text), keys));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyCheckpoint);

void RegisterSized(bool large) {
  std::vector<std::pair<int64_t, int64_t>> args = {{k1M, MerkleLog::kDefaultRecomputedLevels},
                                                   {k1M, 0}};
  if (large) {
    args.push_back({k10M, MerkleLog::kDefaultRecomputedLevels});
    args.push_back({k10M, 0});
  }
  for (auto [leaves, layout] : args) {
    using Fn = void (*)(benchmark::State&);
    const std::pair<const char*, Fn> benches[] = {
        {"BM_InclusionProof", BM_InclusionProof},
        {"BM_InclusionProofOlderSize", BM_InclusionProofOlderSize},
        {"BM_ConsistencyProof", BM_ConsistencyProof},
        {"BM_VerifyInclusion", BM_VerifyInclusion},
        {"BM_Root", BM_Root}};
    for (auto [name, fn] : benches) {
      benchmark::RegisterBenchmark(name, fn)->Args({leaves, layout})->Unit(benchmark::kMicrosecond);
    }
  }
}

}  // namespace
}  // namespace ipa::evidence

int main(int argc, char** argv) {
  const char* large = std::getenv("IPA_BENCH_LARGE");
  ipa::evidence::RegisterSized(large != nullptr && std::string(large) == "1");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
