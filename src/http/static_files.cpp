#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ipa::http {
namespace {

std::string ContentType(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> ReadFile(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::optional<StaticFile> LoadStaticFile(const std::string& web_dir, const std::string& path) {
  if (web_dir.empty() || path.find("..") != std::string::npos || path.find('\\') != std::string::npos) {
    return std::nullopt;
  }
  const std::filesystem::path root(web_dir);
  std::string rel = path.substr(1);
  if (!rel.empty() && rel != "index.html") {
    if (auto body = ReadFile(root / rel)) {
      return StaticFile{std::move(*body), ContentType(rel), rel.starts_with("assets/")};
    }
    if (rel.starts_with("assets/")) return std::nullopt;
  }
  auto index = ReadFile(root / "index.html");
  if (!index) return std::nullopt;
  return StaticFile{std::move(*index), "text/html; charset=utf-8", false};
}

}  // namespace ipa::http
