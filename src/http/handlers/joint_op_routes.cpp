// /api/v1/joint-operations: joint enforcement operations, their tasks, outcomes and report.
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "service/joint_op_service.hpp"

namespace ipa::http {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Role;

core::Result<core::Date> RequiredDate(FieldReader& f, const std::string& name) {
  IPA_TRY(text, f.RequiredString(name));
  auto d = core::ParseDateText(text);
  if (!d) return Fail(ErrorCode::kInvalidArgument, name + ": not a date (YYYY-MM-DD)", name);
  return *d;
}

core::Result<std::vector<store::JointOpTarget>> ReadTargets(const Json& array) {
  std::vector<store::JointOpTarget> out;
  for (size_t i = 0; i < array.size(); ++i) {
    const std::string prefix = "targets[" + std::to_string(i) + "].";
    if (!array[i].is_object()) return Fail(ErrorCode::kInvalidArgument, prefix + ": must be an object", "targets");
    FieldReader f(array[i], prefix);
    IPA_TRY(kind, f.RequiredString("kind"));
    IPA_TRY(value, f.RequiredString("value"));
    IPA_TRY(region, f.String("region_code"));
    IPA_CHECK(f.Finish());
    out.push_back({kind, value, region.value_or("")});
  }
  return out;
}

core::Result<Response> CreateOp(Context& ctx) {
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  store::JointOperation op;
  if (auto it = body.find("targets"); it != body.end()) {
    if (!it->is_array() || it->size() > 100) return Fail(ErrorCode::kInvalidArgument, "targets: an array of at most 100", "targets");
    IPA_TRY(targets, ReadTargets(*it));
    op.targets = std::move(targets);
    body.erase("targets");
  }
  FieldReader f(body);
  IPA_TRY(title, f.RequiredString("title"));
  op.title = title;
  IPA_TRY(description, f.String("description"));
  op.description = description.value_or("");
  IPA_TRY(participants, f.StringList("participants", 3));
  for (const auto& code : participants.value_or(std::vector<std::string>{})) {
    auto o = core::ParseOffice(code);
    if (!o) return Fail(ErrorCode::kInvalidArgument, "participants: BJ, TJ or HE", "participants");
    if (std::find(op.participants.begin(), op.participants.end(), *o) == op.participants.end()) op.participants.push_back(*o);
  }
  IPA_TRY(start, RequiredDate(f, "start_date"));
  op.start = start;
  IPA_TRY(end, RequiredDate(f, "end_date"));
  op.end = end;
  IPA_CHECK(f.Finish());
  IPA_TRY(detail, service::CreateJointOp(ctx.app.db, ctx.actor, std::move(op)));
  Response r = JsonResponse(ToJson(detail), 201);
  r.SetHeader("Location", "/api/v1/joint-operations/" + std::to_string(detail.op.id));
  return r;
}

core::Result<Response> ListOps(Context& ctx) {
  IPA_TRY(limit, ParseLimit(ctx.req));
  auto it = ctx.req.query.find("cursor");
  IPA_TRY(page, service::ListJointOps(ctx.app.db, ctx.actor, it == ctx.req.query.end() ? "" : it->second, limit));
  return JsonResponse(PageJson(page));
}

core::Result<Response> GetOp(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "joint operation"));
  IPA_TRY(detail, service::GetJointOp(ctx.app.db, ctx.actor, id));
  return JsonResponse(ToJson(detail));
}

core::Result<Response> AddTask(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "joint operation"));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  store::JointOpTask t;
  IPA_TRY(title, f.RequiredString("title"));
  t.title = title;
  IPA_TRY(office_code, f.RequiredString("office"));
  auto office = core::ParseOffice(office_code);
  if (!office) return Fail(ErrorCode::kInvalidArgument, "office: BJ, TJ or HE", "office");
  t.office = *office;
  IPA_TRY(assignee, f.Int("assignee_id"));
  if (assignee) t.assignee = core::UserId{*assignee};
  IPA_TRY(due, f.String("due_date"));
  if (due && !due->empty()) {
    auto d = core::ParseDateText(*due);
    if (!d) return Fail(ErrorCode::kInvalidArgument, "due_date: not a date (YYYY-MM-DD)", "due_date");
    t.due = *d;
  }
  IPA_CHECK(f.Finish());
  IPA_TRY(task, service::AddJointOpTask(ctx.app.db, ctx.actor, id, std::move(t)));
  return JsonResponse(ToJson(task), 201);
}

core::Result<Response> PatchTask(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "joint operation"));
  IPA_TRY(tid, ParseId(ctx.Param("tid"), "task"));
  IPA_TRY(version, ParseIfMatch(ctx.req));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(status, f.RequiredString("status"));
  IPA_CHECK(f.Finish());
  IPA_TRY(task, service::SetJointOpTaskStatus(ctx.app.db, ctx.actor, id, tid, status, version));
  return VersionedResponse(ToJson(task), task.version);
}

core::Result<Response> AddOutcome(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "joint operation"));
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  store::JointOpOutcome o;
  IPA_TRY(kind, f.RequiredString("kind"));
  o.kind = kind;
  IPA_TRY(on, RequiredDate(f, "date"));
  o.on = on;
  IPA_TRY(quantity, f.Int("quantity"));
  o.quantity = quantity.value_or(1);
  IPA_TRY(case_id, f.Int("case_id"));
  if (case_id) o.case_id = core::CaseId{*case_id};
  IPA_TRY(note, f.String("note"));
  o.note = note.value_or("");
  IPA_CHECK(f.Finish());
  IPA_TRY(stored, service::AddJointOpOutcome(ctx.app.db, ctx.actor, id, std::move(o)));
  return JsonResponse(ToJson(stored), 201);
}

core::Result<Response> Report(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "joint operation"));
  IPA_TRY(report, service::JointOpReportFor(ctx.app.db, ctx.actor, id));
  return JsonResponse(ToJson(report));
}

}  // namespace

void RegisterJointOpRoutes(Router& router) {
  const Policy offices = Policy::Roles({Role::kOffice});
  const Policy staff = Policy::Roles({Role::kAdmin, Role::kOffice});
  const std::string tag = "joint-operations";
  router.Add({"GET", "/api/v1/joint-operations", staff, "Joint operations your office takes part in (admins: all)", tag, ListOps,
              {{"cursor", "from next_cursor"}, {"limit", "1-200"}}});
  router.Add({"POST", "/api/v1/joint-operations", offices, "Start a joint operation led by your office", tag, CreateOp, {}, true, 201});
  router.Add({"GET", "/api/v1/joint-operations/{id}", staff, "A joint operation with its targets, tasks and outcomes", tag, GetOp});
  router.Add({"POST", "/api/v1/joint-operations/{id}/tasks", offices, "Add a task for a participating office's staff", tag, AddTask, {}, true, 201});
  router.Add({"PATCH", "/api/v1/joint-operations/{id}/tasks/{tid}", offices, "Mark a task open or done (If-Match)", tag, PatchTask, {}, true});
  router.Add({"POST", "/api/v1/joint-operations/{id}/outcomes", offices, "Record an inspection, seizure or case opened", tag, AddOutcome, {}, true, 201});
  router.Add({"GET", "/api/v1/joint-operations/{id}/report", staff, "Summary: outcomes per type and office, tasks done/open", tag, Report});
}

}  // namespace ipa::http
