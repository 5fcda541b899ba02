#include "http/server.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

#include "http/metrics.hpp"
#include "http/problem.hpp"

namespace ipa::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

Request ToRequest(const bhttp::request_header<>& in, const std::string& remote_ip, bool& ok) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  ok = ParseTarget(r.target, r.path, r.query);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  r.remote_ip = remote_ip;
  return r;
}

bhttp::response<bhttp::string_body> ToBeast(Response&& resp, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(resp.status), version};
  out.set(bhttp::field::server, "ipalliance");
  out.set(bhttp::field::content_type, resp.content_type);
  for (auto& [name, value] : resp.headers) out.insert(name, value);
  out.body() = std::move(resp.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

// The head of a chunked response (the body follows from Response::stream).
bhttp::response<bhttp::empty_body> StreamHead(Response&& resp, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(resp.status), version};
  out.set(bhttp::field::server, "ipalliance");
  out.set(bhttp::field::content_type, resp.content_type);
  for (auto& [name, value] : resp.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  out.chunked(true);
  return out;
}

}  // namespace

struct Server::Impl {
  Impl(Router& r, ServerOptions o)
      : router(r), options(std::move(o)), ioc(options.io_threads), acceptor(ioc),
        signals(ioc), workers(static_cast<size_t>(options.worker_threads)) {}

  class Session : public std::enable_shared_from_this<Session> {
   public:
    Session(tcp::socket socket, Impl& impl) : stream_(std::move(socket)), impl_(impl) {
      beast::error_code ec;
      auto ep = stream_.socket().remote_endpoint(ec);
      remote_ip_ = ec ? std::string() : ep.address().to_string();
      impl_.router_metrics().ConnectionOpened();
      ++impl_.open_sessions;
    }
    ~Session() {
      if (spool_fd_ >= 0) ::close(spool_fd_);
      if (!spool_path_.empty()) ::unlink(spool_path_.c_str());
      impl_.router_metrics().ConnectionClosed();
      --impl_.open_sessions;
    }

