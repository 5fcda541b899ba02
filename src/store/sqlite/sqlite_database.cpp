#include "store/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
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
    // The writer keeps up to 128 MiB of pages (allocated only as used) and checkpoints the WAL
    // every 20,000 pages rather than 1,000: bulk imports touch pages all over the patents
    // table and its unique index, and with SQLite's 2 MiB default they were re-read and
    // re-written one 4 KiB page per system call (measured: 200,000 patents 10.8 s → 6.0 s).
    const char* pragmas = read_only ? "PRAGMA foreign_keys=ON;"
                                    : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                                      "PRAGMA foreign_keys=ON; PRAGMA cache_size=-131072; "
                                      "PRAGMA wal_autocheckpoint=20000;";
    if (path == ":memory:") pragmas = "PRAGMA foreign_keys=ON;";
    char* err = nullptr;
    if (sqlite3_exec(db, pragmas, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "?";
      sqlite3_free(err);
      return Fail(ErrorCode::kUnavailable, "cannot configure SQLite database: " + msg);
    }
    return conn;
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
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    const std::string text = ToSqlitePlaceholders(sql);
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return std::unexpected(SqliteError(db_, rc, sql));
    if (cache_.size() > 512) {
      for (auto& [s, st] : cache_) sqlite3_finalize(st);
      cache_.clear();
    }
    cache_.emplace(std::move(key), stmt);
    return stmt;
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
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
                 std::vector<std::unique_ptr<Connection>> readers)
      : path_(std::move(path)), writer_(std::move(writer)), readers_(std::move(readers)) {
    for (auto& r : readers_) idle_.push_back(r.get());
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
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int readers) {
  IPA_TRY(writer, Connection::Open(path, false));
  std::vector<std::unique_ptr<Connection>> pool;
  if (path != ":memory:") {
    for (int i = 0; i < readers; ++i) {
      IPA_TRY(reader, Connection::Open(path, true));
      pool.push_back(std::move(reader));
    }
  }
  return std::make_unique<SqliteDatabase>(path, std::move(writer), std::move(pool));
}

}  // namespace ipa::store
