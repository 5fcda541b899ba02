#include "service/case_service_demo.hpp"

#include "service/case_service.hpp"
#include "service/joint_op_service.hpp"
#include "store/audit_repo.hpp"
#include "store/org_repo.hpp"
#include "store/patent_repo.hpp"
#include "store/user_repo.hpp"

namespace ipa::service {
namespace {

constexpr std::string_view kLoadedKey = "demo_cases_loaded";

struct Cast {
  Actor bj, tj, he;
  core::Organization rights_holder;
  std::vector<core::Organization> hebei;  // respondents
  std::vector<std::string> patents;       // of the rights holder, or any
};

core::Result<std::optional<Actor>> OfficeActor(store::Tx& tx, const std::string& login) {
  auto found = store::GetUserByLogin(tx, login);
  if (!found) {
    if (found.error().code == core::ErrorCode::kNotFound) return std::optional<Actor>();
    return std::unexpected(found.error());
  }
  return std::optional<Actor>(Actor{found->first, "", "demo-cases"});
}

core::Result<std::optional<Cast>> FindCast(store::Database& db) {
  return store::ReadValue<std::optional<Cast>>(db, [&](store::Tx& tx) -> core::Result<std::optional<Cast>> {
    IPA_TRY(bj, OfficeActor(tx, "bj_office"));
    IPA_TRY(tj, OfficeActor(tx, "tj_office"));
    IPA_TRY(he, OfficeActor(tx, "he_office"));
    if (!bj || !tj || !he) return std::optional<Cast>();
    IPA_TRY(beijing, store::ListOrgs(tx, {.type = core::OrgType::kCompany, .region_prefix = "11"}, 0, 1));
    IPA_TRY(hebei, store::ListOrgs(tx, {.type = core::OrgType::kCompany, .region_prefix = "13"}, 0, 2));
    if (beijing.empty() || hebei.size() < 2) return std::optional<Cast>();
    Cast cast{*bj, *tj, *he, beijing[0], hebei, {}};
    store::PatentFilter own;
    own.applicant_org = beijing[0].id;
    IPA_TRY(patents, store::ListPatents(tx, own, 0, 2));
    if (patents.empty()) {
      IPA_TRY(any, store::ListPatents(tx, {}, 0, 2));
      patents = std::move(any);
    }
    for (const auto& [id, p] : patents) cast.patents.push_back(p.application_number);
    return std::optional<Cast>(std::move(cast));
  });
}

core::CaseParty Party(const core::Organization& o) { return {o.id, o.name_zh, o.credit_code, {}}; }

core::EnforcementCase Draft(const Cast& cast, const core::Organization& respondent, core::CaseType type,
                            std::string description) {
  core::EnforcementCase c;
  c.type = type;
  c.complainant = Party(cast.rights_holder);
  c.respondent = Party(respondent);
  c.patents = cast.patents;
  c.places = {{respondent.region_code, respondent.address.empty() ? "被诉人生产厂区" : respondent.address}};
  c.description = std::move(description);
  c.period_from = core::AddDays(core::Today(), -120);
  return c;
}

core::Status Step(const core::Result<CaseView>& r) {
  if (!r) return std::unexpected(r.error());
  return {};
}

}  // namespace

core::Result<int> LoadDemoCases(store::Database& db) {
  IPA_TRY(already, store::ReadValue<std::optional<std::string>>(
                       db, [&](store::Tx& tx) { return store::GetSetting(tx, std::string(kLoadedKey)); }));
  if (already) return 0;
  IPA_TRY(found, FindCast(db));
  if (!found) return 0;
  const Cast& cast = *found;
  const auto& factory = cast.hebei[0];

  // Beijing's case against the Hebei factory, under investigation.
  IPA_TRY(bj_case, RegisterCase(db, cast.bj, Draft(cast, factory, core::CaseType::kInfringementDispute,
                                                   "权利人投诉被诉人制造、销售的产品落入其专利保护范围。")));
  const core::CaseId bj_id = bj_case.view.c.id;
  IPA_CHECK(Step(TransitionCase(db, cast.bj, bj_id, core::CaseStatus::kAccepted, "材料齐全，予以受理")));
  IPA_CHECK(Step(TransitionCase(db, cast.bj, bj_id, core::CaseStatus::kInvestigating, "")));

  // Tianjin registers a complaint about the same factory, links it and transfers it to Hebei.
  core::EnforcementCase tj_draft = Draft(cast, factory, core::CaseType::kInfringementDispute,
                                         "天津经销商处发现被诉侵权产品，生产者位于河北。");
  tj_draft.places.push_back({"120116", "天津市滨海新区某经销门店"});
  IPA_TRY(tj_case, RegisterCase(db, cast.tj, std::move(tj_draft)));
  const core::CaseId tj_id = tj_case.view.c.id;
  IPA_CHECK(LinkCases(db, cast.tj, tj_id, bj_id, "同一被诉人、同一专利"));
  IPA_TRY(transfer, RequestTransfer(db, cast.tj, tj_id, core::Office::kHebei,
                                    core::TransferReason::kRespondentDomicile, ""));
  IPA_CHECK(DecideTransfer(db, cast.he, tj_id, transfer.id, TransferDecision::kAccept, "被诉人住所地在本辖区"));
  IPA_CHECK(Step(TransitionCase(db, cast.he, tj_id, core::CaseStatus::kAccepted, "")));

  // Hebei's own counterfeit-marking case, decided and closed.
  IPA_TRY(he_case, RegisterCase(db, cast.he, Draft(cast, cast.hebei[1], core::CaseType::kCounterfeitMarking,
                                                   "产品包装标注已失效专利号。")));
  const core::CaseId he_id = he_case.view.c.id;
  for (auto to : {core::CaseStatus::kAccepted, core::CaseStatus::kInvestigating, core::CaseStatus::kDecided,
                  core::CaseStatus::kClosed}) {
    IPA_CHECK(Step(TransitionCase(db, cast.he, he_id, to, "")));
  }

  // A joint inspection led by Hebei.
  store::JointOperation op;
  op.title = "京津冀专利执法联合检查（沧州）";
  op.participants = {core::Office::kHebei, core::Office::kBeijing, core::Office::kTianjin};
  op.start = core::AddDays(core::Today(), -7);
  op.end = core::AddDays(core::Today(), 7);
  op.description = "针对同一被诉人的跨区域联合检查";
  op.targets = {{"respondent", factory.name_zh, ""}, {"place", "被诉人生产厂区", factory.region_code}};
  for (const auto& p : cast.patents) op.targets.push_back({"patent", p, ""});
  IPA_TRY(detail, CreateJointOp(db, cast.he, op));
  const int64_t op_id = detail.op.id;
  IPA_TRY(task, AddJointOpTask(db, cast.he, op_id, {0, 0, "现场检查生产线", core::Office::kHebei, cast.he.user->id, op.end, "open", 1, 0}));
  IPA_CHECK(SetJointOpTaskStatus(db, cast.he, op_id, task.id, "done", task.version));
  IPA_CHECK(AddJointOpTask(db, cast.he, op_id, {0, 0, "核查天津经销渠道", core::Office::kTianjin, cast.tj.user->id, op.end, "open", 1, 0}));
  IPA_CHECK(AddJointOpOutcome(db, cast.he, op_id, {0, 0, "inspection", core::Office::kHebei, core::Today(), 2, std::nullopt, "两处厂房", 0}));
  IPA_CHECK(AddJointOpOutcome(db, cast.he, op_id, {0, 0, "seizure", core::Office::kHebei, core::Today(), 35, std::nullopt, "涉嫌侵权产品", 0}));
  IPA_CHECK(AddJointOpOutcome(db, cast.he, op_id, {0, 0, "case_opened", core::Office::kHebei, core::Today(), 1, he_id, "", 0}));

  IPA_CHECK(db.Write([&](store::Tx& tx) { return store::PutSetting(tx, std::string(kLoadedKey), "3"); }));
  return 3;
}

}  // namespace ipa::service
