#include "store/audit_repo.hpp"

#include "core/time.hpp"

namespace ipa::store {
namespace {

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (at, actor_id, actor_login, action, object_type, object_id, outcome, "
    "request_id, ip, office, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr std::string_view kAuditColumns =
    "id, at, actor_id, actor_login, action, object_type, object_id, outcome, request_id, ip, "
    "office, detail";
constexpr std::string_view kInsertChange =
    "INSERT INTO change_log (entity, entity_id, op, at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kChangeLock = "SELECT pg_advisory_xact_lock(727002)";
constexpr std::string_view kSelectChanges =
    "SELECT seq, entity, entity_id, op, at FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2";
constexpr std::string_view kUpsertSetting =
    "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = "
    "excluded.value";

}  // namespace

Status AppendAudit(Tx& tx, const AuditEntry& e) {
  IPA_CHECK(tx.Exec(kInsertAudit,
                    {e.at ? e.at : core::NowMs(),
                     e.actor_id ? Value(e.actor_id->value) : Value(nullptr), e.actor_login,
                     e.action, e.object_type, e.object_id, e.outcome, e.request_id, e.ip,
                     e.office.empty() ? Value(nullptr) : Value(e.office), e.detail}));
  return {};
}

Result<std::vector<AuditEntry>> ListAudit(Tx& tx, const AuditFilter& f, int64_t before_id,
                                          int limit) {
  std::string sql = "SELECT " + std::string(kAuditColumns) + " FROM audit_log WHERE id < $1";
  std::vector<Value> params = {before_id > 0 ? before_id : INT64_MAX};
  auto add = [&](std::string_view column, const std::string& v) {
    if (v.empty()) return;
    params.push_back(v);
    sql += " AND " + std::string(column) + " = $" + std::to_string(params.size());
  };
  add("office", f.office);
  add("actor_login", f.actor_login);
  add("action", f.action);
  add("object_type", f.object_type);
  add("object_id", f.object_id);
  params.push_back(int64_t{limit});
  sql += " ORDER BY id DESC LIMIT $" + std::to_string(params.size());
  IPA_TRY(rows, tx.Query(sql, params));
  std::vector<AuditEntry> out;
  for (const Row& r : rows) {
    AuditEntry e;
    e.id = r.Int(0);
    e.at = r.Int(1);
    if (!r.IsNull(2)) e.actor_id = core::UserId{r.Int(2)};
    e.actor_login = r.Text(3);
    e.action = r.Text(4);
    e.object_type = r.Text(5);
    e.object_id = r.Text(6);
    e.outcome = r.Text(7);
    e.request_id = r.Text(8);
    e.ip = r.Text(9);
    e.office = r.Text(10);
    e.detail = r.Text(11);
    out.push_back(std::move(e));
  }
  return out;
}

Status AppendChange(Tx& tx, std::string_view entity, std::string_view entity_id,
                    std::string_view op) {
  if (tx.dialect() == Dialect::kPostgres) IPA_CHECK(tx.Query(kChangeLock));
  IPA_CHECK(tx.Exec(kInsertChange, {entity, entity_id, op, core::NowMs()}));
  return {};
}

Result<int64_t> LatestChangeSeq(Tx& tx) {
  IPA_TRY(row, tx.QueryOne("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
  return row.Int(0);
}

Result<std::vector<Change>> ChangesAfter(Tx& tx, int64_t after_seq, int limit) {
  IPA_TRY(rows, tx.Query(kSelectChanges, {after_seq, int64_t{limit}}));
  std::vector<Change> out;
  for (const Row& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
  return out;
}

Result<std::optional<std::string>> GetSetting(Tx& tx, const std::string& key) {
  IPA_TRY(rows, tx.Query("SELECT value FROM settings WHERE key = $1", {key}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Status PutSetting(Tx& tx, const std::string& key, const std::string& value) {
  IPA_CHECK(tx.Exec(kUpsertSetting, {key, value}));
  return {};
}

}  // namespace ipa::store
