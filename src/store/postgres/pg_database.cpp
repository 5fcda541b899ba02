#include "store/postgres/pg_database.hpp"

#include <libpq-fe.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <vector>

namespace ipa::store {
namespace {

using core::ErrorCode;
using core::Fail;

struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

core::Error PgError(PGconn* conn, const PGresult* res, std::string_view sql) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  const char* msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  core::Error e;
  e.detail = std::string("postgres ") + sqlstate + ": " + (msg ? msg : "") + " in: " +
             std::string(sql.substr(0, 200));
  if (sqlstate == "23505") {
    e.code = ErrorCode::kAlreadyExists;
    e.message = "already exists";
    const char* constraint = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : nullptr;
    // Constraints are named <table>_<column>_key by default.
    if (constraint) {
      std::string c = constraint;
      if (c.ends_with("_key")) c.resize(c.size() - 4);
      if (auto u = c.find('_'); u != std::string::npos) e.field = c.substr(u + 1);
    }
  } else if (sqlstate == "23503" || sqlstate == "23514" || sqlstate == "23502") {
    e.code = ErrorCode::kInvalidArgument;
    e.message = "violates a constraint";
  } else if (sqlstate == "40001" || sqlstate == "40P01") {
    e.code = ErrorCode::kConflict;
    e.message = "concurrent update, try again";
  } else if (PQstatus(conn) != CONNECTION_OK || sqlstate.starts_with("08")) {
    e.code = ErrorCode::kUnavailable;
    e.message = "database unavailable";
  } else {
    e.code = ErrorCode::kInternal;
    e.message = "internal error";
  }
  return e;
}

class PgTx final : public Tx {
 public:
  explicit PgTx(PGconn* conn) : conn_(conn) {}
  using Tx::Exec;
  using Tx::Query;

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override {
    IPA_TRY(res, Run(sql, params));
    std::vector<Row> rows;
    const int n = PQntuples(res.get());
    const int ncol = PQnfields(res.get());
    rows.reserve(static_cast<size_t>(n));
    for (int r = 0; r < n; ++r) {
      std::vector<std::optional<std::string>> cols(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        if (PQgetisnull(res.get(), r, c)) continue;
        cols[static_cast<size_t>(c)].emplace(PQgetvalue(res.get(), r, c),
                                             static_cast<size_t>(PQgetlength(res.get(), r, c)));
      }
      rows.emplace_back(std::move(cols));
    }
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    IPA_TRY(res, Run(sql, params));
    const char* n = PQcmdTuples(res.get());
    return (n && *n) ? std::stoll(n) : 0;
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<PgResult> Run(std::string_view sql, std::span<const Value> params) {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) return;
            else if constexpr (std::is_same_v<T, std::string>) texts[i] = v;
            else if constexpr (std::is_same_v<T, std::string_view>) texts[i] = std::string(v);
            else texts[i] = std::to_string(v);
            values[i] = texts[i].c_str();
          },
          params[i]);
    }
    const std::string text(sql);
    PgResult res(PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr,
                              values.data(), nullptr, nullptr, 0));
    const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return std::unexpected(PgError(conn_, res.get(), sql));
    }
    return res;
  }

 private:
  PGconn* conn_;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string url, std::string described, int pool_size)
      : url_(std::move(url)), described_(std::move(described)), max_(pool_size) {}
  ~PgDatabase() override {
    for (PGconn* c : idle_) PQfinish(c);
  }

  Result<PGconn*> Connect() {
    PGconn* conn = PQconnectdb(url_.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn);
      PQfinish(conn);
      return Fail(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: " + msg);
    }
    PgResult r(PQexec(conn, "SET client_min_messages = warning; SET TIME ZONE 'UTC'"));
    return conn;
  }

  Status Read(const TxFn& fn) override {
    return Run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn);
  }
  Status Write(const TxFn& fn) override { return Run("BEGIN", fn); }
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string Describe() const override { return described_; }

 private:
  Result<PGconn*> Acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
    if (!idle_.empty()) {
      PGconn* c = idle_.back();
      idle_.pop_back();
      return c;
    }
    ++open_;
    lock.unlock();
    auto c = Connect();
    if (!c) {
      std::lock_guard relock(mu_);
      --open_;
      cv_.notify_one();
    }
    return c;
  }

  void Release(PGconn* conn) {
    std::lock_guard lock(mu_);
    if (PQstatus(conn) == CONNECTION_OK && PQtransactionStatus(conn) == PQTRANS_IDLE) {
      idle_.push_back(conn);
    } else {
      PQfinish(conn);
      --open_;
    }
    cv_.notify_one();
  }

  Status Run(const char* begin, const TxFn& fn) {
    IPA_TRY(conn, Acquire());
    PgTx tx(conn);
    auto simple = [&](const char* sql) -> Status {
      IPA_CHECK(tx.Run(sql, {}));
      return {};
    };
    Status st = simple(begin);
    if (st) {
      try {
        st = fn(tx);
      } catch (...) {
        (void)simple("ROLLBACK");
        Release(conn);
        throw;
      }
      st = st ? simple("COMMIT") : st;
    }
    if (!st) (void)simple("ROLLBACK");
    Release(conn);
    return st;
  }

  std::string url_;
  std::string described_;
  int max_;
  int open_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<PGconn*> idle_;
};

// The URL without its password, for logs.
std::string Redact(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, int pool_size) {
  auto db = std::make_unique<PgDatabase>(url, Redact(url), std::max(pool_size, 1));
  // Fail fast when the server is not there.
  IPA_CHECK(db->Read([](Tx& tx) -> Status {
    IPA_CHECK(tx.Query("SELECT 1"));
    return {};
  }));
  return db;
}

}  // namespace ipa::store
