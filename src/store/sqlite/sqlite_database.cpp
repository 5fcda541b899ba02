#include "store/sqlite/sqlite_database.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ipa::store {
namespace {

using core::ErrorCode;
using core::Fail;

// "$12" placeholders become SQLite's numbered "?12".
std::string ToSqlitePlaceholders(std::string_view sql) {
  std::string out(sql);
  for (char& c : out) {
    if (c == '$') c = '?';
  }
  return out;
}

core::Error SqliteError(sqlite3* db, int rc, std::string_view sql) {
  const int ext = sqlite3_extended_errcode(db);
  std::string msg = sqlite3_errmsg(db);
  core::Error e;
  e.detail = "sqlite: " + msg + " in: " + std::string(sql.substr(0, 200));
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    e.code = ErrorCode::kAlreadyExists;
    e.message = "already exists";
    // "UNIQUE constraint failed: organizations.credit_code" → field credit_code.
    if (auto dot = msg.rfind('.'); dot != std::string::npos) e.field = msg.substr(dot + 1);
  } else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY || ext == SQLITE_CONSTRAINT_CHECK ||
             ext == SQLITE_CONSTRAINT_NOTNULL) {
    e.code = ErrorCode::kInvalidArgument;
    e.message = "violates a constraint: " + msg;
  } else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    e.code = ErrorCode::kUnavailable;
    e.message = "database busy, try again";
  } else {
    e.code = ErrorCode::kInternal;
    e.message = "internal error";
  }
  return e;
}

// One connection with its prepared-statement cache.
class Connection {
 public:
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only) {
    sqlite3* db = nullptr;
    const int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    auto conn = std::unique_ptr<Connection>(new Connection(db));
    if (rc != SQLITE_OK) {
      return Fail(ErrorCode::kUnavailable,
                  "cannot open SQLite database " + path + ": " + sqlite3_errmsg(db));
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    // The writer keeps up to 128 MiB of pages (allocated only as used): bulk imports touch
    // pages all over the patents table and its unique index, and with SQLite's 2 MiB default
    // they were re-read and re-written one 4 KiB page per system call (measured: 200,000
    // patents 10.8 s → 6.0 s). The WAL is checkpointed by the Checkpointer below, not here.
    // A new database gets 16 KiB pages (an existing one keeps its own): patent rows are about
    // 1.5 KB, and a 1,000,000-patent import wrote a quarter of the WAL frames and ran about
    // 18% faster than with 4 KiB pages in back-to-back runs (bench/README.md).
    const char* pragmas = read_only ? "PRAGMA foreign_keys=ON;"
                                    : "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                                      "PRAGMA foreign_keys=ON; PRAGMA cache_size=-131072;";
    if (path == ":memory:") pragmas = "PRAGMA foreign_keys=ON;";
    char* err = nullptr;
    if (sqlite3_exec(db, pragmas, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "?";
      sqlite3_free(err);
      return Fail(ErrorCode::kUnavailable, "cannot configure SQLite database: " + msg);
    }
    return conn;
  }

  sqlite3* handle() { return db_; }

  int PageSize() {
    auto rows = Run("PRAGMA page_size", {}, nullptr);
    return rows && !rows->empty() ? static_cast<int>(rows->front().Int(0)) : 4096;
  }

  Status Simple(const char* sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return std::unexpected(SqliteError(db_, rc, sql));
    return {};
  }

  Result<std::vector<Row>> Run(std::string_view sql, std::span<const Value> params,
                               int64_t* changes) {
    IPA_TRY(stmt, Prepare(sql));
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) rc = sqlite3_bind_null(stmt, idx);
            else if constexpr (std::is_same_v<T, int64_t>) rc = sqlite3_bind_int64(stmt, idx, v);
            else if constexpr (std::is_same_v<T, double>) rc = sqlite3_bind_double(stmt, idx, v);
            else if constexpr (std::is_same_v<T, std::string_view>) rc = sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
            else rc = sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);  // lives until reset
          },
          params[i]);
      if (rc != SQLITE_OK) {
        sqlite3_reset(stmt);
        return std::unexpected(SqliteError(db_, rc, sql));
      }
    }
    std::vector<Row> rows;
    const int ncol = sqlite3_column_count(stmt);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<std::optional<std::string>> cols(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) continue;
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        cols[static_cast<size_t>(c)].emplace(text, static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
      }
      rows.emplace_back(std::move(cols));
    }
    if (rc != SQLITE_DONE) {
      core::Error e = SqliteError(db_, rc, sql);
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
      return std::unexpected(std::move(e));
    }
    if (changes) *changes = sqlite3_changes64(db_);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rows;
  }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
    const std::string text = ToSqlitePlaceholders(sql);
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return std::unexpected(SqliteError(db_, rc, sql));
    if (cache_.size() > 512) {
      for (auto& [s, st] : cache_) sqlite3_finalize(st);
      cache_.clear();
    }
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  sqlite3* db_;
  // Looked up by string_view, so the text is not copied on every call, and hashed by its
  // length and ends only: a bulk import runs a 1.5 KB upsert per patent and hashing all of it
  // showed in the profile. Texts that share length and ends just share a bucket.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      const size_t n = s.size();
      const std::hash<std::string_view> h;
      if (n <= 96) return h(s);
      return h(s.substr(0, 32)) ^ (h(s.substr(n - 64)) * 31) ^ n;
    }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache_;
};

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}
  using Tx::Exec;
  using Tx::Query;
  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    return conn_.Run(sql, params, nullptr);
  }
  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    int64_t changes = 0;
    IPA_CHECK(conn_.Run(sql, params, &changes));
    return changes;
  }
  Dialect dialect() const override { return Dialect::kSqlite; }

 private:
  Connection& conn_;
};

