#include "service/audit_service.hpp"

#include <spdlog/spdlog.h>

#include "core/cursor.hpp"
#include "core/time.hpp"

namespace ipa::service {

core::Status RecordAudit(store::Tx& tx, const Actor& actor, const AuditRecord& r) {
  store::AuditEntry e;
  e.at = core::NowMs();
  if (actor.user) e.actor_id = actor.user->id;
  e.actor_login = actor.login();
  e.action = r.action;
  e.object_type = r.object_type;
  e.object_id = r.object_id;
  e.outcome = r.outcome;
  e.request_id = actor.request_id;
  e.ip = actor.ip;
  e.office = r.office;
  e.detail = r.detail;
  return store::AppendAudit(tx, e);
}

void RecordAuditNow(store::Database& db, const Actor& actor, const AuditRecord& record) {
  auto st = db.Write([&](store::Tx& tx) { return RecordAudit(tx, actor, record); });
  if (!st) spdlog::error("audit write failed: {} {}", st.error().message, st.error().detail);
}

core::Result<Page<store::AuditEntry>> ListAuditEntries(store::Database& db, const Actor& actor,
                                                      store::AuditFilter filter,
                                                      const std::string& cursor, int limit) {
  if (!actor.IsAdmin()) {
    if (!actor.office()) {
      return core::Fail(core::ErrorCode::kPermissionDenied,
                        "only admins and office staff read the audit log");
    }
    filter.office = std::string(core::OfficeCode(*actor.office()));
  }
  int64_t before = 0;
  if (!cursor.empty()) {
    IPA_TRY(id, core::DecodeCursor(cursor));
    before = id;
  }
  IPA_TRY(rows, store::ReadValue<std::vector<store::AuditEntry>>(db, [&](store::Tx& tx) {
            return store::ListAudit(tx, filter, before, limit + 1);
          }));
  Page<store::AuditEntry> page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(static_cast<size_t>(limit));
    page.next_cursor = core::EncodeCursor(rows.back().id);
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace ipa::service
