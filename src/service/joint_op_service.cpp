#include "service/joint_op_service.hpp"

#include <algorithm>

#include "core/cursor.hpp"
#include "core/patent_number.hpp"
#include "core/text.hpp"
#include "service/audit_service.hpp"
#include "store/audit_repo.hpp"
#include "store/case_repo.hpp"
#include "store/user_repo.hpp"

namespace ipa::service {
namespace {

using core::ErrorCode;
using core::Fail;

std::string OfficeText(core::Office o) { return std::string(core::OfficeCode(o)); }

bool TakesPart(const store::JointOperation& op, core::Office office) {
  return std::find(op.participants.begin(), op.participants.end(), office) != op.participants.end();
}

core::Status CheckText(const std::string& text, const std::string& field, size_t max, bool required) {
  if (!core::IsValidUtf8(text)) return Fail(ErrorCode::kInvalidArgument, field + ": not valid UTF-8", field);
  if (required && core::Trim(text).empty()) return Fail(ErrorCode::kInvalidArgument, field + ": is required", field);
  if (text.size() > max) return Fail(ErrorCode::kInvalidArgument, field + ": at most " + std::to_string(max) + " bytes", field);
  return {};
}

core::Status ValidateOp(store::JointOperation& op) {
  IPA_CHECK(CheckText(op.title, "title", 500, true));
  IPA_CHECK(CheckText(op.description, "description", 20000, false));
  if (op.end < op.start) return Fail(ErrorCode::kInvalidArgument, "end_date: before start_date", "end_date");
  if (!TakesPart(op, op.lead)) op.participants.insert(op.participants.begin(), op.lead);
  if (op.targets.size() > 100) return Fail(ErrorCode::kInvalidArgument, "targets: at most 100", "targets");
  for (size_t i = 0; i < op.targets.size(); ++i) {
    auto& t = op.targets[i];
    const std::string field = "targets[" + std::to_string(i) + "]";
    IPA_CHECK(CheckText(t.value, field + ".value", 500, true));
    if (t.kind == "patent") {
      auto n = core::NormaliseApplicationNumber(t.value);
      if (!n) return Fail(ErrorCode::kInvalidArgument, field + ".value: " + n.error().message, field + ".value");
      t.value = *n;
    } else if (t.kind != "respondent" && t.kind != "place") {
      return Fail(ErrorCode::kInvalidArgument, field + ".kind: respondent, place or patent", field + ".kind");
    }
    if (!t.region_code.empty()) IPA_CHECK(core::ValidateRegionCode(t.region_code, field + ".region_code"));
  }
  return {};
}

core::Result<store::JointOperation> LoadVisible(store::Tx& tx, const Actor& actor, int64_t id) {
  if (!actor.user) return Fail(ErrorCode::kUnauthenticated, "log in first");
  IPA_TRY(op, store::GetJointOp(tx, id));
  if (actor.IsAdmin() || (actor.office() && TakesPart(op, *actor.office()))) return op;
  return Fail(ErrorCode::kPermissionDenied, "your office does not take part in joint operation " + std::to_string(id));
}

core::Status Audit(store::Tx& tx, const Actor& actor, const std::string& action, int64_t op_id, const std::string& detail) {
  IPA_CHECK(store::AppendChange(tx, "joint_operation", std::to_string(op_id), action));
  return RecordAudit(tx, actor, {"joint_op." + action, "joint_operation", std::to_string(op_id), "ok",
                                 actor.office() ? OfficeText(*actor.office()) : "", detail});
}

}  // namespace

core::Result<JointOpDetail> CreateJointOp(store::Database& db, const Actor& actor, store::JointOperation op) {
  if (!actor.office()) return Fail(ErrorCode::kPermissionDenied, "only office staff start joint operations");
  op.lead = *actor.office();
  IPA_CHECK(ValidateOp(op));
  return store::WriteValue<JointOpDetail>(db, [&](store::Tx& tx) -> core::Result<JointOpDetail> {
    IPA_TRY(id, store::InsertJointOp(tx, op));
    IPA_CHECK(Audit(tx, actor, "create", id, op.title));
    IPA_TRY(stored, store::GetJointOp(tx, id));
    return JointOpDetail{std::move(stored), {}, {}};
  });
}

core::Result<JointOpDetail> GetJointOp(store::Database& db, const Actor& actor, int64_t id) {
  return store::ReadValue<JointOpDetail>(db, [&](store::Tx& tx) -> core::Result<JointOpDetail> {
    IPA_TRY(op, LoadVisible(tx, actor, id));
    IPA_TRY(tasks, store::ListJointOpTasks(tx, id));
    IPA_TRY(outcomes, store::ListJointOpOutcomes(tx, id));
    return JointOpDetail{std::move(op), std::move(tasks), std::move(outcomes)};
  });
}

core::Result<Page<store::JointOperation>> ListJointOps(store::Database& db, const Actor& actor,
                                                       const std::string& cursor, int limit) {
  if (!actor.IsAdmin() && !actor.office()) return Fail(ErrorCode::kPermissionDenied, "joint operations are for offices");
  int64_t after = 0;
  if (!cursor.empty()) {
    IPA_TRY(last, core::DecodeCursor(cursor));
    after = last;
  }
  IPA_TRY(ops, store::ReadValue<std::vector<store::JointOperation>>(db, [&](store::Tx& tx) {
            return store::ListJointOps(tx, actor.office(), after, limit + 1);
          }));
  Page<store::JointOperation> page;
  if (static_cast<int>(ops.size()) > limit) {
    ops.resize(static_cast<size_t>(limit));
    page.next_cursor = core::EncodeCursor(ops.back().id);
  }
  page.items = std::move(ops);
  return page;
}

core::Result<store::JointOpTask> AddJointOpTask(store::Database& db, const Actor& actor, int64_t op_id,
                                                store::JointOpTask task) {
  IPA_CHECK(CheckText(task.title, "title", 500, true));
  return store::WriteValue<store::JointOpTask>(db, [&](store::Tx& tx) -> core::Result<store::JointOpTask> {
    IPA_TRY(op, LoadVisible(tx, actor, op_id));
    if (!actor.office()) return Fail(ErrorCode::kPermissionDenied, "only participating offices add tasks");
    if (!TakesPart(op, task.office)) {
      return Fail(ErrorCode::kInvalidArgument, "office: " + OfficeText(task.office) + " does not take part", "office");
    }
    if (*actor.office() != op.lead && task.office != *actor.office()) {
      return Fail(ErrorCode::kPermissionDenied, "office: only the lead office assigns tasks to other offices", "office");
    }
    if (task.assignee) {
      auto user = store::GetUser(tx, *task.assignee);
      if (!user || user->role != core::Role::kOffice || user->office != task.office) {
        return Fail(ErrorCode::kInvalidArgument, "assignee_id: not staff of office " + OfficeText(task.office), "assignee_id");
      }
    }
    task.op_id = op_id;
    task.status = "open";
    IPA_TRY(id, store::InsertJointOpTask(tx, task));
    IPA_CHECK(Audit(tx, actor, "task", op_id, task.title));
    return store::GetJointOpTask(tx, id);
  });
}

core::Result<store::JointOpTask> SetJointOpTaskStatus(store::Database& db, const Actor& actor, int64_t op_id,
                                                      int64_t task_id, const std::string& status,
                                                      int64_t version) {
  if (status != "open" && status != "done") return Fail(ErrorCode::kInvalidArgument, "status: open or done", "status");
  return store::WriteValue<store::JointOpTask>(db, [&](store::Tx& tx) -> core::Result<store::JointOpTask> {
    IPA_TRY(op, LoadVisible(tx, actor, op_id));
    IPA_TRY(task, store::GetJointOpTask(tx, task_id));
    if (task.op_id != op.id) return Fail(ErrorCode::kNotFound, "task " + std::to_string(task_id) + " not found");
    if (actor.office() != task.office && actor.office() != op.lead) {
      return Fail(ErrorCode::kPermissionDenied, "the task belongs to office " + OfficeText(task.office));
    }
    IPA_CHECK(store::SetJointOpTaskStatus(tx, task_id, status, version));
    IPA_CHECK(Audit(tx, actor, "task_" + status, op_id, task.title));
    return store::GetJointOpTask(tx, task_id);
  });
}

core::Result<store::JointOpOutcome> AddJointOpOutcome(store::Database& db, const Actor& actor, int64_t op_id,
                                                      store::JointOpOutcome outcome) {
  if (outcome.kind != "inspection" && outcome.kind != "seizure" && outcome.kind != "case_opened") {
    return Fail(ErrorCode::kInvalidArgument, "kind: inspection, seizure or case_opened", "kind");
  }
  if (outcome.quantity < 1 || outcome.quantity > 1'000'000) {
    return Fail(ErrorCode::kInvalidArgument, "quantity: 1 to 1000000", "quantity");
  }
  IPA_CHECK(CheckText(outcome.note, "note", 4000, false));
  if (outcome.kind == "case_opened" && !outcome.case_id) {
    return Fail(ErrorCode::kInvalidArgument, "case_id: required for case_opened", "case_id");
  }
  return store::WriteValue<store::JointOpOutcome>(db, [&](store::Tx& tx) -> core::Result<store::JointOpOutcome> {
    IPA_TRY(op, LoadVisible(tx, actor, op_id));
    if (!actor.office()) return Fail(ErrorCode::kPermissionDenied, "only participating offices record outcomes");
    outcome.office = *actor.office();
    outcome.op_id = op_id;
    if (outcome.case_id) {
      auto c = store::GetCase(tx, *outcome.case_id);
      if (!c) return Fail(ErrorCode::kInvalidArgument, "case_id: no such case", "case_id");
    }
    IPA_TRY(id, store::InsertJointOpOutcome(tx, outcome));
    IPA_CHECK(Audit(tx, actor, "outcome", op_id, outcome.kind));
    outcome.id = id;
    return outcome;
  });
}

core::Result<JointOpReport> JointOpReportFor(store::Database& db, const Actor& actor, int64_t op_id) {
  IPA_TRY(detail, GetJointOp(db, actor, op_id));
  JointOpReport r;
  for (const auto& kind : {"inspection", "seizure", "case_opened"}) r.outcomes_by_kind[kind] = 0;
  for (const auto& o : detail.outcomes) {
    r.outcomes_by_kind[o.kind] += o.quantity;
    r.outcomes_by_office[OfficeText(o.office)][o.kind] += o.quantity;
    if (o.case_id) r.cases_opened.push_back(*o.case_id);
  }
  for (const auto& t : detail.tasks) {
    auto& per = r.tasks_by_office[OfficeText(t.office)];
    if (t.status == "done") {
      ++r.tasks_done;
      ++per.second;
    } else {
      ++r.tasks_open;
      ++per.first;
    }
  }
  r.op = std::move(detail.op);
  return r;
}

}  // namespace ipa::service
