// The subcommands of `ipalliance`, each over an open database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "store/database.hpp"

namespace ipa::cli {

struct ServeOptions {
  bool demo = false;
  int64_t demo_patents = 100000;
};

struct DemoOptions {
  uint64_t seed = 2016;
  int64_t patents = 0;
  std::string out;  // a file instead of the database, in out_format
  std::string out_format = "jsonl";  // of `out`: "jsonl" or "cn-csv" (the 61-column layout)
};

struct UserOptions {
  std::string login, role, office, display_name;
  int64_t org_id = 0;
  bool password_stdin = false;
};

struct ImportCommandOptions {
  std::string format;
  std::vector<std::string> files;
  bool dry_run = false;
  std::string report;
  int batch = 20000;
};

struct VerifyOptions {
  std::string bundle;
  std::string file;
  std::vector<std::string> required;
};

// Exit code: 0 verified, 1 not verified (the reason printed), 2 unreadable input.
int RunVerify(const VerifyOptions& options);

struct WitnessOptions {
  std::string office;      // BJ, TJ or HE
  std::string server;      // http://host:port
  std::string key_file;    // this office's private key (created with mode 0600 when missing)
  std::string state_file;  // the last checkpoint this witness signed
  int poll_ms = 500;
  int max_rounds = 0;      // stop after this many cosignatures (0: run until killed)
};

// A remote office witness (docs/operations.md): polls the server for the next checkpoint,
// co-signs it only when consistent with the last it signed (persisted first), posts the
// cosignature back. Returns when max_rounds is reached or on a fatal error.
core::Status RunWitness(const WitnessOptions& options);

// Exit code: 0 clean, 1 problems found (each printed), 2 could not run.
int RunFsck(const app::Config& config, store::Database& db);

core::Status RunImport(store::Database& db, const ImportCommandOptions& options);
core::Status RunServe(const app::Config& config, store::Database& db, const ServeOptions& options);
core::Status RunMigrate(store::Database& db);
core::Status RunDemoData(store::Database& db, const DemoOptions& options);
core::Status RunUserAdd(store::Database& db, const UserOptions& options);
core::Status RunUserReset(store::Database& db, const UserOptions& options);
core::Status RunUserList(store::Database& db);

}  // namespace ipa::cli
