// The audit trail (who did what to which object, with what outcome) and the change log (a
// monotonic sequence of changed entities that in-memory indexes follow).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "store/database.hpp"

namespace ipa::store {

struct AuditEntry {
  int64_t id = 0;
  int64_t at = 0;
  std::optional<core::UserId> actor_id;
  std::string actor_login;
  std::string action;       // "org.create", "auth.login", "access.denied", ...
  std::string object_type;  // "organization", "user", "token", "session", ...
  std::string object_id;
  std::string outcome;      // "ok", "denied", "failed"
  std::string request_id;
  std::string ip;
  std::string office;       // owning office code, or "" when none
  std::string detail;       // never a secret
};

struct AuditFilter {
  std::string office;  // only this office's entries when set
  std::string actor_login;
  std::string action;
  std::string object_type;
  std::string object_id;
};

Status AppendAudit(Tx& tx, const AuditEntry& entry);
// Newest first: entries with id < `before_id` (0 = from the newest).
Result<std::vector<AuditEntry>> ListAudit(Tx& tx, const AuditFilter& filter, int64_t before_id,
                                          int limit);

struct Change {
  int64_t seq = 0;
  std::string entity;
  std::string entity_id;
  std::string op;  // "create", "update", "delete"
  int64_t at = 0;
};

// Appends to the change log in the caller's transaction. On PostgreSQL the append takes a
// transaction-scoped lock so sequence order equals commit order.
Status AppendChange(Tx& tx, std::string_view entity, std::string_view entity_id,
                    std::string_view op);
Result<std::vector<Change>> ChangesAfter(Tx& tx, int64_t after_seq, int limit);
// The highest sequence number in the change log, 0 when it is empty.
Result<int64_t> LatestChangeSeq(Tx& tx);

Result<std::optional<std::string>> GetSetting(Tx& tx, const std::string& key);
Status PutSetting(Tx& tx, const std::string& key, const std::string& value);

}  // namespace ipa::store