    void Start() { asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); }); }

   private:
    void Read() {
      if (impl_.stopping) return Close();
      parser_.emplace();
      // Beast checks Content-Length against the limit while parsing the header, so the header is
      // read under the largest limit and OnHeader applies the one for the target.
      parser_->body_limit(std::max({impl_.options.body_limit, impl_.options.upload_limit,
                                    impl_.options.evidence_upload_limit}));
      limit_ = impl_.options.body_limit;
      parser_->header_limit(16 * 1024);
      // Idle keep-alive wait and the request itself share this deadline.
      stream_.expires_after(std::chrono::seconds(first_ ? impl_.options.read_timeout_s : impl_.options.idle_timeout_s));
      first_ = false;
      bhttp::async_read_header(stream_, buffer_, *parser_,
                               [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
    }

    // Uploads get a larger body limit and more time; everything else keeps the defaults.
    void OnHeader(beast::error_code ec) {
      if (ec) return OnRead(ec);
      const auto target = parser_->get().target();
      const bool evidence_upload = target.starts_with("/api/v1/cases/") &&
                                   target.substr(0, target.find('?')).ends_with("/evidence");
      if (target.starts_with(impl_.options.upload_prefix) || evidence_upload) {
        limit_ = evidence_upload ? impl_.options.evidence_upload_limit : impl_.options.upload_limit;
        stream_.expires_after(std::chrono::seconds(impl_.options.read_timeout_s * 20));
      }
      const auto length = parser_->content_length();
      if (length && *length > limit_) return OnRead(bhttp::error::body_limit);
      if (limit_ > impl_.options.body_limit && !impl_.options.spool_dir.empty()) return StartSpool();
      parser_->body_limit(limit_);  // chunked bodies count against it as they arrive
      bhttp::async_read(stream_, buffer_, *parser_,
                        [self = shared_from_this()](beast::error_code e, size_t) { self->OnRead(e); });
    }

    // An upload: the body goes to a file under spool_dir in pieces of kSpoolChunk bytes, so
    // memory stays bounded whatever its size. The handler gets the file (Request::spooled).
    static constexpr size_t kSpoolChunk = 64 * 1024;

    void StartSpool() {
      spool_parser_.emplace(std::move(*parser_));
      parser_.reset();
      spool_parser_->body_limit(limit_);
      spool_path_ = impl_.options.spool_dir + "/upload-" + std::to_string(::getpid()) + "-" +
                    std::to_string(impl_.spool_seq.fetch_add(1));
      spool_fd_ = ::open(spool_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (spool_fd_ < 0) {
        spdlog::error("cannot create spool file {}: {}", spool_path_, std::strerror(errno));
        spool_path_.clear();
        return SpoolFailed();
      }
      spool_size_ = 0;
      if (!spool_buf_) spool_buf_ = std::make_unique<char[]>(kSpoolChunk);
      ReadSpoolChunk();
    }

    void ReadSpoolChunk() {
      auto& body = spool_parser_->get().body();
      body.data = spool_buf_.get();
      body.size = kSpoolChunk;
      bhttp::async_read(stream_, buffer_, *spool_parser_,
                        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnSpoolChunk(ec); });
    }

    void OnSpoolChunk(beast::error_code ec) {
      if (ec == bhttp::error::need_buffer) ec = {};
      if (ec) {
        DropSpool();
        return OnRead(ec);
      }
      const size_t n = kSpoolChunk - spool_parser_->get().body().size;
      for (size_t done = 0; done < n;) {
        const ssize_t w = ::write(spool_fd_, spool_buf_.get() + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
          spdlog::error("cannot write spool file {}: {}", spool_path_, std::strerror(errno));
          DropSpool();
          return SpoolFailed();
        }
        done += static_cast<size_t>(w);
      }
      spool_size_ += n;
      if (!spool_parser_->is_done()) return ReadSpoolChunk();
      ::close(spool_fd_);
      spool_fd_ = -1;
      auto spooled = std::make_shared<SpooledBody>(std::move(spool_path_), spool_size_);
      spool_path_.clear();
      auto msg = spool_parser_->release();
      spool_parser_.reset();
      bool target_ok = true;
      Request r = ToRequest(msg, remote_ip_, target_ok);
      r.spooled = std::move(spooled);
      Dispatch(std::move(r), target_ok, msg.keep_alive() && !impl_.stopping, msg.version());
    }

    // Closes and removes a partial spool file (client gone, over the limit, I/O error).
    void DropSpool() {
      if (spool_fd_ >= 0) ::close(spool_fd_);
      spool_fd_ = -1;
      if (!spool_path_.empty()) ::unlink(spool_path_.c_str());
      spool_path_.clear();
      spool_parser_.reset();
    }

    void SpoolFailed() {
      spool_parser_.reset();
      Response resp = ProblemResponse({core::ErrorCode::kUnavailable, "cannot store the upload; try again later", {}, {}, 0}, "-");
      Write(ToBeast(std::move(resp), 11, false));
    }

    void OnRead(beast::error_code ec) {
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
          ec == asio::error::connection_reset || ec == asio::error::eof) {
        return Close();
      }
      if (ec) {
        core::Error err{core::ErrorCode::kInvalidArgument, "malformed HTTP request: " + ec.message(), {}, {}, 0};
        if (ec == bhttp::error::body_limit) {
          err = {core::ErrorCode::kPayloadTooLarge, "request body over " + std::to_string(limit_) + " bytes", {}, {}, 0};
        } else if (ec == bhttp::error::header_limit) {
          err.message = "request headers too large";
        }
        Response resp = ProblemResponse(err, "-");
        return Write(ToBeast(std::move(resp), 11, false));
      }
      auto req = parser_->release();
      parser_.reset();
      bool target_ok = true;
      Request r = ToRequest(req, remote_ip_, target_ok);
      r.body = std::move(req.body());
      Dispatch(std::move(r), target_ok, req.keep_alive() && !impl_.stopping, req.version());
    }

    // Runs the handler on a worker thread and writes its response.
    void Dispatch(Request&& request, bool target_ok, bool keep_alive, unsigned version) {
      stream_.expires_never();
      ++impl_.in_flight;
      asio::post(impl_.workers, [self = shared_from_this(), r = std::move(request), target_ok, keep_alive, version]() mutable {
        Response resp;
        if (!target_ok) {
          resp = ProblemResponse({core::ErrorCode::kInvalidArgument, "malformed request target", {}, {}, 0}, "-");
        } else {
          resp = self->impl_.router.Handle(r);
        }
        r = Request{};  // done with the body: a spooled file is unmapped and removed here
        if (resp.stream) {
          auto stream = std::move(resp.stream);
          auto head = std::make_shared<bhttp::response<bhttp::empty_body>>(StreamHead(std::move(resp), version, keep_alive));
          asio::post(self->stream_.get_executor(), [self, head, stream] {
            --self->impl_.in_flight;
            self->WriteStreamed(head, stream);
          });
          return;
        }
        auto out = std::make_shared<bhttp::response<bhttp::string_body>>(ToBeast(std::move(resp), version, keep_alive));
        asio::post(self->stream_.get_executor(), [self, out] {
          --self->impl_.in_flight;
          self->WriteShared(out);
        });
      });
    }

    void Write(bhttp::response<bhttp::string_body>&& resp) {
      WriteShared(std::make_shared<bhttp::response<bhttp::string_body>>(std::move(resp)));
    }

    void WriteShared(std::shared_ptr<bhttp::response<bhttp::string_body>> resp) {
      stream_.expires_after(std::chrono::seconds(impl_.options.read_timeout_s));
      const bool close = !resp->keep_alive();
      bhttp::async_write(stream_, *resp, [self = shared_from_this(), resp, close](beast::error_code ec, size_t) {
        if (ec || close) return self->Close();
        self->Read();
      });
    }

    // A chunked response: the head, then each piece the stream yields (pulled on a worker
    // thread, written on this session's strand), then the last chunk.
    void WriteStreamed(std::shared_ptr<bhttp::response<bhttp::empty_body>> head, std::shared_ptr<BodyStream> body) {
      stream_.expires_after(std::chrono::seconds(impl_.options.read_timeout_s));
      auto sr = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*head);
      bhttp::async_write_header(stream_, *sr, [self = shared_from_this(), head, sr, body](beast::error_code ec, size_t) {
        if (ec) return self->Close();
        self->PullChunk(body, !head->keep_alive());
      });
    }

    void PullChunk(std::shared_ptr<BodyStream> body, bool close) {
      asio::post(impl_.workers, [self = shared_from_this(), body, close] {
        auto chunk = std::make_shared<std::string>();
        const bool more = body->Next(*chunk);
        asio::post(self->stream_.get_executor(), [self, body, close, chunk, more] {
          self->WriteChunk(body, close, chunk, more);
        });
      });
    }

    void WriteChunk(std::shared_ptr<BodyStream> body, bool close, std::shared_ptr<std::string> chunk, bool more) {
      stream_.expires_after(std::chrono::seconds(impl_.options.read_timeout_s));
      auto next = [self = shared_from_this(), body, close, more](beast::error_code ec, size_t) {
        if (ec) return self->Close();
        if (more) return self->PullChunk(body, close);
        self->WriteLastChunk(close);
      };
      if (chunk->empty()) return next({}, 0);
      asio::async_write(stream_, bhttp::make_chunk(asio::buffer(*chunk)),
                        [chunk, next = std::move(next)](beast::error_code ec, size_t n) { next(ec, n); });
    }

    void WriteLastChunk(bool close) {
      asio::async_write(stream_, bhttp::make_chunk_last(), [self = shared_from_this(), close](beast::error_code ec, size_t) {
        if (ec || close) return self->Close();
        self->Read();
      });
    }

    void Close() {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      stream_.socket().close(ec);
    }

    beast::tcp_stream stream_;
    Impl& impl_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::optional<bhttp::request_parser<bhttp::buffer_body>> spool_parser_;  // an upload being spooled
    std::unique_ptr<char[]> spool_buf_;
    std::string spool_path_;  // the partial spool file ("" when none)
    int spool_fd_ = -1;
    size_t spool_size_ = 0;
    std::string remote_ip_;
    bool first_ = true;
    size_t limit_ = 0;  // body limit of the request being read
  };

  Metrics& router_metrics() { return router.app().metrics; }

  void Accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (stopping) return;
      if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(std::move(socket), *this)->Start();
      } else if (ec != asio::error::operation_aborted) {
        spdlog::warn("accept failed: {}", ec.message());
        // Out of descriptors: pause briefly instead of spinning.
        if (ec == asio::error::no_descriptors) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      Accept();
    });
  }

  Router& router;
  ServerOptions options;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::thread_pool workers;
  std::thread drainer;  // started by Stop(); joined by Run() or the destructor
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::atomic<int> open_sessions{0};
  std::atomic<uint64_t> spool_seq{0};

};

