#include "app/config.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

#include "core/text.hpp"
#include "core/tsv.hpp"

extern char** environ;

namespace ipa::app {

using core::ErrorCode;
using core::Fail;

std::string Config::DatabaseUrl() const {
  return db.empty() ? "sqlite:" + data_dir + "/ipalliance.db" : db;
}

std::string Config::Host() const { return listen.substr(0, listen.rfind(':')); }

core::Result<uint16_t> Config::Port() const {
  const auto colon = listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    const char* b = listen.data() + colon + 1;
    const char* e = listen.data() + listen.size();
    auto [p, ec] = std::from_chars(b, e, port);
    if (ec != std::errc() || p != e) port = -1;
  }
  if (port < 0 || port > 65535) {
    return Fail(ErrorCode::kInvalidArgument, "IPA_LISTEN: expected host:port, got '" + listen + "'", "IPA_LISTEN");
  }
  return static_cast<uint16_t>(port);
}

std::vector<std::string> Config::Origins() const {
  std::vector<std::string> out = allowed_origins;
  out.push_back("http://" + listen);
  if (Host() == "127.0.0.1" || Host() == "0.0.0.0") {
    out.push_back("http://localhost:" + listen.substr(listen.rfind(':') + 1));
    out.push_back("http://127.0.0.1:" + listen.substr(listen.rfind(':') + 1));
  }
  return out;
}

core::Status ApplySettings(Config& c, const std::map<std::string, std::string>& settings) {
  for (const auto& [key, value] : settings) {
    if (key == "IPA_LISTEN") c.listen = value;
    else if (key == "IPA_DB") c.db = value;
    else if (key == "IPA_DATA_DIR") c.data_dir = value;
    else if (key == "IPA_WEB_DIR") c.web_dir = value;
    else if (key == "IPA_LOG_LEVEL") c.log_level = value;
    else if (key == "IPA_ALLOWED_ORIGINS") {
      c.allowed_origins.clear();
      for (auto o : core::Split(value, ',')) {
        if (!core::Trim(o).empty()) c.allowed_origins.emplace_back(core::Trim(o));
      }
    } else if (key == "IPA_WORKERS") {
      int n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size() || n < 1 || n > 256) {
        return Fail(ErrorCode::kInvalidArgument, "IPA_WORKERS: a number from 1 to 256", key);
      }
      c.workers = n;
    } else if (key == "IPA_EVIDENCE_REMOTE_WITNESSES") {
      c.evidence_remote_witnesses.clear();
      for (auto k : core::Split(value, ',')) {
        if (!core::Trim(k).empty()) c.evidence_remote_witnesses.emplace_back(core::Trim(k));
      }
    } else if (key == "IPA_EVIDENCE_CHECKPOINT_MS") {
      int n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size() || n < 50 || n > 60000) {
        return Fail(ErrorCode::kInvalidArgument, "IPA_EVIDENCE_CHECKPOINT_MS: a number from 50 to 60000", key);
      }
      c.evidence_checkpoint_ms = n;
    } else if (key == "IPA_EVIDENCE_MAX_BYTES") {
      uint64_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size() || n < 1 || n > (uint64_t{4} << 30)) {
        return Fail(ErrorCode::kInvalidArgument, "IPA_EVIDENCE_MAX_BYTES: a number of bytes from 1 to 4 GiB", key);
      }
      c.evidence_max_bytes = n;
    } else if (key.starts_with("IPA_TEST_")) {
      continue;  // test harness settings
    } else {
      return Fail(ErrorCode::kInvalidArgument, key + ": unknown setting", key);
    }
  }
  if (!c.Port()) return std::unexpected(c.Port().error());
  static const std::string kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
  if (std::find(std::begin(kLevels), std::end(kLevels), c.log_level) == std::end(kLevels)) {
    return Fail(ErrorCode::kInvalidArgument, "IPA_LOG_LEVEL: one of trace, debug, info, warn, error, critical, off", "IPA_LOG_LEVEL");
  }
  return {};
}

core::Result<std::map<std::string, std::string>> ReadConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kInvalidArgument, "cannot read config file " + path, "config");
  std::map<std::string, std::string> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::string_view l = core::Trim(line);
    if (l.empty() || l[0] == '#') continue;
    const auto eq = l.find('=');
    if (eq == std::string_view::npos) {
      return Fail(ErrorCode::kInvalidArgument, path + ":" + std::to_string(n) + ": expected KEY=value", "config");
    }
    out[std::string(core::Trim(l.substr(0, eq)))] = std::string(core::Trim(l.substr(eq + 1)));
  }
  return out;
}

std::map<std::string, std::string> EnvironmentSettings() {
  std::map<std::string, std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("IPA_")) continue;
    const auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(kv.substr(0, eq));
    if (key == "IPA_CONFIG") continue;
    out[key] = std::string(kv.substr(eq + 1));
  }
  return out;
}

std::string FindWebDir(const std::string& argv0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::canonical("/proc/self/exe", ec);
  std::vector<fs::path> candidates;
  if (!ec) {
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      candidates.push_back(p / "web" / "dist");
    }
  }
  (void)argv0;
  candidates.push_back(fs::current_path(ec) / "web" / "dist");
  for (const auto& c : candidates) {
    if (fs::exists(c / "index.html", ec)) return c.string();
  }
  return {};
}

}  // namespace ipa::app
