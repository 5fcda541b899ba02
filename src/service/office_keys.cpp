#include "service/office_keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ipa::service {
namespace {

using core::ErrorCode;
using core::Fail;

std::unexpected<core::Error> SysFail(const std::string& what, const std::string& path) {
  return core::Internal(what + " " + path + ": " + std::strerror(errno));
}

core::Status WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return core::Internal(std::string("write: ") + std::strerror(errno));
    content.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

core::Status FsyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return SysFail("open directory", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return SysFail("fsync directory", dir);
  return {};
}

core::Result<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Internal("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string OfficeKeyName(std::string_view office) { return "ipa-" + std::string(office); }

std::optional<std::string> OfficeOfKeyName(std::string_view name) {
  for (std::string_view office : kWitnessOffices) {
    if (name == OfficeKeyName(office)) return std::string(office);
  }
  return std::nullopt;
}

core::Status WriteFileDurably(const std::string& path, std::string_view content, unsigned mode) {
  const std::filesystem::path target(path);
  const std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return SysFail("cannot create", tmp);
  core::Status st = WriteAll(fd, content);
  if (st && ::fchmod(fd, mode) != 0) st = SysFail("chmod", tmp);
  if (st && ::fsync(fd) != 0) st = SysFail("fsync", tmp);
  ::close(fd);
  if (!st) return st;
  if (::rename(tmp.c_str(), path.c_str()) != 0) return SysFail("rename to", path);
  return FsyncDirectory(dir);
}

core::Result<evidence::SigningKey> LoadSigningKey(const std::string& path) {
  struct stat sb {};
  if (::stat(path.c_str(), &sb) != 0) return SysFail("cannot read key file", path);
  if ((sb.st_mode & 077) != 0) {
    return Fail(ErrorCode::kInvalidArgument,
                "key file " + path + " is readable by others; chmod 600 it", "key");
  }
  IPA_TRY(text, ReadSmallFile(path));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  auto key = evidence::SigningKey::Parse(text);
  if (!key) return Fail(ErrorCode::kInvalidArgument, "key file " + path + " does not hold a signing key", "key");
  return std::move(*key);
}

core::Result<evidence::SigningKey> LoadOrCreateSigningKey(const std::string& path,
                                                          std::string_view name) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    const std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    IPA_TRY(key, evidence::SigningKey::Generate(std::string(name)));
    IPA_CHECK(WriteFileDurably(path, key.Encode() + "\n", 0600));
  }
  IPA_TRY(key, LoadSigningKey(path));
  if (key.name() != name) {
    return Fail(ErrorCode::kInvalidArgument,
                "key file " + path + " holds key " + key.name() + ", expected " + std::string(name), "key");
  }
  return key;
}

core::Result<std::optional<evidence::Checkpoint>> LoadWitnessState(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::optional<evidence::Checkpoint>();
  IPA_TRY(text, ReadSmallFile(path));
  auto checkpoint = evidence::ParseCheckpoint(text);
  if (!checkpoint) {
    return Fail(ErrorCode::kInvalidArgument,
                "witness state " + path + " is not a checkpoint: " + checkpoint.error().message, "state");
  }
  return std::optional<evidence::Checkpoint>(std::move(*checkpoint));
}

core::Status SaveWitnessState(const std::string& path, const evidence::Checkpoint& checkpoint) {
  IPA_TRY(body, evidence::FormatCheckpoint(checkpoint));
  return WriteFileDurably(path, body, 0600);
}

}  // namespace ipa::service

namespace ipa::service {

std::string WitnessStatePath(const std::string& key_dir, std::string_view office) {
  return key_dir + "/witness-" + std::string(office) + ".state";
}

std::string EvidenceKeyPath(const std::string& key_dir, std::string_view who) {
  return key_dir + "/" + std::string(who) + ".key";
}

core::Result<std::vector<evidence::VerifierKey>> LoadEvidenceVerifierKeys(
    const std::string& key_dir, const std::vector<evidence::VerifierKey>& remote_witnesses) {
  std::vector<evidence::VerifierKey> out;
  IPA_TRY(log_key, LoadSigningKey(EvidenceKeyPath(key_dir, "log")));
  out.push_back(log_key.verifier());
  for (std::string_view office : kWitnessOffices) {
    const std::string name = OfficeKeyName(office);
    auto remote = std::find_if(remote_witnesses.begin(), remote_witnesses.end(),
                               [&](const evidence::VerifierKey& k) { return k.name == name; });
    if (remote != remote_witnesses.end()) {
      out.push_back(*remote);
      continue;
    }
    IPA_TRY(key, LoadSigningKey(EvidenceKeyPath(key_dir, office)));
    out.push_back(key.verifier());
  }
  return out;
}

}  // namespace ipa::service