// Copies committed WAL frames into the database file on its own thread and connection, so the
// writer never stops for a checkpoint (a bulk import spent about a tenth of its writing thread
// in them). SQLite's checkpoints run beside a writer: a PASSIVE pass copies the frames that
// were committed when it began. The WAL file restarts from its beginning only when a write
// transaction begins after a pass copied everything, so once it has grown past the restart size
// the next write waits for one pass with no commit in between (about one transaction's worth
// of frames) and the WAL restarts instead of growing without bound.
class Checkpointer {
 public:
  Checkpointer(std::unique_ptr<Connection> conn, const SqliteTuning& tuning)
      : conn_(std::move(conn)), tuning_(tuning), thread_([this] { Run(); }) {}

  ~Checkpointer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  // Installs the WAL hook on the writer: SQLite calls it after each commit with the number of
  // frames in the WAL. This replaces SQLite's own automatic checkpoint on that connection.
  void Attach(Connection& writer, int page_size) {
    {
      std::lock_guard lock(mu_);
      start_frames_ = static_cast<int>(std::max<int64_t>(1, tuning_.checkpoint_start_bytes / page_size));
      restart_frames_ = static_cast<int>(std::max<int64_t>(1, tuning_.checkpoint_restart_bytes / page_size));
      force_at_ = restart_frames_;
    }
    sqlite3_wal_hook(
        writer.handle(),
        [](void* self, sqlite3*, const char*, int frames) {
          static_cast<Checkpointer*>(self)->Committed(frames);
          return SQLITE_OK;
        },
        this);
  }

  // The writer, holding the write lock, before it begins a transaction.
  void BeforeWrite() {
    std::unique_lock lock(mu_);
    if (frames_ < force_at_) return;
    // Wait for a pass that starts now; if a reader's snapshot keeps the WAL from restarting,
    // do not wait again until it has grown by another restart size.
    force_at_ = frames_ + restart_frames_;
    const uint64_t pass = ++requested_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return finished_ >= pass || stop_; });
  }

 private:
  void Committed(int frames) {
    std::lock_guard lock(mu_);
    if (frames < frames_) force_at_ = restart_frames_;  // the WAL restarted
    frames_ = frames;
    if (frames >= start_frames_ && requested_ == finished_) {
      ++requested_;
      cv_.notify_all();
    }
  }

  void Run() {
    std::unique_lock lock(mu_);
    while (true) {
      cv_.wait(lock, [&] { return stop_ || requested_ > finished_; });
      if (stop_) return;
      const uint64_t pass = requested_;
      lock.unlock();
      int log = 0, copied = 0;
      const int rc = sqlite3_wal_checkpoint_v2(conn_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                               &log, &copied);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
        // Not fatal: the frames stay in the WAL, which readers and the next pass still use.
        spdlog::warn("WAL checkpoint failed: {}", sqlite3_errmsg(conn_->handle()));
      }
      lock.lock();
      finished_ = pass;
      cv_.notify_all();
    }
  }

  std::unique_ptr<Connection> conn_;
  const SqliteTuning tuning_;
  std::mutex mu_;
  std::condition_variable cv_;
  int frames_ = 0;
  int start_frames_ = 0, restart_frames_ = 0, force_at_ = 0;
  uint64_t requested_ = 0, finished_ = 0;
  bool stop_ = false;
  std::thread thread_;  // last: starts after the fields it reads are set
};

