// Joint enforcement operations (C7): a lead office and participating offices act together on
// targets (respondents, places, patents) over a schedule; tasks go to office staff; outcomes
// (inspections, seizures, cases opened) are recorded per office and summed in a report.
//
// Offices read the operations they take part in, admins all; the lead office creates the
// operation and adds tasks for any participant; a participating office adds tasks for its own
// staff, records its outcomes and marks its tasks done.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "service/actor.hpp"
#include "service/page.hpp"
#include "store/database.hpp"
#include "store/joint_op_repo.hpp"

namespace ipa::service {

struct JointOpDetail {
  store::JointOperation op;
  std::vector<store::JointOpTask> tasks;
  std::vector<store::JointOpOutcome> outcomes;
};

struct JointOpReport {
  store::JointOperation op;
  std::map<std::string, int64_t> outcomes_by_kind;  // quantity per kind
  std::map<std::string, std::map<std::string, int64_t>> outcomes_by_office;  // office → kind → quantity
  int tasks_open = 0;
  int tasks_done = 0;
  std::map<std::string, std::pair<int, int>> tasks_by_office;  // office → (open, done)
  std::vector<core::CaseId> cases_opened;
};

// Office users only: their office leads (and takes part). kInvalidArgument naming the field.
core::Result<JointOpDetail> CreateJointOp(store::Database& db, const Actor& actor, store::JointOperation op);
core::Result<JointOpDetail> GetJointOp(store::Database& db, const Actor& actor, int64_t id);
core::Result<Page<store::JointOperation>> ListJointOps(store::Database& db, const Actor& actor,
                                                       const std::string& cursor, int limit);
core::Result<store::JointOpTask> AddJointOpTask(store::Database& db, const Actor& actor, int64_t op_id,
                                                store::JointOpTask task);
// status "open" or "done"; kPreconditionFailed when `version` is stale.
core::Result<store::JointOpTask> SetJointOpTaskStatus(store::Database& db, const Actor& actor, int64_t op_id,
                                                      int64_t task_id, const std::string& status,
                                                      int64_t version);
core::Result<store::JointOpOutcome> AddJointOpOutcome(store::Database& db, const Actor& actor, int64_t op_id,
                                                      store::JointOpOutcome outcome);
core::Result<JointOpReport> JointOpReportFor(store::Database& db, const Actor& actor, int64_t op_id);

}  // namespace ipa::service
