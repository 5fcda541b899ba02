// Joint enforcement operations in the store: the operation with its targets, tasks assigned
// to office staff and recorded outcomes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/enforcement_case.hpp"
#include "core/ids.hpp"
#include "core/region.hpp"
#include "store/database.hpp"

namespace ipa::store {

struct JointOpTarget {
  std::string kind;  // respondent, place, patent
  std::string value;
  std::string region_code;  // places; may be empty otherwise
};

struct JointOperation {
  int64_t id = 0;
  std::string title;
  core::Office lead = core::Office::kBeijing;
  std::vector<core::Office> participants;  // includes the lead
  std::string description;
  core::Date start, end;
  std::vector<JointOpTarget> targets;
  int64_t version = 1;
  int64_t created_at = 0;
};

struct JointOpTask {
  int64_t id = 0;
  int64_t op_id = 0;
  std::string title;
  core::Office office = core::Office::kBeijing;
  std::optional<core::UserId> assignee;
  std::optional<core::Date> due;
  std::string status = "open";  // open, done
  int64_t version = 1;
  int64_t created_at = 0;
};

struct JointOpOutcome {
  int64_t id = 0;
  int64_t op_id = 0;
  std::string kind;  // inspection, seizure, case_opened
  core::Office office = core::Office::kBeijing;
  core::Date on;
  int64_t quantity = 1;
  std::optional<core::CaseId> case_id;
  std::string note;
  int64_t created_at = 0;
};

Result<int64_t> InsertJointOp(Tx& tx, const JointOperation& op);
// kNotFound when absent.
Result<JointOperation> GetJointOp(Tx& tx, int64_t id);
// Up to `limit` operations with id > after_id (those `office` takes part in, when given).
Result<std::vector<JointOperation>> ListJointOps(Tx& tx, std::optional<core::Office> office,
                                                 int64_t after_id, int limit);

Result<int64_t> InsertJointOpTask(Tx& tx, const JointOpTask& task);
Result<JointOpTask> GetJointOpTask(Tx& tx, int64_t task_id);
// Sets the status if the version is current; kPreconditionFailed otherwise. New version.
Result<int64_t> SetJointOpTaskStatus(Tx& tx, int64_t task_id, const std::string& status, int64_t version);
Result<std::vector<JointOpTask>> ListJointOpTasks(Tx& tx, int64_t op_id);

Result<int64_t> InsertJointOpOutcome(Tx& tx, const JointOpOutcome& outcome);
Result<std::vector<JointOpOutcome>> ListJointOpOutcomes(Tx& tx, int64_t op_id);

}  // namespace ipa::store
