#include "http/message.hpp"

#include <fcntl.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace ipa::http {

SpooledBody::~SpooledBody() {
  if (map_) ::munmap(map_, size_);
  if (!taken_) ::unlink(path_.c_str());
}

std::string_view SpooledBody::View() const {
  std::lock_guard lock(mu_);
  if (!map_tried_) {
    map_tried_ = true;
    if (size_ > 0) {
      const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (p != MAP_FAILED) {
          ::madvise(p, size_, MADV_SEQUENTIAL);
          map_ = p;
        }
      }
    }
  }
  return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view();
}

bool SpooledBody::Mapped() const {
  View();
  std::lock_guard lock(mu_);
  return size_ == 0 || map_ != nullptr;
}

bool SpooledBody::TakeFile(const std::string& dest, std::string& error) {
  if (::rename(path_.c_str(), dest.c_str()) != 0) {
    if (errno != EXDEV) {
      error = std::strerror(errno);
      return false;
    }
    std::error_code ec;
    std::filesystem::copy_file(path_, dest, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) {
      error = ec.message();
      std::filesystem::remove(dest, ec);
      return false;
    }
    ::unlink(path_.c_str());
  }
  taken_ = true;
  return true;
}

namespace {

const std::string kEmpty;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

const std::string& Request::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? kEmpty : it->second;
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [n, v] : headers) {
    if (strcasecmp(n.c_str(), name.c_str()) == 0) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

const std::string* Response::FindHeader(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return &v;
  }
  return nullptr;
}

bool ParseTarget(const std::string& target, std::string& path,
                 std::map<std::string, std::string>& query) {
  if (target.empty() || target[0] != '/') return false;
  const auto qpos = target.find('?');
  if (!PercentDecode(std::string_view(target).substr(0, qpos), path, false)) return false;
  if (path.find('\0') != std::string::npos) return false;
  if (qpos == std::string::npos) return true;
  std::string_view rest = std::string_view(target).substr(qpos + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string key, value;
    if (!PercentDecode(pair.substr(0, eq), key, true)) return false;
    if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), value, true)) {
      return false;
    }
    query[key] = value;
  }
  return true;
}

}  // namespace ipa::http

namespace ipa::http {
namespace {

class QueueBodyStream final : public BodyStream {
 public:
  explicit QueueBodyStream(BodyProducer producer) {
    thread_ = std::thread([this, producer = std::move(producer)] {
      producer([this](std::string piece) { return Push(std::move(piece)); });
      std::lock_guard lock(mu_);
      done_ = true;
      cv_.notify_all();
    });
  }
  ~QueueBodyStream() override {
    {
      std::lock_guard lock(mu_);
      cancelled_ = true;
      cv_.notify_all();
    }
    thread_.join();
  }

  bool Next(std::string& chunk) override {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !queue_.empty() || done_; });
    chunk.clear();
    if (!queue_.empty()) {
      chunk = std::move(queue_.front());
      queue_.pop_front();
      cv_.notify_all();
    }
    return !queue_.empty() || !done_;
  }

 private:
  static constexpr size_t kMaxQueued = 4;

  bool Push(std::string piece) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return queue_.size() < kMaxQueued || cancelled_; });
    if (cancelled_) return false;
    queue_.push_back(std::move(piece));
    cv_.notify_all();
    return true;
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool done_ = false;
  bool cancelled_ = false;
  std::thread thread_;  // last: started after the members it uses exist
};

}  // namespace

std::shared_ptr<BodyStream> ProduceBody(BodyProducer producer) {
  return std::make_shared<QueueBodyStream>(std::move(producer));
}

std::string DrainBody(BodyStream& stream) {
  std::string out, chunk;
  bool more = true;
  while (more) {
    more = stream.Next(chunk);
    out += chunk;
  }
  return out;
}

}  // namespace ipa::http
