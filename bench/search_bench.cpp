// The search engine against its baselines on one generated corpus, in one run: our index built
// from the store (SearchService) vs SQLite FTS5, PostgreSQL full text (when a URL is given) and
// Xapian (when built with it), plus SQLite GROUP BY for the statistics counts. Prints a
// side-by-side table with ratios. Usage and recorded numbers: bench/README.md.
//
//   search_bench N WORKDIR [POSTGRES_URL]
#include <sqlite3.h>
#include <libpq-fe.h>
#ifdef IPA_HAVE_XAPIAN
#include <xapian.h>
#endif

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "app/open_database.hpp"
#include "index/tokenizer.hpp"
#include "service/demo_patents.hpp"
#include "service/search_service.hpp"
#include "store/migrations.hpp"
#include "store/patent_repo.hpp"

namespace {

using namespace ipa;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// CPU seconds (user + system) of the whole process so far: on a shared machine the build's CPU
// time is steadier than its wall time.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long RssKb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

struct Latency {
  double median_ms = 0, p99_ms = 0;
};

// Runs every query `rounds` times (after one warm-up round); per-call latencies.
Latency Measure(size_t queries, int rounds, const std::function<void(size_t)>& run) {
  for (size_t q = 0; q < queries; ++q) run(q);
  std::vector<double> ms;
  for (int r = 0; r < rounds; ++r) {
    for (size_t q = 0; q < queries; ++q) {
      const auto t = Clock::now();
      run(q);
      ms.push_back(Seconds(t) * 1000);
    }
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

void Die(const std::string& what) {
  std::fprintf(stderr, "search_bench: %s\n", what.c_str());
  std::exit(1);
}

void SqlExec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) Die(sql + ": " + (err ? err : "?"));
}

// The text baselines index: title, abstract, first claim and applicants (our free-text
// fields) as our tokenizer's terms separated by spaces, since their tokenizers do not segment
// Chinese.
std::string PreTokenised(const core::Patent& p, index::Tokenizer& tok) {
  std::string out;
  auto add = [&](const std::string& text) {
    tok.Tokenize(text, index::TokenizeMode::kIndex, [&](const index::Token& t) {
      out.append(t.term);
      out.push_back(' ');
    });
  };
  add(p.title_zh);
  add(p.abstract_zh);
  add(p.first_claim);
  for (const auto& a : p.applicants) add(a.name);
  return out;
}

struct Row {
  std::string measure, ours, baseline, ratio;
};

std::string Fmt(double v, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.2f %s" : "%.1f %s", v, unit);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines as they come, also into a pipe
  const int64_t n = argc > 1 ? std::stoll(argv[1]) : 100000;
  const std::filesystem::path dir = argc > 2 ? argv[2] : "/tmp/ipa-search-bench";
  const std::string pg_url = argc > 3 ? argv[3] : "";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::vector<Row> rows;

  // 1. The corpus: N demo patents into the store; the pre-tokenised bodies and statistics
  // columns to a side file for the baselines.
  auto db = app::OpenDatabase("sqlite:" + (dir / "store.db").string());
  if (!db) Die(db.error().message);
  if (!store::Migrate(**db)) Die("migrate");
  std::vector<std::string> bodies;
  struct Stat {
    int province, year, type;
  };
  std::vector<Stat> stats;
  double abstract_chars = 0, title_chars = 0;
  {
    const auto t = Clock::now();
    std::vector<core::Patent> batch;
    index::Tokenizer tok;
    auto flush = [&] {
      auto st = (*db)->Write([&](store::Tx& tx) -> core::Status {
        for (const auto& p : batch) IPA_CHECK(store::UpsertPatent(tx, p));
        return {};
      });
      if (!st) Die(st.error().message);
      batch.clear();
    };
    service::DemoPatentOptions options;
    options.count = n;
    service::GenerateDemoPatents(options, [&](core::Patent&& p) {
      bodies.push_back(PreTokenised(p, tok));
      int y = 0;
      unsigned m = 0, d = 0;
      if (p.filing_date) core::SplitDate(*p.filing_date, y, m, d);
      stats.push_back({p.region_code.size() == 6 ? std::stoi(p.region_code.substr(0, 2)) : 0, y, static_cast<int>(p.type)});
      auto chars = [](const std::string& s) { return static_cast<double>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; })); };
      abstract_chars += chars(p.abstract_zh);
      title_chars += chars(p.title_zh);
      batch.push_back(std::move(p));
      if (batch.size() == 5000) flush();
    });
    flush();
    std::printf("corpus: %lld demo patents stored in %.1f s; abstracts average %.0f characters (about %.0f Chinese words at 1.7 characters a word), titles %.0f\n",
                static_cast<long long>(n), Seconds(t), abstract_chars / n, abstract_chars / n / 1.7, title_chars / n);
  }

  // 2. Ours: built from the store.
  const long rss_before = RssKb();
  const auto t_build = Clock::now();
  const double cpu_build = CpuSeconds();
  service::SearchServiceOptions options;
  options.poll_interval = std::chrono::milliseconds(0);
  auto svc = service::SearchService::Start(**db, options);
  if (!svc) Die(svc.error().message);
  const double ours_build = Seconds(t_build);
  const double ours_build_cpu = CpuSeconds() - cpu_build;
  const long rss_after = RssKb();
  const auto st = (*svc)->Stats();
  size_t postings = 0, positions = 0;
  for (const auto& part : (*svc)->snapshot()->parts) {
    postings += part.segment->postings_bytes();
    for (uint32_t i = 0; i < part.segment->term_count(); ++i) {
      const auto& info = part.segment->term_info(i);
      positions += info.bytes_end - info.positions_begin;
    }
  }
  std::printf("ours: built in %.2f s (%.2f s CPU); %llu docs, %llu terms, %u segments, %.0f MB counted (postings %.0f MB, %.0f MB of it positions), RSS +%.0f MB (total %.0f MB)\n", ours_build, ours_build_cpu,
              static_cast<unsigned long long>(st.docs), static_cast<unsigned long long>(st.terms), st.segments,
              st.memory_bytes / 1e6, postings / 1e6, positions / 1e6, (rss_after - rss_before) / 1024.0, rss_after / 1024.0);

  if (std::getenv("IPA_BENCH_BUILD_ONLY")) return 0;  // for profiling the build

  // 3. Queries: pairs of common bigrams whose AND has about 1,000 hits per million patents.
  std::vector<std::pair<std::string, std::string>> queries;
  {
    auto snap = (*svc)->snapshot();
    const index::Segment& seg = *snap->parts[0].segment;
    // Bigrams that are parts of the generator's vocabulary words (制备, 方法, 电池, ...), not
    // the accidental ones across word boundaries.
    std::set<std::string> vocab;
    {
      std::ifstream f(std::string(IPA_SOURCE_DIR) + "/data/demo/patent_vocab.tsv");
      std::string line;
      index::Tokenizer tok;
      while (std::getline(f, line)) {
        const auto a = line.find('\t'), b = line.find('\t', a + 1), c = line.find('\t', b + 1);
        if (c == std::string::npos) continue;
        tok.Tokenize(line.substr(b + 1, c - b - 1), index::TokenizeMode::kQuery, [&](const index::Token& t) {
          if (t.kind == index::TermKind::kHanBigram) vocab.emplace(t.term);
        });
      }
    }
    std::vector<std::string> common;
    const double part = seg.doc_count();
    for (uint32_t i = 0; i < seg.term_count(); ++i) {
      const auto term = seg.term(i);
      const double df = seg.term_info(i).df / part;
      if (vocab.count(std::string(term)) && df > 0.004 && df < 0.08) common.emplace_back(term);
    }
    std::mt19937 rng(5);
    const double want = 1000.0 * n / 1e6;
    for (int attempt = 0; attempt < 20000 && queries.size() < 20 && common.size() > 1; ++attempt) {
      const auto& a = common[rng() % common.size()];
      const auto& b = common[rng() % common.size()];
      if (a >= b) continue;
      service::SearchQuery q;
      q.q = a + " " + b;
      q.limit = 0;
      q.snippets = false;
      auto page = (*svc)->Search(q);
      if (page && page->total >= want * 0.5 && page->total <= want * 2) queries.emplace_back(a, b);
    }
    std::printf("queries: %zu two-term ANDs with %.0f-%.0f hits, from %zu common bigrams; e.g. \"%s %s\"\n", queries.size(),
                want * 0.5, want * 2, common.size(), queries.empty() ? "" : queries[0].first.c_str(),
                queries.empty() ? "" : queries[0].second.c_str());
    if (queries.empty()) Die("no queries found");
  }
  const int rounds = 10;
  auto ours_query = [&](bool facets) {
    return Measure(queries.size(), rounds, [&](size_t i) {
      service::SearchQuery q;
      q.q = queries[i].first + " " + queries[i].second;
      q.facets = facets;
      q.snippets = false;
      auto page = (*svc)->Search(q);
      if (!page) Die(page.error().message);
    });
  };
  const Latency ours_top10 = ours_query(false), ours_facets = ours_query(true);
  const core::Date as_of = core::MakeDate(2024, 12, 31);
  const std::vector<index::CountDim> ryt = {index::CountDim::kProvince, index::CountDim::kFilingYear, index::CountDim::kType};
  const Latency ours_counts = Measure(1, 20, [&](size_t) { (void)(*svc)->Counts("", ryt, as_of); });
  const Latency ours_counts_status = Measure(1, 20, [&](size_t) {
    (void)(*svc)->Counts("", {index::CountDim::kProvince, index::CountDim::kFilingYear, index::CountDim::kType, index::CountDim::kStatus}, as_of);
  });
  const Latency ours_counts_valid = Measure(1, 20, [&](size_t) { (void)(*svc)->Counts("status=in_force@2024-12-31", ryt, as_of); });
  std::printf("ours: top-10 median %.3f ms p99 %.3f ms; with facets median %.3f ms; counts region×year×type %.2f ms, ×status %.2f ms, valid-on-date region×year×type %.2f ms\n",
              ours_top10.median_ms, ours_top10.p99_ms, ours_facets.median_ms, ours_counts.median_ms,
              ours_counts_status.median_ms, ours_counts_valid.median_ms);
  if (std::getenv("IPA_BENCH_OURS_ONLY")) return 0;  // re-measuring our side alone
  rows.push_back({"text index build from the store", Fmt(ours_build, "s"), "", ""});
  rows.push_back({"2-term AND top 10, median / p99", Fmt(ours_top10.median_ms, "ms") + " / " + Fmt(ours_top10.p99_ms, "ms"), "", ""});
  rows.push_back({"same + facets (8), median", Fmt(ours_facets.median_ms, "ms"), "", ""});
  rows.push_back({"region×year×type counts (all)", Fmt(ours_counts.median_ms, "ms"), "", ""});
  rows.push_back({"region×year×type×status-on-date counts", Fmt(ours_counts_status.median_ms, "ms"), "", ""});
  rows.push_back({"valid-on-date region×year×type counts", Fmt(ours_counts_valid.median_ms, "ms"), "", ""});
  rows.push_back({"memory (index + columns)", Fmt(st.memory_bytes / 1048576.0, "MiB") + " counted, RSS +" + Fmt((rss_after - rss_before) / 1024.0, "MiB"), "", ""});

  auto ratio_row = [&](const std::string& measure, const std::string& engine, double ours, double theirs, const char* unit) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f×", theirs / std::max(ours, 1e-9));
    rows.push_back({measure, Fmt(ours, unit), engine + " " + Fmt(theirs, unit), buf});
  };

  // 4. SQLite FTS5 and GROUP BY.
  {
    sqlite3* fts = nullptr;
    sqlite3_open((dir / "fts.db").string().c_str(), &fts);
    SqlExec(fts, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE VIRTUAL TABLE docs USING fts5(body)");
    auto t = Clock::now();
    SqlExec(fts, "BEGIN");
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(fts, "INSERT INTO docs(rowid, body) VALUES (?, ?)", -1, &ins, nullptr);
    for (size_t i = 0; i < bodies.size(); ++i) {
      sqlite3_bind_int64(ins, 1, static_cast<int64_t>(i + 1));
      sqlite3_bind_text(ins, 2, bodies[i].data(), static_cast<int>(bodies[i].size()), SQLITE_STATIC);
      if (sqlite3_step(ins) != SQLITE_DONE) Die("fts insert");
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    SqlExec(fts, "COMMIT; INSERT INTO docs(docs) VALUES('optimize')");
    const double fts_build = Seconds(t);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(fts, "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10", -1, &q, nullptr);
    const Latency fts_lat = Measure(queries.size(), rounds, [&](size_t i) {
      const std::string m = "\"" + queries[i].first + "\" AND \"" + queries[i].second + "\"";
      sqlite3_bind_text(q, 1, m.c_str(), -1, SQLITE_TRANSIENT);
      while (sqlite3_step(q) == SQLITE_ROW) {
      }
      sqlite3_reset(q);
    });
    sqlite3_finalize(q);
    sqlite3_close(fts);
    const double fts_mb = static_cast<double>(std::filesystem::file_size(dir / "fts.db")) / 1048576.0;
    std::printf("SQLite FTS5: built in %.1f s (%.0f MiB on disk); median %.3f ms p99 %.3f ms\n", fts_build, fts_mb, fts_lat.median_ms, fts_lat.p99_ms);
    ratio_row("text index build", "FTS5", ours_build, fts_build, "s");
    ratio_row("2-term AND top 10, median", "FTS5", ours_top10.median_ms, fts_lat.median_ms, "ms");
    ratio_row("2-term AND top 10, p99", "FTS5", ours_top10.p99_ms, fts_lat.p99_ms, "ms");
    rows.push_back({"index size", "", "FTS5 " + Fmt(fts_mb, "MiB") + " on disk", ""});

    sqlite3* sdb = nullptr;
    sqlite3_open((dir / "stats.db").string().c_str(), &sdb);
    SqlExec(sdb, "CREATE TABLE p (province INTEGER, year INTEGER, type INTEGER, pad TEXT); BEGIN");
    sqlite3_prepare_v2(sdb, "INSERT INTO p VALUES (?, ?, ?, ?)", -1, &ins, nullptr);
    const std::string pad(200, 'x');  // rows of a realistic width, so a scan reads pages
    for (const auto& s : stats) {
      sqlite3_bind_int(ins, 1, s.province);
      sqlite3_bind_int(ins, 2, s.year);
      sqlite3_bind_int(ins, 3, s.type);
      sqlite3_bind_text(ins, 4, pad.c_str(), -1, SQLITE_STATIC);
      sqlite3_step(ins);
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    SqlExec(sdb, "COMMIT");
    auto group = [&] {
      return Measure(1, 5, [&](size_t) {
        sqlite3_stmt* g = nullptr;
        sqlite3_prepare_v2(sdb, "SELECT province, year, type, COUNT(*) FROM p GROUP BY 1, 2, 3", -1, &g, nullptr);
        while (sqlite3_step(g) == SQLITE_ROW) {
        }
        sqlite3_finalize(g);
      });
    };
    const Latency plain = group();
    SqlExec(sdb, "CREATE INDEX p_cover ON p (province, year, type)");
    const Latency covered = group();
    sqlite3_close(sdb);
    std::printf("SQLite GROUP BY region, year, type: %.1f ms without an index, %.1f ms with a covering index\n", plain.median_ms, covered.median_ms);
    ratio_row("region×year×type counts", "SQLite GROUP BY (covering index)", ours_counts.median_ms, covered.median_ms, "ms");
    ratio_row("region×year×type counts", "SQLite GROUP BY (no index)", ours_counts.median_ms, plain.median_ms, "ms");
  }

  // 5. PostgreSQL full text, `simple` configuration over the same pre-tokenised text.
  if (!pg_url.empty()) {
    PGconn* pg = PQconnectdb(pg_url.c_str());
    if (PQstatus(pg) != CONNECTION_OK) Die(std::string("postgres: ") + PQerrorMessage(pg));
    auto exec = [&](const std::string& sql) {
      PGresult* r = PQexec(pg, sql.c_str());
      if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) Die(sql.substr(0, 80) + ": " + PQerrorMessage(pg));
      PQclear(r);
    };
    exec("DROP TABLE IF EXISTS docs; CREATE TABLE docs (id bigint PRIMARY KEY, body text, tsv tsvector)");
    auto t = Clock::now();
    PGresult* copy = PQexec(pg, "COPY docs (id, body) FROM STDIN");
    if (PQresultStatus(copy) != PGRES_COPY_IN) Die(std::string("COPY: ") + PQerrorMessage(pg));
    PQclear(copy);
    for (size_t i = 0; i < bodies.size(); ++i) {
      const std::string line = std::to_string(i + 1) + "\t" + bodies[i] + "\n";
      PQputCopyData(pg, line.data(), static_cast<int>(line.size()));
    }
    PQputCopyEnd(pg, nullptr);
    PQclear(PQgetResult(pg));
    exec("UPDATE docs SET tsv = to_tsvector('simple', body)");
    exec("CREATE INDEX docs_tsv ON docs USING gin (tsv)");
    exec("VACUUM ANALYZE docs");
    const double pg_build = Seconds(t);
    const Latency pg_lat = Measure(queries.size(), rounds, [&](size_t i) {
      const std::string tsq = queries[i].first + " & " + queries[i].second;
      const char* params[] = {tsq.c_str()};
      PGresult* r = PQexecParams(pg,
                                 "SELECT id FROM docs, to_tsquery('simple', $1) q WHERE tsv @@ q "
                                 "ORDER BY ts_rank(tsv, q) DESC LIMIT 10",
                                 1, nullptr, params, nullptr, nullptr, 0);
      PQclear(r);
    });
    PQfinish(pg);
    std::printf("PostgreSQL FTS: built in %.1f s; median %.3f ms p99 %.3f ms\n", pg_build, pg_lat.median_ms, pg_lat.p99_ms);
    ratio_row("text index build", "PostgreSQL", ours_build, pg_build, "s");
    ratio_row("2-term AND top 10, median", "PostgreSQL", ours_top10.median_ms, pg_lat.median_ms, "ms");
    ratio_row("2-term AND top 10, p99", "PostgreSQL", ours_top10.p99_ms, pg_lat.p99_ms, "ms");
  }

#ifdef IPA_HAVE_XAPIAN
  // 6. Xapian: the same terms as plain terms; BM25 weighting (its default).
  {
    auto t = Clock::now();
    Xapian::WritableDatabase xdb((dir / "xapian").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (const auto& body : bodies) {
      Xapian::Document doc;
      size_t start = 0;
      Xapian::termpos pos = 1;
      while (start < body.size()) {
        const size_t sp = body.find(' ', start);
        doc.add_posting(body.substr(start, sp - start), pos++);
        start = sp + 1;
      }
      xdb.add_document(doc);
    }
    xdb.commit();
    const double x_build = Seconds(t);
    Xapian::Enquire enquire(xdb);
    const Latency x_lat = Measure(queries.size(), rounds, [&](size_t i) {
      enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(queries[i].first), Xapian::Query(queries[i].second)));
      Xapian::MSet m = enquire.get_mset(0, 10);
      (void)m.size();
    });
    std::printf("Xapian: built in %.1f s; median %.3f ms p99 %.3f ms\n", x_build, x_lat.median_ms, x_lat.p99_ms);
    ratio_row("text index build", "Xapian", ours_build, x_build, "s");
    ratio_row("2-term AND top 10, median", "Xapian", ours_top10.median_ms, x_lat.median_ms, "ms");
    ratio_row("2-term AND top 10, p99", "Xapian", ours_top10.p99_ms, x_lat.p99_ms, "ms");
  }
#endif

  std::printf("\n| measure | ours | baseline | baseline ÷ ours |\n| --- | --- | --- | --- |\n");
  for (const auto& r : rows) std::printf("| %s | %s | %s | %s |\n", r.measure.c_str(), r.ours.c_str(), r.baseline.c_str(), r.ratio.c_str());
  return 0;
}
