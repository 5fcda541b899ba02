#include "cli/commands.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdio>
#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/evidence_options.hpp"
#include "core/region.hpp"
#include "evidence/receipt.hpp"
#include "http/metrics.hpp"
#include "importer/cn_csv_writer.hpp"
#include "importer/jsonl_writer.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "service/demo_data.hpp"
#include "service/case_event_drain.hpp"
#include "service/evidence_item_service.hpp"
#include "service/evidence_log.hpp"
#include "service/import_jobs.hpp"
#include "service/search_service.hpp"
#include "service/patent_import.hpp"
#include "service/statistic_service.hpp"
#include "service/user_service.hpp"
#include "store/migrations.hpp"
#include "store/user_repo.hpp"

namespace ipa::cli {
namespace {

using core::ErrorCode;
using core::Fail;

core::Result<std::string> ReadPasswordFromStdin() {
  std::string line;
  if (!std::getline(std::cin, line)) {
    return Fail(ErrorCode::kInvalidArgument, "no password on standard input", "password");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

core::Status EnsureMigrated(store::Database& db) {
  IPA_TRY(applied, store::Migrate(db));
  if (!applied.empty()) spdlog::info("applied {} migration(s), schema now at version {}", applied.size(), store::LatestSchemaVersion());
  return {};
}

void PrintDemoLogins() {
  std::cout << "Demo logins (login / password / role):\n";
  for (const auto& l : service::DemoLogins()) {
    std::cout << fmt::format("  {:<10} {:<24} {}{}\n", l.login, l.password, l.role, l.bound_to.empty() ? "" : " (" + l.bound_to + ")");
  }
}

}  // namespace

int RunVerify(const VerifyOptions& o) {
  auto slurp = [](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const auto bundle = slurp(o.bundle);
  if (!bundle) {
    std::cerr << "error: cannot read " << o.bundle << "\n";
    return 2;
  }
  std::optional<std::string> file;
  if (!o.file.empty()) {
    file = slurp(o.file);
    if (!file) {
      std::cerr << "error: cannot read " << o.file << "\n";
      return 2;
    }
  }
  auto receipt = evidence::ParseReceipt(*bundle);
  if (!receipt) {
    std::cout << "NOT VERIFIED: " << receipt.error().message << "\n";
    return 1;
  }
  std::vector<std::string> required = o.required;
  if (required.empty()) {
    for (const auto& [name, key] : receipt->public_keys) required.push_back(name);
  }
  auto v = evidence::VerifyReceipt(*receipt, file ? std::optional<std::string_view>(*file) : std::nullopt, required);
  if (!v) {
    std::cout << "NOT VERIFIED: " << v.error().message << "\n";
    return 1;
  }
  std::cout << "VERIFIED: leaf " << receipt->leaf_index << " of " << v->checkpoint.size << " in "
            << v->checkpoint.origin << ", root " << evidence::HashHex(v->checkpoint.root) << "\n";
  std::cout << "  signed by: ";
  for (size_t i = 0; i < v->signers.size(); ++i) std::cout << (i ? ", " : "") << v->signers[i];
  std::cout << "\n  record: case " << v->record.case_id << ", evidence " << v->record.evidence_id << ", sha256 "
            << v->record.sha256 << ", captured by " << v->record.captured_by << " at " << v->record.captured_at << "\n";
  std::cout << (v->file_checked ? "  file: matches the record\n" : "  file: not given, not checked\n");
  return 0;
}

core::Status RunMigrate(store::Database& db) {
  IPA_TRY(applied, store::Migrate(db));
  std::cout << "schema at version " << store::LatestSchemaVersion() << " (" << applied.size() << " applied now) on " << db.Describe() << "\n";
  return {};
}

// Generates the demo corpus into a JSON Lines or 61-column CSV file (for benchmarks and imports
// elsewhere).
core::Status WriteDemoPatents(store::Database& db, const DemoOptions& o) {
  IPA_TRY(members, service::DemoApplicantsFromRegistry(db));
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  if (!out) return Fail(ErrorCode::kInvalidArgument, "cannot write " + o.out, "out");
  const auto start = std::chrono::steady_clock::now();
  service::DemoPatentOptions options{o.patents, o.seed, std::move(members)};
  const bool csv = o.out_format == "cn-csv";
  if (csv) out << importer::CnCsvHeader() << importer::kCnCsvLineEnd;
  std::string line;
  service::GenerateDemoPatents(options, [&](core::Patent&& p) {
    line = csv ? importer::ToCnCsvRow(p) : importer::ToJsonLine(p);
    line.append(csv ? importer::kCnCsvLineEnd : "\n");
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
  });
  if (!out.flush()) return Fail(ErrorCode::kUnavailable, "writing " + o.out + " failed");
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("wrote {} patents to {} in {:.1f} s\n", o.patents, o.out, s);
  return {};
}

core::Status LoadDemoPatentsVerbose(store::Database& db, int64_t count, uint64_t seed) {
  const auto start = std::chrono::steady_clock::now();
  const bool tty = isatty(STDERR_FILENO) != 0;
  IPA_TRY(stored, service::LoadDemoPatents(db, count, seed, [&](int64_t n) {
            if (tty) std::fprintf(stderr, "\rdemo patents: %lld of %lld", static_cast<long long>(n), static_cast<long long>(count));
          }));
  if (tty && stored > 0) std::fprintf(stderr, "\n");
  if (stored > 0) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    spdlog::info("loaded {} demo patents in {:.1f} s", stored, s);
  }
  return {};
}

core::Status RunDemoData(store::Database& db, const DemoOptions& o) {
  IPA_CHECK(EnsureMigrated(db));
  IPA_TRY(result, service::LoadDemoData(db, o.seed));
  if (result.loaded) {
    std::cout << "loaded " << result.organizations << " organizations and " << result.users << " users\n";
  } else {
    std::cout << "demo data was loaded before; nothing to do\n";
  }
  if (!o.out.empty()) return WriteDemoPatents(db, o);
  IPA_CHECK(LoadDemoPatentsVerbose(db, o.patents, o.seed));
  PrintDemoLogins();
  return {};
}

// `import --format stats-csv`: official aggregate tables (docs/statistics.md).
core::Status RunStatisticsImport(store::Database& db, const ImportCommandOptions& o) {
  service::Actor cli;
  cli.request_id = "cli-import";
  service::StatisticImportSummary total;
  for (const std::string& file : o.files) {
    auto summary = service::ImportOfficialStatisticsFile(db, cli, file, o.dry_run);
    if (!summary) {
      core::Error e = summary.error();
      e.message = file + ": " + e.message;
      return std::unexpected(std::move(e));
    }
    for (const auto& r : summary->rejections) {
      std::cerr << "rejected " << file << ":" << r.line << " " << r.field << ": " << r.reason << "\n";
    }
    total.imported += summary->imported;
    total.updated += summary->updated;
    total.rejected += summary->rejected;
  }
  std::cout << (o.dry_run ? "dry run: " : "") << service::StatisticSummaryLine(total) << "\n";
  return {};
}

core::Status RunImport(store::Database& db, const ImportCommandOptions& o) {
  IPA_CHECK(EnsureMigrated(db));
  if (o.format == "stats-csv") return RunStatisticsImport(db, o);
  IPA_TRY(format, importer::ParseFormat(o.format));
  service::ImportOptions options;
  options.format = format;
  options.files = o.files;
  options.dry_run = o.dry_run;
  options.report_path = o.report;
  options.batch_size = o.batch;
  const bool tty = isatty(STDERR_FILENO) != 0;
  options.on_progress = [tty](const service::ImportProgress& p) {
    if (!tty) return;
    const int width = 30, filled = static_cast<int>(p.fraction * width);
    std::fprintf(stderr, "\r%-24.24s [%s%s] %3d%%  %lld records", p.file.c_str(), std::string(filled, '#').c_str(),
                 std::string(width - filled, '.').c_str(), static_cast<int>(p.fraction * 100),
                 static_cast<long long>(p.records));
    std::fflush(stderr);
  };
  service::Actor cli;
  cli.request_id = "cli-import";
  IPA_TRY(summary, service::ImportPatents(db, cli, options, /*system=*/true));
  if (tty) std::fprintf(stderr, "\n");
  for (const std::string& w : summary.warnings) std::cerr << "note: " << w << "\n";
  for (size_t i = 0; i < summary.rejections.size() && i < 20; ++i) {
    const auto& r = summary.rejections[i];
    std::cerr << "rejected " << r.where.file << ":" << r.where.line << " (record " << r.where.record << ") "
              << r.field << ": " << r.reason << "\n";
  }
  if (summary.rejected > 20) {
    std::cerr << "... " << summary.rejected - 20 << " more rejections" << (o.report.empty() ? " (use --report FILE)" : " in " + o.report) << "\n";
  }
  std::cout << (o.dry_run ? "dry run: " : "") << service::SummaryLine(summary) << "\n";
  return {};
}

core::Status RunServe(const app::Config& config, store::Database& db, const ServeOptions& options) {
  IPA_CHECK(EnsureMigrated(db));
  if (options.demo) {
    IPA_TRY(result, service::LoadDemoData(db));
    if (result.loaded) spdlog::info("loaded demo data: {} organizations, {} users", result.organizations, result.users);
    IPA_CHECK(LoadDemoPatentsVerbose(db, options.demo_patents, 2016));
  }
  service::AuthService auth(db, {});
  http::Metrics metrics;
  http::HttpConfig http_config{config.Origins(), config.web_dir, 1 << 20};
  service::ImportJobs imports(db, config.data_dir + "/uploads");
  const auto index_start = std::chrono::steady_clock::now();
  IPA_TRY(search, service::SearchService::Start(db));
  const auto stats = search->Stats();
  spdlog::info("search index: {} patents, {} MB, built in {:.1f} s", stats.docs, stats.memory_bytes >> 20,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - index_start).count());
  IPA_TRY(evidence_options, EvidenceLogOptionsFrom(config));
  IPA_TRY(evidence, service::EvidenceLog::Open(db, std::move(evidence_options)));
  http::App app{db, auth, http_config, metrics, &imports, search.get()};
  app.evidence = evidence.get();
  service::EvidenceItems evidence_items(db, *evidence, {config.data_dir, config.evidence_max_bytes});
  IPA_TRY(recovered, evidence_items.RecoverUnlogged());
  if (recovered > 0) spdlog::info("evidence: logged {} item(s) left unlogged by a crash", recovered);
  app.evidence_items = &evidence_items;
  service::CaseEventDrainer case_event_drain(db, *evidence);
  http::Router router(app);
  http::RegisterAllRoutes(router);
  http::ServerOptions server_options;
  server_options.host = config.Host();
  IPA_TRY(port, config.Port());
  server_options.port = port;
  server_options.worker_threads = config.workers;
  server_options.evidence_upload_limit = config.evidence_max_bytes + (1u << 20);  // + multipart overhead
  server_options.spool_dir = config.data_dir + "/spool";  // upload bodies are written here as they arrive
  http::Server server(router, server_options);
  IPA_TRY(bound, server.Start());
  if (config.web_dir.empty()) spdlog::warn("no built web UI found; serving the API only (build web/ first)");
  std::cout << "ipalliance serving " << db.Describe() << "\n";
  std::cout << "Open http://" << config.Host() << ":" << bound << "/ in a browser.\n";
  if (options.demo) PrintDemoLogins();
  std::cout.flush();
  server.Run();
  spdlog::info("stopped");
  return {};
}

core::Status RunUserAdd(store::Database& db, const UserOptions& o) {
  IPA_CHECK(EnsureMigrated(db));
  service::NewUser u;
  u.login = o.login;
  u.display_name = o.display_name.empty() ? o.login : o.display_name;
  auto role = core::ParseRole(o.role);
  if (!role) return Fail(ErrorCode::kInvalidArgument, "--role: one of admin, office, member, agency, expert", "role");
  u.role = *role;
  if (o.org_id > 0) u.org_id = core::OrgId{o.org_id};
  if (!o.office.empty()) {
    u.office = core::ParseOffice(o.office);
    if (!u.office) return Fail(ErrorCode::kInvalidArgument, "--office: one of BJ, TJ, HE", "office");
  }
  IPA_TRY(password, ReadPasswordFromStdin());
  u.password = password;
  service::Actor cli;
  cli.request_id = "cli";
  IPA_TRY(created, service::CreateUser(db, cli, std::move(u), /*system=*/true));
  std::cout << "created user " << created.user.login << " (id " << created.user.id.value << ", " << core::RoleName(created.user.role) << ")\n";
  return {};
}

core::Status RunUserReset(store::Database& db, const UserOptions& o) {
  IPA_CHECK(EnsureMigrated(db));
  IPA_TRY(found, store::ReadValue<std::pair<core::User, std::string>>(db, [&](store::Tx& tx) { return store::GetUserByLogin(tx, o.login); }));
  IPA_TRY(password, ReadPasswordFromStdin());
  service::Actor cli;
  cli.request_id = "cli";
  IPA_CHECK(service::SetPassword(db, cli, found.first.id, password, "", /*system=*/true));
  std::cout << "password of " << o.login << " set; its sessions were ended\n";
  return {};
}

core::Status RunUserList(store::Database& db) {
  IPA_CHECK(EnsureMigrated(db));
  IPA_TRY(users, store::ReadValue<std::vector<core::User>>(db, [&](store::Tx& tx) { return store::ListUsers(tx, 0, 100000); }));
  std::cout << fmt::format("{:>5}  {:<20} {:<8} {:<6} {:<8} {}\n", "id", "login", "role", "office", "org", "status");
  for (const auto& u : users) {
    std::cout << fmt::format("{:>5}  {:<20} {:<8} {:<6} {:<8} {}\n", u.id.value, u.login, core::RoleName(u.role),
                             u.office ? core::OfficeCode(*u.office) : "-", u.org_id ? std::to_string(u.org_id->value) : "-",
                             core::UserStatusName(u.status));
  }
  return {};
}

}  // namespace ipa::cli