Server::Server(Router& router, ServerOptions options) : impl_(std::make_unique<Impl>(router, std::move(options))) {}
Server::~Server() {
  if (impl_->drainer.joinable()) impl_->drainer.join();
}

core::Result<uint16_t> Server::Start() {
  auto& impl = *impl_;
  if (!impl.options.spool_dir.empty()) {
    // Files left by a previous run (a crash mid-upload) are removed; only this server writes here.
    std::error_code fec;
    std::filesystem::create_directories(impl.options.spool_dir, fec);
    if (fec) {
      return core::Fail(core::ErrorCode::kUnavailable, "cannot create the spool directory " + impl.options.spool_dir + ": " + fec.message());
    }
    size_t stale = 0;
    for (const auto& entry : std::filesystem::directory_iterator(impl.options.spool_dir, fec)) {
      if (entry.path().filename().string().starts_with("upload-") && std::filesystem::remove(entry.path(), fec)) ++stale;
    }
    if (stale > 0) spdlog::info("removed {} stale upload spool file(s) from {}", stale, impl.options.spool_dir);
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl.options.host, ec);
  if (ec) return core::Fail(core::ErrorCode::kInvalidArgument, "IPA_LISTEN: bad host '" + impl.options.host + "'", "IPA_LISTEN");
  tcp::endpoint endpoint(address, impl.options.port);
  impl.acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl.acceptor.bind(endpoint, ec);
  if (!ec) impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return core::Fail(core::ErrorCode::kUnavailable, "cannot listen on " + impl.options.host + ":" +
                                                         std::to_string(impl.options.port) + ": " + ec.message());
  }
  if (impl.options.handle_signals) {
    impl.signals.add(SIGINT);
    impl.signals.add(SIGTERM);
    impl.signals.async_wait([this](beast::error_code e, int sig) {
      if (!e) {
        spdlog::info("signal {} received; shutting down", sig);
        Stop();
      }
    });
  }
  impl.Accept();
  return impl.acceptor.local_endpoint().port();
}

void Server::Run() {
  auto& impl = *impl_;
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.options.io_threads; ++i) threads.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : threads) t.join();
  if (impl.drainer.joinable()) impl.drainer.join();
  impl.workers.join();
}

void Server::Stop() {
  auto& impl = *impl_;
  if (impl.stopping.exchange(true)) return;
  asio::post(impl.ioc, [&impl] {
    beast::error_code ec;
    impl.acceptor.close(ec);
    impl.signals.cancel(ec);
  });
  // Drain: wait for handlers in flight, then stop the loop (idle connections are dropped).
  impl.drainer = std::thread([&impl] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (impl.in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the last writes go out
    impl.ioc.stop();
  });
}

}  // namespace ipa::http
