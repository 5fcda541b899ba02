// The HTTP/1.1 server (Boost.Beast over Asio): asynchronous connections with keep-alive,
// read and idle timeouts and a body limit; handlers run on a worker pool so database work
// never blocks the network threads. Stops gracefully on Stop() or SIGTERM/SIGINT.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "http/router.hpp"

namespace ipa::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 2;
  int worker_threads = 8;
  int read_timeout_s = 30;   // a request must arrive whole within this
  int idle_timeout_s = 120;  // a keep-alive connection with no request is closed after this
  size_t body_limit = 1 << 20;
  // Requests whose target starts with this prefix may carry up to upload_limit bytes (the
  // route still enforces its own limit).
  std::string upload_prefix = "/api/v1/imports";
  size_t upload_limit = 256u << 20;
  // Evidence uploads (POST /api/v1/cases/{id}/evidence) may carry up to this many bytes.
  size_t evidence_upload_limit = 65u << 20;
  // Upload bodies (the two limits above) are written here as they arrive instead of being held
  // in memory; created at Start, stale "upload-*" files removed. "" = uploads held in memory.
  std::string spool_dir;
  bool handle_signals = true;
};

class Server {
 public:
  Server(Router& router, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. kUnavailable when the address is taken.
  core::Result<uint16_t> Start();
  // Serves until Stop() or a signal; then drains in-flight requests (up to 10 s).
  void Run();
  // Thread-safe; may be called from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipa::http
