// The case repository's contract on SQLite and PostgreSQL: serials per office and year,
// conditional writes (owner and version), related-case candidates, stored fields round trip.
#include "store/case_repo.hpp"
#include "store/store_fixture.hpp"

namespace ipa::testing {
namespace {

using core::CaseId;
using core::Office;

class CaseRepoTest : public StoreContractTest {
 protected:
  core::EnforcementCase Make(Office owner, const std::string& number, const std::string& respondent) {
    core::EnforcementCase c;
    c.number = number;
    c.owner = c.registered_by = owner;
    c.complainant.name = "北京星河科技有限公司";
    c.respondent.name = respondent;
    c.registered_on = core::MakeDate(2026, 11, 1);
    EXPECT_TRUE(core::NormalizeAndValidate(c).has_value());
    return c;
  }
  CaseId Insert(const core::EnforcementCase& c) {
    auto id = store::WriteValue<CaseId>(db(), [&](Tx& tx) { return store::InsertCase(tx, c); });
    EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message + " " + id.error().detail);
    return id.value_or(CaseId{});
  }
};

TEST_P(CaseRepoTest, SerialsCountPerOfficeAndYear) {
  InWrite([](Tx& tx) {
    EXPECT_EQ(*store::NextCaseSerial(tx, Office::kTianjin, 2026), 1);
    EXPECT_EQ(*store::NextCaseSerial(tx, Office::kTianjin, 2026), 2);
    EXPECT_EQ(*store::NextCaseSerial(tx, Office::kHebei, 2026), 1);
    EXPECT_EQ(*store::NextCaseSerial(tx, Office::kTianjin, 2027), 1);
    EXPECT_EQ(*store::NextCaseSerial(tx, Office::kTianjin, 2026), 3);
  });
  // A rolled-back registration gives its serial back: no gaps.
  auto st = db().Write([](Tx& tx) -> core::Status {
    IPA_CHECK(store::NextCaseSerial(tx, Office::kTianjin, 2026));
    return core::Fail(core::ErrorCode::kInvalidArgument, "rolled back");
  });
  ASSERT_FALSE(st.has_value());
  InWrite([](Tx& tx) { EXPECT_EQ(*store::NextCaseSerial(tx, Office::kTianjin, 2026), 4); });
}

TEST_P(CaseRepoTest, FieldsRoundTrip) {
  core::EnforcementCase c = Make(Office::kTianjin, "TJ-2026-0001", "沧州精工机械有限公司");
  c.respondent.credit_code = MakeCreditCode("130902", 1);
  c.patents = {"201710601862.3"};
  c.places = {{"130902", "运河区\t3 号\n厂房"}, {"120116", ""}};
  c.period_from = core::MakeDate(2026, 1, 1);
  ASSERT_TRUE(core::NormalizeAndValidate(c).has_value());
  const CaseId id = Insert(c);
  auto back = store::ReadValue<core::EnforcementCase>(db(), [&](Tx& tx) { return store::GetCase(tx, id); });
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->number, "TJ-2026-0001");
  EXPECT_EQ(back->respondent.credit_code, c.respondent.credit_code);
  EXPECT_EQ(back->respondent.name_key, c.respondent.name_key);
  EXPECT_EQ(back->patents, c.patents);
  ASSERT_EQ(back->places.size(), 2u);
  EXPECT_EQ(back->places[0].address, "运河区 3 号 厂房");
  EXPECT_EQ(back->places[1].region_code, "120116");
  EXPECT_EQ(back->period_from, c.period_from);
  EXPECT_FALSE(back->period_to.has_value());
  EXPECT_EQ(back->version, 1);
  auto dup = store::WriteValue<CaseId>(db(), [&](Tx& tx) { return store::InsertCase(tx, c); });
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, core::ErrorCode::kAlreadyExists);
}

TEST_P(CaseRepoTest, OwnerChangesOnlyFromTheExpectedOwnerAndVersion) {
  const CaseId id = Insert(Make(Office::kTianjin, "TJ-2026-0001", "乙公司"));
  auto code = [&](Office from, int64_t version) {
    auto r = store::WriteValue<int64_t>(db(), [&](Tx& tx) { return store::ChangeCaseOwner(tx, id, from, Office::kHebei, version); });
    return r ? std::optional<core::ErrorCode>() : std::optional(r.error().code);  // nullopt: moved
  };
  const std::optional<core::ErrorCode> moved;
  EXPECT_EQ(code(Office::kBeijing, 1), core::ErrorCode::kConflict);
  EXPECT_EQ(code(Office::kTianjin, 2), core::ErrorCode::kConflict);
  EXPECT_EQ(code(Office::kTianjin, 1), moved);
  EXPECT_EQ(code(Office::kTianjin, 2), core::ErrorCode::kConflict);  // not the owner any more
  auto c = store::ReadValue<core::EnforcementCase>(db(), [&](Tx& tx) { return store::GetCase(tx, id); });
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->owner, Office::kHebei);
  EXPECT_EQ(c->version, 2);
  // An update written as the old owner is refused even with the current version.
  core::EnforcementCase stale = *c;
  stale.owner = Office::kTianjin;
  auto up = store::WriteValue<int64_t>(db(), [&](Tx& tx) { return store::UpdateCase(tx, stale); });
  ASSERT_FALSE(up.has_value());
  EXPECT_EQ(up.error().code, core::ErrorCode::kPreconditionFailed);
}

TEST_P(CaseRepoTest, RelatedCandidatesAreOtherOfficesCasesWithTheSameRespondentOrPatent) {
  core::EnforcementCase mine = Make(Office::kTianjin, "TJ-2026-0001", "沧州（河北）精工机械有限责任公司");
  mine.patents = {"201710601862.3"};
  mine.id = Insert(mine);
  const CaseId by_name = Insert(Make(Office::kBeijing, "BJ-2026-0001", "沧州精工机械有限公司"));
  core::EnforcementCase by_patent = Make(Office::kHebei, "HE-2026-0001", "另一家公司");
  by_patent.patents = {"201710601862.3"};
  by_patent.id = Insert(by_patent);
  core::EnforcementCase by_code = Make(Office::kHebei, "HE-2026-0002", "改名后的公司");
  by_code.respondent.credit_code = MakeCreditCode("130902", 7);
  by_code.id = Insert(by_code);
  Insert(Make(Office::kTianjin, "TJ-2026-0002", "沧州精工机械有限公司"));  // same office: not offered
  Insert(Make(Office::kHebei, "HE-2026-0003", "无关公司"));
  mine.respondent.credit_code = by_code.respondent.credit_code;
  auto found = store::ReadValue<std::vector<core::EnforcementCase>>(db(), [&](Tx& tx) { return store::FindRelatedCandidates(tx, mine, 10); });
  ASSERT_TRUE(found.has_value());
  std::vector<int64_t> ids;
  for (const auto& c : *found) ids.push_back(c.id.value);
  EXPECT_EQ(ids, (std::vector<int64_t>{by_name.value, by_patent.id.value, by_code.id.value}));
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseRepoTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendParamName);

}  // namespace
}  // namespace ipa::testing
