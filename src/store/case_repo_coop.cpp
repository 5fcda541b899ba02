// The cooperation tables of case_repo.hpp: history, access grants, links, join requests,
// transfers, the case-event outbox and the per-office deadline settings.
#include "core/time.hpp"
#include "store/case_repo.hpp"

namespace ipa::store {
namespace {

constexpr std::string_view kInsertHistory =
    "INSERT INTO case_history (case_id, at, actor_id, actor_login, office, action, from_status, "
    "to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr std::string_view kSelectHistory =
    "SELECT id, at, actor_id, actor_login, office, action, from_status, to_status, note "
    "FROM case_history WHERE case_id = $1 ORDER BY id";
constexpr std::string_view kSelectAccess =
    "SELECT office, reason FROM case_access WHERE case_id = $1 ORDER BY office";
constexpr std::string_view kCountAccess =
    "SELECT COUNT(*) FROM case_access WHERE case_id = $1 AND office = $2";
constexpr std::string_view kInsertAccess =
    "INSERT INTO case_access (case_id, office, reason, granted_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kInsertLink =
    "INSERT INTO case_links (case_a, case_b, office, note, created_at) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kSelectLinks =
    "SELECT case_b FROM case_links WHERE case_a = $1 UNION SELECT case_a FROM case_links "
    "WHERE case_b = $1 ORDER BY 1";
constexpr std::string_view kInsertJoin =
    "INSERT INTO case_join_requests (case_id, office, status, note, requested_by, requested_at) "
    "VALUES ($1, $2, 'requested', $3, $4, $5) RETURNING id";
constexpr std::string_view kJoinColumns =
    "SELECT id, case_id, office, status, note, requested_at, decided_at FROM case_join_requests ";
constexpr std::string_view kDecideJoin =
    "UPDATE case_join_requests SET status = $1, decided_by = $2, decided_at = $3 "
    "WHERE id = $4 AND status = 'requested'";
constexpr std::string_view kInsertTransfer =
    "INSERT INTO case_transfers (case_id, from_office, to_office, reason, reason_text, status, "
    "requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, 'requested', $6, $7) RETURNING id";
constexpr std::string_view kTransferColumns =
    "SELECT id, case_id, from_office, to_office, reason, reason_text, status, requested_at, "
    "decided_at, decision_note FROM case_transfers ";
constexpr std::string_view kDecideTransfer =
    "UPDATE case_transfers SET status = $1, decided_by = $2, decided_at = $3, decision_note = $4 "
    "WHERE id = $5 AND status = 'requested'";
constexpr std::string_view kInsertEvent =
    "INSERT INTO case_events (case_id, event, leaf, leaf_index, created_at) VALUES ($1, $2, $3, "
    "NULL, $4) RETURNING id";
constexpr std::string_view kEventColumns =
    "SELECT id, case_id, event, leaf, leaf_index, created_at FROM case_events ";
constexpr std::string_view kSetLeafIndex =
    "UPDATE case_events SET leaf_index = $1 WHERE id = $2 AND leaf_index IS NULL";
constexpr std::string_view kCountEvent = "SELECT COUNT(*) FROM case_events WHERE id = $1";
constexpr std::string_view kSelectRules =
    "SELECT accept_days, resolve_days FROM case_office_settings WHERE office = $1";
constexpr std::string_view kUpsertRules =
    "INSERT INTO case_office_settings (office, accept_days, resolve_days) VALUES ($1, $2, $3) "
    "ON CONFLICT (office) DO UPDATE SET accept_days = $2, resolve_days = $3";

std::string OfficeText(core::Office o) { return std::string(core::OfficeCode(o)); }
core::Office OfficeCol(const Row& r, size_t i) {
  return core::ParseOffice(r.Text(i)).value_or(core::Office::kBeijing);
}

JoinRequest JoinFromRow(const Row& r) {
  return {r.Int(0), CaseId{r.Int(1)}, OfficeCol(r, 2), r.Text(3), r.Text(4), r.Int(5), r.OptInt(6)};
}

CaseTransfer TransferFromRow(const Row& r) {
  CaseTransfer t;
  t.id = r.Int(0);
  t.case_id = CaseId{r.Int(1)};
  t.from = OfficeCol(r, 2);
  t.to = OfficeCol(r, 3);
  t.reason = core::ParseTransferReason(r.Text(4)).value_or(core::TransferReason::kOther);
  t.reason_text = r.Text(5);
  t.status = r.Text(6);
  t.requested_at = r.Int(7);
  t.decided_at = r.OptInt(8);
  t.decision_note = r.Text(9);
  return t;
}

CaseEventRow EventFromRow(const Row& r) {
  return {r.Int(0), CaseId{r.Int(1)}, r.Text(2), r.Text(3), r.OptInt(4), r.Int(5)};
}

template <class T>
Result<T> NotFoundAs(Result<T> r, const std::string& what) {
  if (!r && r.error().code == core::ErrorCode::kNotFound) {
    return core::Fail(core::ErrorCode::kNotFound, what + " not found");
  }
  return r;
}

}  // namespace

Status AppendCaseHistory(Tx& tx, CaseId id, const CaseHistoryEntry& e) {
  IPA_CHECK(tx.Exec(kInsertHistory, {id.value, e.at ? e.at : core::NowMs(),
                                     e.actor_id ? Value(*e.actor_id) : Value(nullptr), e.actor_login,
                                     e.office, e.action, e.from_status, e.to_status, e.note}));
  return {};
}

Result<std::vector<CaseHistoryEntry>> ListCaseHistory(Tx& tx, CaseId id) {
  IPA_TRY(rows, tx.Query(kSelectHistory, {id.value}));
  std::vector<CaseHistoryEntry> out;
  for (const Row& r : rows) {
    out.push_back({r.Int(0), r.Int(1), r.OptInt(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                   r.Text(7), r.Text(8)});
  }
  return out;
}

Status GrantCaseAccess(Tx& tx, CaseId id, core::Office office, const std::string& reason) {
  IPA_TRY(row, tx.QueryOne(kCountAccess, {id.value, OfficeText(office)}));
  if (row.Int(0) > 0) return {};
  IPA_CHECK(tx.Exec(kInsertAccess, {id.value, OfficeText(office), reason, core::NowMs()}));
  return {};
}

Result<std::vector<std::pair<core::Office, std::string>>> ListCaseAccess(Tx& tx, CaseId id) {
  IPA_TRY(rows, tx.Query(kSelectAccess, {id.value}));
  std::vector<std::pair<core::Office, std::string>> out;
  for (const Row& r : rows) out.emplace_back(OfficeCol(r, 0), r.Text(1));
  return out;
}

Status InsertCaseLink(Tx& tx, CaseId a, CaseId b, core::Office office, const std::string& note) {
  if (b < a) std::swap(a, b);
  auto st = tx.Exec(kInsertLink, {a.value, b.value, OfficeText(office), note, core::NowMs()});
  if (!st && st.error().code == core::ErrorCode::kAlreadyExists) {
    return core::Fail(core::ErrorCode::kAlreadyExists, "the cases are linked already", "case_id");
  }
  if (!st) return std::unexpected(st.error());
  return {};
}

Result<std::vector<CaseId>> ListLinkedCases(Tx& tx, CaseId id) {
  IPA_TRY(rows, tx.Query(kSelectLinks, {id.value}));
  std::vector<CaseId> out;
  for (const Row& r : rows) out.push_back(CaseId{r.Int(0)});
  return out;
}

Result<int64_t> InsertJoinRequest(Tx& tx, CaseId id, core::Office office, const std::string& note,
                                  int64_t requested_by) {
  auto row = tx.QueryOne(kInsertJoin, {id.value, OfficeText(office), note, requested_by, core::NowMs()});
  if (!row && row.error().code == core::ErrorCode::kAlreadyExists) {
    return core::Fail(core::ErrorCode::kAlreadyExists, "your office already asked to join this case");
  }
  if (!row) return std::unexpected(row.error());
  return row->Int(0);
}

Result<JoinRequest> GetJoinRequest(Tx& tx, int64_t request_id) {
  IPA_TRY(row, NotFoundAs(tx.QueryOne(std::string(kJoinColumns) + "WHERE id = $1", {request_id}),
                          "join request " + std::to_string(request_id)));
  return JoinFromRow(row);
}

Status DecideJoinRequest(Tx& tx, int64_t request_id, const std::string& status, int64_t decided_by) {
  IPA_TRY(changed, tx.Exec(kDecideJoin, {status, decided_by, core::NowMs(), request_id}));
  if (changed == 0) return core::Fail(core::ErrorCode::kConflict, "the join request was already decided");
  return {};
}

Result<std::vector<JoinRequest>> ListJoinRequests(Tx& tx, CaseId id) {
  IPA_TRY(rows, tx.Query(std::string(kJoinColumns) + "WHERE case_id = $1 ORDER BY id", {id.value}));
  std::vector<JoinRequest> out;
  for (const Row& r : rows) out.push_back(JoinFromRow(r));
  return out;
}

Result<int64_t> InsertTransfer(Tx& tx, const CaseTransfer& t, int64_t requested_by) {
  auto row = tx.QueryOne(kInsertTransfer, {t.case_id.value, OfficeText(t.from), OfficeText(t.to),
                                           std::string(core::TransferReasonName(t.reason)),
                                           t.reason_text, requested_by, core::NowMs()});
  if (!row && row.error().code == core::ErrorCode::kAlreadyExists) {
    return core::Fail(core::ErrorCode::kConflict, "the case already has a pending transfer");
  }
  if (!row) return std::unexpected(row.error());
  return row->Int(0);
}

Result<CaseTransfer> GetTransfer(Tx& tx, int64_t transfer_id) {
  IPA_TRY(row, NotFoundAs(tx.QueryOne(std::string(kTransferColumns) + "WHERE id = $1", {transfer_id}),
                          "transfer " + std::to_string(transfer_id)));
  return TransferFromRow(row);
}

Status DecideTransfer(Tx& tx, int64_t transfer_id, const std::string& status, int64_t decided_by,
                      const std::string& note) {
  IPA_TRY(changed, tx.Exec(kDecideTransfer, {status, decided_by, core::NowMs(), note, transfer_id}));
  if (changed == 0) return core::Fail(core::ErrorCode::kConflict, "the transfer was already decided");
  return {};
}

Result<std::vector<CaseTransfer>> ListTransfers(Tx& tx, CaseId id) {
  IPA_TRY(rows, tx.Query(std::string(kTransferColumns) + "WHERE case_id = $1 ORDER BY id", {id.value}));
  std::vector<CaseTransfer> out;
  for (const Row& r : rows) out.push_back(TransferFromRow(r));
  return out;
}

Result<int64_t> InsertCaseEvent(Tx& tx, CaseId id, const std::string& event, const std::string& leaf) {
  IPA_TRY(row, tx.QueryOne(kInsertEvent, {id.value, event, leaf, core::NowMs()}));
  return row.Int(0);
}

Result<std::vector<CaseEventRow>> ListUnloggedCaseEvents(Tx& tx, int limit) {
  IPA_TRY(rows, tx.Query(std::string(kEventColumns) + "WHERE leaf_index IS NULL ORDER BY id LIMIT $1",
                         {int64_t{limit}}));
  std::vector<CaseEventRow> out;
  for (const Row& r : rows) out.push_back(EventFromRow(r));
  return out;
}

Status SetCaseEventLeafIndex(Tx& tx, int64_t event_id, int64_t leaf_index) {
  IPA_TRY(changed, tx.Exec(kSetLeafIndex, {leaf_index, event_id}));
  if (changed == 1) return {};
  IPA_TRY(row, tx.QueryOne(kCountEvent, {event_id}));
  if (row.Int(0) == 0) {
    return core::Fail(core::ErrorCode::kNotFound, "case event " + std::to_string(event_id) + " not found");
  }
  return core::Fail(core::ErrorCode::kConflict,
                    "case event " + std::to_string(event_id) + " is already in the evidence log");
}

Result<std::vector<CaseEventRow>> ListCaseEvents(Tx& tx, CaseId id) {
  IPA_TRY(rows, tx.Query(std::string(kEventColumns) + "WHERE case_id = $1 ORDER BY id", {id.value}));
  std::vector<CaseEventRow> out;
  for (const Row& r : rows) out.push_back(EventFromRow(r));
  return out;
}

Result<core::CaseDeadlineRules> GetCaseDeadlineRules(Tx& tx, core::Office office) {
  IPA_TRY(rows, tx.Query(kSelectRules, {OfficeText(office)}));
  core::CaseDeadlineRules rules;
  if (!rows.empty()) {
    rules.accept_days = static_cast<int>(rows[0].Int(0));
    rules.resolve_days = static_cast<int>(rows[0].Int(1));
  }
  return rules;
}

Status SetCaseDeadlineRules(Tx& tx, core::Office office, const core::CaseDeadlineRules& rules) {
  IPA_CHECK(tx.Exec(kUpsertRules, {OfficeText(office), int64_t{rules.accept_days}, int64_t{rules.resolve_days}}));
  return {};
}

}  // namespace ipa::store