Status RunInTransaction(Connection& conn, const char* begin, const TxFn& fn) {
  IPA_CHECK(conn.Simple(begin));
  SqliteTx tx(conn);
  Status st;
  try {
    st = fn(tx);
  } catch (...) {
    (void)conn.Simple("ROLLBACK");
    throw;
  }
  if (!st) {
    (void)conn.Simple("ROLLBACK");
    return st;
  }
  if (Status c = conn.Simple("COMMIT"); !c) {
    (void)conn.Simple("ROLLBACK");
    return c;
  }
  return {};
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::unique_ptr<Connection> writer,
                 std::vector<std::unique_ptr<Connection>> readers,
                 std::unique_ptr<Checkpointer> checkpointer)
      : path_(std::move(path)),
        writer_(std::move(writer)),
        readers_(std::move(readers)),
        checkpointer_(std::move(checkpointer)) {
    for (auto& r : readers_) idle_.push_back(r.get());
    if (checkpointer_) checkpointer_->Attach(*writer_, writer_->PageSize());
  }

  ~SqliteDatabase() override {
    if (checkpointer_) sqlite3_wal_hook(writer_->handle(), nullptr, nullptr);
    checkpointer_.reset();  // before the writer closes and checkpoints what is left
  }

  Status Read(const TxFn& fn) override {
    if (readers_.empty()) {
      std::lock_guard lock(write_mu_);
      return RunInTransaction(*writer_, "BEGIN", fn);
    }
    Connection* conn = nullptr;
    {
      std::unique_lock lock(pool_mu_);
      pool_cv_.wait(lock, [&] { return !idle_.empty(); });
      conn = idle_.back();
      idle_.pop_back();
    }
    Status st;
    try {
      st = RunInTransaction(*conn, "BEGIN", fn);
    } catch (...) {
      Release(conn);
      throw;
    }
    Release(conn);
    return st;
  }

  Status Write(const TxFn& fn) override {
    std::lock_guard lock(write_mu_);
    if (checkpointer_) checkpointer_->BeforeWrite();
    return RunInTransaction(*writer_, "BEGIN IMMEDIATE", fn);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }

 private:
  void Release(Connection* conn) {
    {
      std::lock_guard lock(pool_mu_);
      idle_.push_back(conn);
    }
    pool_cv_.notify_one();
  }

  std::string path_;
  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<Connection*> idle_;
  std::unique_ptr<Checkpointer> checkpointer_;  // null for ":memory:"
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int readers,
                                             const SqliteTuning& tuning) {
  IPA_TRY(writer, Connection::Open(path, false));
  std::vector<std::unique_ptr<Connection>> pool;
  std::unique_ptr<Checkpointer> checkpointer;
  if (path != ":memory:") {
    for (int i = 0; i < readers; ++i) {
      IPA_TRY(reader, Connection::Open(path, true));
      pool.push_back(std::move(reader));
    }
    IPA_TRY(checkpoint_conn, Connection::Open(path, false));
    checkpointer = std::make_unique<Checkpointer>(std::move(checkpoint_conn), tuning);
  }
  return std::make_unique<SqliteDatabase>(path, std::move(writer), std::move(pool), std::move(checkpointer));
}

}  // namespace ipa::store
