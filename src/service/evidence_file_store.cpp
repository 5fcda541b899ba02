#include "service/evidence_file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "service/crypto.hpp"

namespace ipa::service {
namespace {

namespace fs = std::filesystem;

core::Status IoError(const std::string& what, const std::string& path) {
  return core::Internal(what + " " + path + ": " + std::strerror(errno));
}

core::Status FsyncPath(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return IoError("open", path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError("fsync", path);
  return {};
}

core::Status WriteAll(const std::string& path, std::string_view data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return IoError("create", path);
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return IoError("write", path);
    }
    done += static_cast<size_t>(n);
  }
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError("fsync", path);
  return {};
}

}  // namespace

std::string EvidenceFilePath(const std::string& root, const std::string& sha256) {
  return root + "/sha256/" + sha256.substr(0, 2) + "/" + sha256.substr(2);
}

core::Result<std::string> StoreEvidenceFile(const std::string& root, std::string_view data) {
  static std::atomic<uint64_t> counter{0};
  const std::string sha = Sha256Hex(data);
  const std::string path = EvidenceFilePath(root, sha);
  const std::string dir = root + "/sha256/" + sha.substr(0, 2);
  std::error_code ec;
  if (fs::exists(path, ec)) return sha;  // content-addressed: already stored
  fs::create_directories(dir, ec);
  fs::create_directories(root + "/tmp", ec);
  if (ec) return core::Internal("create " + dir + ": " + ec.message());
  const std::string tmp = root + "/tmp/" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".part";
  if (auto st = WriteAll(tmp, data); !st) {
    fs::remove(tmp, ec);
    return std::unexpected(st.error());
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    auto err = IoError("rename to", path);
    fs::remove(tmp, ec);
    return std::unexpected(err.error());
  }
  IPA_CHECK(FsyncPath(dir, O_RDONLY | O_DIRECTORY));
  return sha;
}

core::Result<std::string> ReadEvidenceFile(const std::string& root, const std::string& sha256) {
  const std::string path = EvidenceFilePath(root, sha256);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return core::Fail(core::ErrorCode::kNotFound, "the evidence file is missing from storage");
    return core::Internal("open " + path + ": " + std::strerror(errno));
  }
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return core::Internal("read " + path);
  return std::move(out).str();
}

}  // namespace ipa::service
