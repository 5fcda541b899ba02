// The built web UI: files under the web directory, with the SPA fallback to index.html.
#pragma once

#include <optional>
#include <string>

namespace ipa::http {

struct StaticFile {
  std::string body;
  std::string content_type;
  bool immutable = false;  // hashed asset names never change content
};

// The file for a request path: the exact file if it exists, index.html for any other path
// outside /assets/ (client-side routes). nullopt when `web_dir` is empty or has no index.html,
// for missing assets, and for paths that try to leave the directory. Thread-safe.
std::optional<StaticFile> LoadStaticFile(const std::string& web_dir, const std::string& path);

}  // namespace ipa::http
