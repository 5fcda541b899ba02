#include "store/joint_op_repo.hpp"

#include "core/time.hpp"
#include "core/tsv.hpp"

namespace ipa::store {
namespace {

constexpr std::string_view kInsertOp =
    "INSERT INTO joint_operations (title, lead_office, participants, description, start_date, "
    "end_date, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) "
    "RETURNING id";
constexpr std::string_view kOpColumns =
    "SELECT id, title, lead_office, participants, description, start_date, end_date, version, "
    "created_at FROM joint_operations ";
constexpr std::string_view kInsertTarget =
    "INSERT INTO joint_op_targets (op_id, position, kind, value, region_code) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kSelectTargets =
    "SELECT kind, value, region_code FROM joint_op_targets WHERE op_id = $1 ORDER BY position";
constexpr std::string_view kInsertTask =
    "INSERT INTO joint_op_tasks (op_id, title, office, assignee_id, due_date, status, version, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id";
constexpr std::string_view kTaskColumns =
    "SELECT id, op_id, title, office, assignee_id, due_date, status, version, created_at FROM joint_op_tasks ";
constexpr std::string_view kSetTaskStatus =
    "UPDATE joint_op_tasks SET status = $1, version = version + 1 WHERE id = $2 AND version = $3";
constexpr std::string_view kInsertOutcome =
    "INSERT INTO joint_op_outcomes (op_id, kind, office, on_date, quantity, case_id, note, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr std::string_view kSelectOutcomes =
    "SELECT id, op_id, kind, office, on_date, quantity, case_id, note, created_at FROM "
    "joint_op_outcomes WHERE op_id = $1 ORDER BY id";

std::string OfficeText(core::Office o) { return std::string(core::OfficeCode(o)); }
core::Office OfficeCol(const Row& r, size_t i) { return core::ParseOffice(r.Text(i)).value_or(core::Office::kBeijing); }
core::Date DateOf(int64_t v) { return core::Date{static_cast<int32_t>(v)}; }

std::string JoinOffices(const std::vector<core::Office>& offices) {
  std::string out;
  for (core::Office o : offices) out += (out.empty() ? "" : ",") + OfficeText(o);
  return out;
}

Result<JointOperation> OpFromRow(Tx& tx, const Row& r) {
  JointOperation op;
  op.id = r.Int(0);
  op.title = r.Text(1);
  op.lead = OfficeCol(r, 2);
  for (auto code : core::Split(r.Text(3), ',')) {
    if (auto o = core::ParseOffice(code)) op.participants.push_back(*o);
  }
  op.description = r.Text(4);
  op.start = DateOf(r.Int(5));
  op.end = DateOf(r.Int(6));
  op.version = r.Int(7);
  op.created_at = r.Int(8);
  IPA_TRY(targets, tx.Query(kSelectTargets, {op.id}));
  for (const Row& t : targets) op.targets.push_back({t.Text(0), t.Text(1), t.Text(2)});
  return op;
}

JointOpTask TaskFromRow(const Row& r) {
  JointOpTask t;
  t.id = r.Int(0);
  t.op_id = r.Int(1);
  t.title = r.Text(2);
  t.office = OfficeCol(r, 3);
  if (auto a = r.OptInt(4)) t.assignee = core::UserId{*a};
  if (auto d = r.OptInt(5)) t.due = DateOf(*d);
  t.status = r.Text(6);
  t.version = r.Int(7);
  t.created_at = r.Int(8);
  return t;
}

}  // namespace

Result<int64_t> InsertJointOp(Tx& tx, const JointOperation& op) {
  IPA_TRY(row, tx.QueryOne(kInsertOp, {op.title, OfficeText(op.lead), JoinOffices(op.participants),
                                       op.description, int64_t{op.start.days}, int64_t{op.end.days},
                                       core::NowMs()}));
  const int64_t id = row.Int(0);
  for (size_t i = 0; i < op.targets.size(); ++i) {
    const auto& t = op.targets[i];
    IPA_CHECK(tx.Exec(kInsertTarget, {id, static_cast<int64_t>(i), t.kind, t.value, t.region_code}));
  }
  return id;
}

Result<JointOperation> GetJointOp(Tx& tx, int64_t id) {
  auto row = tx.QueryOne(std::string(kOpColumns) + "WHERE id = $1", {id});
  if (!row && row.error().code == core::ErrorCode::kNotFound) {
    return core::Fail(core::ErrorCode::kNotFound, "joint operation " + std::to_string(id) + " not found");
  }
  if (!row) return std::unexpected(row.error());
  return OpFromRow(tx, *row);
}

Result<std::vector<JointOperation>> ListJointOps(Tx& tx, std::optional<core::Office> office,
                                                 int64_t after_id, int limit) {
  std::vector<Row> rows;
  if (office) {
    IPA_TRY(r, tx.Query(std::string(kOpColumns) +
                            "WHERE id > $1 AND (',' || participants || ',') LIKE $2 ORDER BY id LIMIT $3",
                        {after_id, "%," + OfficeText(*office) + ",%", int64_t{limit}}));
    rows = std::move(r);
  } else {
    IPA_TRY(r, tx.Query(std::string(kOpColumns) + "WHERE id > $1 ORDER BY id LIMIT $2", {after_id, int64_t{limit}}));
    rows = std::move(r);
  }
  std::vector<JointOperation> out;
  for (const Row& r : rows) {
    IPA_TRY(op, OpFromRow(tx, r));
    out.push_back(std::move(op));
  }
  return out;
}

Result<int64_t> InsertJointOpTask(Tx& tx, const JointOpTask& t) {
  IPA_TRY(row, tx.QueryOne(kInsertTask, {t.op_id, t.title, OfficeText(t.office),
                                         t.assignee ? Value(t.assignee->value) : Value(nullptr),
                                         t.due ? Value(int64_t{t.due->days}) : Value(nullptr), t.status,
                                         core::NowMs()}));
  return row.Int(0);
}

Result<JointOpTask> GetJointOpTask(Tx& tx, int64_t task_id) {
  auto row = tx.QueryOne(std::string(kTaskColumns) + "WHERE id = $1", {task_id});
  if (!row && row.error().code == core::ErrorCode::kNotFound) {
    return core::Fail(core::ErrorCode::kNotFound, "task " + std::to_string(task_id) + " not found");
  }
  if (!row) return std::unexpected(row.error());
  return TaskFromRow(*row);
}

Result<int64_t> SetJointOpTaskStatus(Tx& tx, int64_t task_id, const std::string& status, int64_t version) {
  IPA_TRY(changed, tx.Exec(kSetTaskStatus, {status, task_id, version}));
  if (changed == 0) {
    return core::Fail(core::ErrorCode::kPreconditionFailed, "task " + std::to_string(task_id) + " changed meanwhile");
  }
  return version + 1;
}

Result<std::vector<JointOpTask>> ListJointOpTasks(Tx& tx, int64_t op_id) {
  IPA_TRY(rows, tx.Query(std::string(kTaskColumns) + "WHERE op_id = $1 ORDER BY id", {op_id}));
  std::vector<JointOpTask> out;
  for (const Row& r : rows) out.push_back(TaskFromRow(r));
  return out;
}

Result<int64_t> InsertJointOpOutcome(Tx& tx, const JointOpOutcome& o) {
  IPA_TRY(row, tx.QueryOne(kInsertOutcome, {o.op_id, o.kind, OfficeText(o.office), int64_t{o.on.days}, o.quantity,
                                            o.case_id ? Value(o.case_id->value) : Value(nullptr), o.note,
                                            core::NowMs()}));
  return row.Int(0);
}

Result<std::vector<JointOpOutcome>> ListJointOpOutcomes(Tx& tx, int64_t op_id) {
  IPA_TRY(rows, tx.Query(kSelectOutcomes, {op_id}));
  std::vector<JointOpOutcome> out;
  for (const Row& r : rows) {
    JointOpOutcome o;
    o.id = r.Int(0);
    o.op_id = r.Int(1);
    o.kind = r.Text(2);
    o.office = OfficeCol(r, 3);
    o.on = DateOf(r.Int(4));
    o.quantity = r.Int(5);
    if (auto c = r.OptInt(6)) o.case_id = core::CaseId{*c};
    o.note = r.Text(7);
    o.created_at = r.Int(8);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace ipa::store
