// evidence_log_bench: durable appends per second through service::EvidenceLog with group
// commit, on a real SQLite file (WAL, synchronous=FULL) or PostgreSQL, from N concurrent
// appenders; prints throughput and per-append latency percentiles. A plain driver (each append
// waits for an fsync, so wall-clock time is the measure).
//   evidence_log_bench [THREADS=32] [APPENDS=20000] [DB_URL=sqlite:<tmp>/bench.db]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/open_database.hpp"
#include "evidence/leaf.hpp"
#include "service/evidence_log.hpp"
#include "store/migrations.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string Leaf(int n) {
  ipa::evidence::EvidenceRecord r;
  r.office = "TJ";
  r.case_id = "TJ-2026-000123";
  r.evidence_id = "ev-" + std::to_string(n);
  r.sha256 = std::string(64, 'c');
  r.media_type = "image/jpeg";
  r.size = 2345678;
  r.captured_by = "王执法 (TJ inspector 0042)";
  r.captured_at = "2026-11-25T09:30:00Z";
  r.place = "河北省沧州市某工业园区 3 号厂房";
  r.method = "on-site inspection";
  r.tool = "Canon EOS R6";
  r.recorded_at = "2026-11-25T09:31:02.123Z";
  return *ipa::evidence::EncodeLeaf(r);
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::stoi(argv[1]) : 32;
  const int appends = argc > 2 ? std::stoi(argv[2]) : 20000;
  const auto dir = std::filesystem::temp_directory_path() / "ipa-evidence-log-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string url = argc > 3 ? argv[3] : "sqlite:" + (dir / "bench.db").string();
  auto db = ipa::app::OpenDatabase(url, 4);
  if (!db) return std::fprintf(stderr, "open: %s\n", db.error().message.c_str()), 2;
  if (auto m = ipa::store::Migrate(**db); !m) return std::fprintf(stderr, "migrate: %s\n", m.error().message.c_str()), 2;
  ipa::service::EvidenceLogOptions options;
  options.key_dir = (dir / "keys").string();
  auto log = ipa::service::EvidenceLog::Open(**db, options);
  if (!log) return std::fprintf(stderr, "open log: %s\n", log.error().message.c_str()), 2;
  const uint64_t start_size = (*log)->Size();

  std::vector<std::vector<double>> latencies(threads);
  std::vector<std::thread> workers;
  const auto t0 = Clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = t; i < appends; i += threads) {
        const std::string leaf = Leaf(i);
        const auto a = Clock::now();
        if (!(*log)->Append(leaf)) std::abort();
        latencies[t].push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
      }
    });
  }
  for (auto& w : workers) w.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all[static_cast<size_t>(p * static_cast<double>(all.size() - 1))]; };
  std::printf("%s: %d appenders, %d durable appends in %.2f s = %.0f appends/s; latency p50 %.2f ms, p99 %.2f ms\n",
              (*db)->Describe().c_str(), threads, appends, seconds, appends / seconds, pct(0.5), pct(0.99));
  if ((*log)->Size() != start_size + static_cast<uint64_t>(appends)) return 1;
  const auto cp = (*log)->WaitForCheckpoint((*log)->Size(), std::chrono::seconds(10));
  std::printf("co-signed checkpoint of size %llu\n", cp ? static_cast<unsigned long long>(cp->checkpoint.size) : 0ULL);
  log->reset();
  std::filesystem::remove_all(dir);
  return cp ? 0 : 1;
}
