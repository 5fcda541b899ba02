// Writing and reading the audit trail.
#pragma once

#include <string>

#include "service/actor.hpp"
#include "service/page.hpp"
#include "store/audit_repo.hpp"

namespace ipa::service {

struct AuditRecord {
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string outcome = "ok";
  std::string office;
  std::string detail;
};

// Appends an entry in the caller's transaction, filling actor, ip, request id and time.
core::Status RecordAudit(store::Tx& tx, const Actor& actor, const AuditRecord& record);

// Appends in a transaction of its own: for denials and failures whose main transaction was
// rolled back. Errors are swallowed after logging; an audit write must not mask the answer.
void RecordAuditNow(store::Database& db, const Actor& actor, const AuditRecord& record);

// Admins read everything; office users only their office's entries (the filter's office is
// forced); others get kPermissionDenied.
core::Result<Page<store::AuditEntry>> ListAuditEntries(store::Database& db, const Actor& actor,
                                                      store::AuditFilter filter,
                                                      const std::string& cursor, int limit);

}  // namespace ipa::service
