// ipalliance: the command-line entry point. Each subcommand is a few lines over the service
// layer; CLI11 is confined to this file because its headers compile slowly.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "app/config.hpp"
#include "app/open_database.hpp"
#include "cli/commands.hpp"
#include "service/crypto.hpp"

namespace {

using ipa::app::Config;

int Fail(const ipa::core::Error& e) {
  std::cerr << "error: " << e.message;
  if (!e.detail.empty()) std::cerr << " (" << e.detail << ")";
  std::cerr << "\n";
  return e.code == ipa::core::ErrorCode::kInvalidArgument ? 2 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  ipa::service::InitCrypto();
  CLI::App app{"ipalliance: the Jing-Jin-Ji IP alliance platform"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ipalliance 0.1.0");

  std::string config_file, listen, db, data_dir, web_dir, log_level;
  app.add_option("--config", config_file, "KEY=value settings file (also IPA_CONFIG)");
  app.add_option("--listen", listen, "host:port to serve on (IPA_LISTEN, default 127.0.0.1:8080)");
  app.add_option("--db", db, "sqlite:PATH or postgresql://... (IPA_DB)");
  app.add_option("--data-dir", data_dir, "data directory (IPA_DATA_DIR, default ./ipa-data)");
  app.add_option("--web-dir", web_dir, "built web UI (IPA_WEB_DIR)");
  app.add_option("--log-level", log_level, "trace|debug|info|warn|error (IPA_LOG_LEVEL)");

  ipa::cli::ServeOptions serve_opts;
  auto* serve = app.add_subcommand("serve", "Serve the web UI and the JSON API");
  serve->add_flag("--demo", serve_opts.demo, "Load the demo registry, accounts and patents first (once)");
  serve->add_option("--demo-patents", serve_opts.demo_patents, "how many demo patents --demo loads (default 100000)");

  app.add_subcommand("migrate", "Apply pending database migrations");

  ipa::cli::DemoOptions demo_opts;
  auto* demo = app.add_subcommand("demo-data", "Load the demo registry and accounts, and N demo patents (once)");
  demo->add_option("--seed", demo_opts.seed, "random seed (default 2016)");
  demo->add_option("--patents", demo_opts.patents, "how many demo patents to generate (default 0)");
  demo->add_option("--out", demo_opts.out, "write the patents to this file instead of the database");
  demo->add_option("--out-format", demo_opts.out_format, "jsonl (default) | cn-csv (the 61-column export layout)")
      ->check(CLI::IsMember({"jsonl", "cn-csv"}));

  ipa::cli::ImportCommandOptions import_opts;
  auto* import_cmd = app.add_subcommand("import", "Import patents or legal events from files");
  import_cmd->add_option("--format", import_opts.format, "cn-csv | jsonl | uspto-xml | events-csv")->required();
  import_cmd->add_flag("--dry-run", import_opts.dry_run, "parse and validate only; write nothing");
  import_cmd->add_option("--report", import_opts.report, "write every rejected record to this TSV file");
  import_cmd->add_option("--batch", import_opts.batch, "records per transaction (default 20000)");
  import_cmd->add_option("files", import_opts.files, "files to import")->required();

  ipa::cli::VerifyOptions verify_opts;
  auto* verify = app.add_subcommand("verify", "Verify an evidence receipt offline (and its file)");
  verify->add_option("bundle", verify_opts.bundle, "the receipt JSON")->required();
  verify->add_option("file", verify_opts.file, "the evidence file, checked against the receipt's SHA-256");
  verify->add_option("--require", verify_opts.required, "key names that must have signed (default: every key in the receipt)");

  ipa::cli::WitnessOptions witness_opts;
  auto* witness = app.add_subcommand("witness", "Run one office's evidence-log witness as its own process");
  witness->add_option("--office", witness_opts.office, "BJ|TJ|HE")->required();
  witness->add_option("--server", witness_opts.server, "the server, http://host:port")->required();
  witness->add_option("--key", witness_opts.key_file, "this office's private key file (created, mode 0600, when missing)")->required();
  witness->add_option("--state", witness_opts.state_file, "the last checkpoint this witness signed")->required();
  witness->add_option("--poll-ms", witness_opts.poll_ms, "poll interval (default 500)");
  witness->add_option("--max-rounds", witness_opts.max_rounds, "exit after this many cosignatures (default: run until stopped)");

  app.add_subcommand("fsck", "Check the evidence log: leaves, tree, checkpoints, signatures");

  auto* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  ipa::cli::UserOptions user_opts;
  auto* user_add = user->add_subcommand("add", "Create a user; the password is read from standard input");
  user_add->add_option("--login", user_opts.login, "login name")->required();
  user_add->add_option("--role", user_opts.role, "admin|office|member|agency|expert")->required();
  user_add->add_option("--org", user_opts.org_id, "organisation id (member, agency, expert)");
  user_add->add_option("--office", user_opts.office, "BJ|TJ|HE (office users)");
  user_add->add_option("--display-name", user_opts.display_name, "shown name (default: the login)");
  user_add->add_flag("--password-stdin", user_opts.password_stdin, "read the password from standard input")->required();
  auto* user_reset = user->add_subcommand("reset", "Set a user's password (read from standard input)");
  user_reset->add_option("--login", user_opts.login, "login name")->required();
  user_reset->add_flag("--password-stdin", user_opts.password_stdin, "read the password from standard input")->required();
  auto* user_list = user->add_subcommand("list", "List users");

  CLI11_PARSE(app, argc, argv);
  // Offline: no configuration, no database.
  if (*verify) return ipa::cli::RunVerify(verify_opts);
  if (*witness) {
    auto logger = spdlog::stderr_color_mt("ipa");
    spdlog::set_default_logger(logger);
    auto st = ipa::cli::RunWitness(witness_opts);
    return st ? 0 : Fail(st.error());
  }

  Config config;
  std::map<std::string, std::string> settings;
  if (config_file.empty() && std::getenv("IPA_CONFIG")) config_file = std::getenv("IPA_CONFIG");
  if (!config_file.empty()) {
    auto file = ipa::app::ReadConfigFile(config_file);
    if (!file) return Fail(file.error());
    settings = *file;
  }
  for (auto& [k, v] : ipa::app::EnvironmentSettings()) settings[k] = v;
  if (!listen.empty()) settings["IPA_LISTEN"] = listen;
  if (!db.empty()) settings["IPA_DB"] = db;
  if (!data_dir.empty()) settings["IPA_DATA_DIR"] = data_dir;
  if (!web_dir.empty()) settings["IPA_WEB_DIR"] = web_dir;
  if (!log_level.empty()) settings["IPA_LOG_LEVEL"] = log_level;
  if (auto st = ipa::app::ApplySettings(config, settings); !st) return Fail(st.error());
  if (config.web_dir.empty()) config.web_dir = ipa::app::FindWebDir(argv[0]);

  auto logger = spdlog::stderr_color_mt("ipa");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(config.log_level));

  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return Fail({ipa::core::ErrorCode::kInvalidArgument, "cannot create data directory " + config.data_dir + ": " + ec.message(), "IPA_DATA_DIR", {}, 0});

  auto database = ipa::app::OpenDatabase(config.DatabaseUrl(), config.workers);
  if (!database) return Fail(database.error());
  ipa::store::Database& dbref = **database;

  if (app.got_subcommand("fsck")) return ipa::cli::RunFsck(config, dbref);
  ipa::core::Status st;
  if (*serve) st = ipa::cli::RunServe(config, dbref, serve_opts);
  else if (app.got_subcommand("migrate")) st = ipa::cli::RunMigrate(dbref);
  else if (*demo) st = ipa::cli::RunDemoData(dbref, demo_opts);
  else if (*import_cmd) st = ipa::cli::RunImport(dbref, import_opts);
  else if (*user_add) st = ipa::cli::RunUserAdd(dbref, user_opts);
  else if (*user_reset) st = ipa::cli::RunUserReset(dbref, user_opts);
  else if (*user_list) st = ipa::cli::RunUserList(dbref);
  if (!st) return Fail(st.error());
  return 0;
}
