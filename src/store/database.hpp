// The SQL database seen by repositories: parameterised statements inside read or write
// transactions. Two real backends implement it: sqlite/ (embedded default) and postgres/.
// Statements use PostgreSQL-style placeholders ($1, $2, ...) on both backends.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace ipa::store {

using core::Result;
using core::Status;

enum class Dialect { kSqlite, kPostgres };

// A statement parameter. Booleans are stored as integers 0/1 on both backends. A string_view
// parameter borrows its text, which must outlive the statement (bulk writes avoid copies).
using Value = std::variant<std::nullptr_t, int64_t, double, std::string, std::string_view>;

// One result row; columns are returned as text (NULL as nullopt) on both backends.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cols) : cols_(std::move(cols)) {}
  bool IsNull(size_t i) const { return !cols_.at(i).has_value(); }
  const std::string& Text(size_t i) const;  // "" for NULL
  int64_t Int(size_t i) const;              // 0 for NULL
  std::optional<int64_t> OptInt(size_t i) const;
  bool Bool(size_t i) const { return Int(i) != 0; }
  size_t size() const { return cols_.size(); }

 private:
  std::vector<std::optional<std::string>> cols_;
};

// A transaction in progress. Not thread-safe; lives for one Read/Write callback.
class Tx {
 public:
  virtual ~Tx() = default;
  // Runs a statement and returns its rows. Constraint violations map to kAlreadyExists
  // (unique) or kInvalidArgument (foreign key, check); serialisation failures to kConflict.
  virtual Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) = 0;
  virtual Dialect dialect() const = 0;

  Result<std::vector<Row>> Query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  Result<int64_t> Exec(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Exec(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // The single row of a query; kNotFound when there is none.
  Result<Row> QueryOne(std::string_view sql, std::initializer_list<Value> params = {});
};

using TxFn = std::function<Status(Tx&)>;

// A database with transactions. Thread-safe: any number of threads may run transactions.
class Database {
 public:
  virtual ~Database() = default;
  // Runs `fn` in a read-only transaction with a consistent snapshot.
  virtual Status Read(const TxFn& fn) = 0;
  // Runs `fn` in a write transaction, committed durably when it returns success and rolled
  // back otherwise. Writes are serialised (SQLite) or row-locked (PostgreSQL).
  virtual Status Write(const TxFn& fn) = 0;
  virtual Dialect dialect() const = 0;
  // A description for logs, without credentials.
  virtual std::string Describe() const = 0;
};

// `s` with LIKE's wildcards escaped for `LIKE ... ESCAPE '\'` (same on both backends).
std::string LikeEscape(std::string_view s);

// Helpers to run a transaction that produces a value.
template <class T, class F>
Result<T> ReadValue(Database& db, F&& fn) {
  std::optional<T> out;
  Status st = db.Read([&](Tx& tx) -> Status {
    Result<T> r = fn(tx);
    if (!r) return std::unexpected(std::move(r.error()));
    out.emplace(std::move(*r));
    return {};
  });
  if (!st) return std::unexpected(std::move(st.error()));
  return std::move(*out);
}

template <class T, class F>
Result<T> WriteValue(Database& db, F&& fn) {
  std::optional<T> out;
  Status st = db.Write([&](Tx& tx) -> Status {
    Result<T> r = fn(tx);
    if (!r) return std::unexpected(std::move(r.error()));
    out.emplace(std::move(*r));
    return {};
  });
  if (!st) return std::unexpected(std::move(st.error()));
  return std::move(*out);
}

}  // namespace ipa::store
