// Run-time configuration: defaults, then an optional key=value file, then the environment
// (IPA_*), then command-line flags — each overriding the one before.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace ipa::app {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./ipa-data";
  std::string db;  // "" = sqlite:<data_dir>/ipalliance.db
  std::string web_dir;  // "" = found next to the binary or in ./web/dist
  std::string log_level = "info";
  std::vector<std::string> allowed_origins;  // besides the listen address itself
  int workers = 8;
  // Evidence log: offices whose witness runs as its own process, as their verifier keys
  // ("ipa-TJ+<key id>+<base64>", printed by `ipalliance witness`); the other offices' witnesses
  // are embedded. And how often the checkpoint loop runs.
  std::vector<std::string> evidence_remote_witnesses;
  int evidence_checkpoint_ms = 500;
  // The largest evidence file an upload may carry (IPA_EVIDENCE_MAX_BYTES); over it: 413.
  uint64_t evidence_max_bytes = 64ull << 20;

  std::string DatabaseUrl() const;
  std::string Host() const;
  core::Result<uint16_t> Port() const;
  std::vector<std::string> Origins() const;  // the listen address plus allowed_origins
};

// Applies `KEY=value` pairs (IPA_LISTEN, IPA_DB, IPA_DATA_DIR, IPA_WEB_DIR, IPA_LOG_LEVEL,
// IPA_ALLOWED_ORIGINS comma-separated, IPA_WORKERS, IPA_EVIDENCE_REMOTE_WITNESSES comma-separated,
// IPA_EVIDENCE_CHECKPOINT_MS, IPA_EVIDENCE_MAX_BYTES). kInvalidArgument for an unknown IPA_ key
// or a bad value.
core::Status ApplySettings(Config& config, const std::map<std::string, std::string>& settings);

// Reads a config file of KEY=value lines ('#' comments). kInvalidArgument with the line number.
core::Result<std::map<std::string, std::string>> ReadConfigFile(const std::string& path);

// IPA_* variables of the process environment (IPA_CONFIG excluded).
std::map<std::string, std::string> EnvironmentSettings();

// Where the built UI is when not configured: <binary>/../../web/dist, then ./web/dist.
std::string FindWebDir(const std::string& argv0);

}  // namespace ipa::app
