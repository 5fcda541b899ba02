// The patent tables behave the same on SQLite and PostgreSQL: idempotent upsert, children,
// appended events, filters.
#include "store/patent_repo.hpp"

#include "store/audit_repo.hpp"
#include "store/migrations.hpp"
#include "store/store_fixture.hpp"

namespace ipa::testing {
namespace {

using core::Date;
using core::MakeDate;
using core::Patent;

Patent SamplePatent(const std::string& number, const std::string& region) {
  Patent p;
  p.application_number = number;
  p.publication_number = "CN106844774A";
  p.type = core::PatentType::kInvention;
  p.title_zh = "一种锂电池正极材料的制备方法";
  p.title_en = "Method for preparing a lithium battery cathode material";
  p.abstract_zh = "本发明公开了一种锂电池正极材料的制备方法。";
  p.first_claim = "1. 一种锂电池正极材料的制备方法，其特征在于……";
  p.ipc = {"H01M 4/525", "H01M 10/0525"};
  p.applicants = {{"北京华清大学", std::nullopt}, {"天津海河新材料有限公司", std::nullopt}};
  p.inventors = {"张三", "李四"};
  p.applicant_address = "100084 北京市海淀区";
  p.region_code = region;
  p.region_rule = core::RegionRule::kAddress;
  p.agency = "北京华信知识产权代理有限公司";
  p.priorities = {{"US", "62/123,456", MakeDate(2016, 5, 1)}};
  p.pct = core::PctData{"PCT/CN2017/000001", MakeDate(2017, 1, 1), "WO2017/000001", MakeDate(2017, 7, 1), std::nullopt};
  p.filing_date = MakeDate(2017, 7, 28);
  p.publication_date = MakeDate(2018, 1, 30);
  p.grant_date = MakeDate(2020, 3, 10);
  core::LegalEvent grant;
  grant.kind = core::EventKind::kGrant;
  grant.date = *p.grant_date;
  core::LegalEvent licence;
  licence.kind = core::EventKind::kLicence;
  licence.date = MakeDate(2021, 6, 1);
  licence.licence_type = core::LicenceType::kExclusive;
  licence.licensee = "天津海河新材料有限公司";
  licence.term_start = MakeDate(2021, 6, 1);
  licence.term_end = MakeDate(2026, 5, 31);
  licence.territory = "天津市";
  p.events = {grant, licence};
  p.source = "test";
  p.source_status = "有权-审定授权";
  return p;
}

class PatentRepoTest : public StoreContractTest {};

TEST_P(PatentRepoTest, UpsertRoundTripsEveryFieldAndIsIdempotent) {
  Patent in = SamplePatent("201710601862.3", "110108");
  auto first = store::WriteValue<store::UpsertOutcome>(db(), [&](Tx& tx) { return store::UpsertPatent(tx, in); });
  ASSERT_TRUE(first.has_value()) << first.error().detail;
  EXPECT_TRUE(first->inserted);
  auto again = store::WriteValue<store::UpsertOutcome>(db(), [&](Tx& tx) { return store::UpsertPatent(tx, in); });
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->inserted);
  EXPECT_EQ(again->id, first->id);
  auto out = store::ReadValue<Patent>(db(), [&](Tx& tx) { return store::GetPatent(tx, "201710601862.3"); });
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->title_zh, in.title_zh);
  EXPECT_EQ(out->ipc, in.ipc);
  EXPECT_EQ(out->inventors, in.inventors);
  ASSERT_EQ(out->applicants.size(), 2u);
  EXPECT_EQ(out->applicants[1].name, "天津海河新材料有限公司");
  EXPECT_EQ(out->region_rule, core::RegionRule::kAddress);
  ASSERT_EQ(out->priorities.size(), 1u);
  EXPECT_EQ(out->priorities[0].number, "62/123,456");
  ASSERT_TRUE(out->pct.has_value());
  EXPECT_EQ(out->pct->publication_number, "WO2017/000001");
  EXPECT_FALSE(out->pct->national_entry_date.has_value());
  EXPECT_EQ(out->grant_date, in.grant_date);
  ASSERT_EQ(out->events.size(), 2u) << "re-import replaced, not duplicated, the events";
  EXPECT_EQ(out->events[1].licence_type, core::LicenceType::kExclusive);
  EXPECT_EQ(out->events[1].term_end, MakeDate(2026, 5, 31));
  EXPECT_EQ(out->source_status, "有权-审定授权");
  auto count = store::ReadValue<int64_t>(db(), [](Tx& tx) { return store::CountPatents(tx); });
  EXPECT_EQ(*count, 1);
}

TEST_P(PatentRepoTest, AppendedEventsAreOrderedByDateAndUnknownPatentsAreNotFound) {
  Patent in = SamplePatent("201710601862.3", "110108");
  ASSERT_TRUE(store::WriteValue<store::UpsertOutcome>(db(), [&](Tx& tx) { return store::UpsertPatent(tx, in); }).has_value());
  core::LegalEvent paid;
  paid.kind = core::EventKind::kAnnuityPaid;
  paid.date = MakeDate(2020, 7, 1);
  paid.patent_year = 4;
  auto st = db().Write([&](Tx& tx) { return store::AppendPatentEvent(tx, "201710601862.3", paid); });
  ASSERT_TRUE(st.has_value()) << st.error().detail;
  auto missing = db().Write([&](Tx& tx) { return store::AppendPatentEvent(tx, "201810000000.1", paid); });
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto out = store::ReadValue<Patent>(db(), [&](Tx& tx) { return store::GetPatent(tx, "201710601862.3"); });
  ASSERT_EQ(out->events.size(), 3u);
  EXPECT_EQ(out->events[1].kind, core::EventKind::kAnnuityPaid);
  EXPECT_EQ(out->events[1].patent_year, 4);
}

TEST_P(PatentRepoTest, ListFilters) {
  ASSERT_TRUE(db().Write([&](Tx& tx) -> core::Status {
    IPA_CHECK(store::UpsertPatent(tx, SamplePatent("201710601862.3", "110108")));
    Patent b = SamplePatent("201820000001.1", "120116");
    b.type = core::PatentType::kUtilityModel;
    b.ipc = {"G06F 16/00"};
    b.filing_date = MakeDate(2018, 2, 1);
    IPA_CHECK(store::UpsertPatent(tx, b));
    return {};
  }).has_value());
  auto list = [&](store::PatentFilter f) {
    auto r = store::ReadValue<std::vector<std::pair<core::PatentId, Patent>>>(db(), [&](Tx& tx) { return store::ListPatents(tx, f, 0, 100); });
    EXPECT_TRUE(r.has_value());
    return r ? r->size() : 0u;
  };
  EXPECT_EQ(list({}), 2u);
  EXPECT_EQ(list({.region_prefix = "12"}), 1u);
  EXPECT_EQ(list({.ipc_prefix = "H01M 10"}), 1u);
  EXPECT_EQ(list({.ipc_prefix = "G06F"}), 1u);
  EXPECT_EQ(list({.type = core::PatentType::kUtilityModel}), 1u);
  EXPECT_EQ(list({.applicant_contains = "海河"}), 2u);
  EXPECT_EQ(list({.filed_from = MakeDate(2018, 1, 1)}), 1u);
  auto changes = store::ReadValue<std::vector<store::Change>>(db(), [](Tx& tx) { return store::ChangesAfter(tx, 0, 100); });
  int patent_changes = 0;
  for (const auto& c : *changes) patent_changes += c.entity == "patent";
  EXPECT_EQ(patent_changes, 2);
}

// Migration 9 rebuilds patent_applicants (one B-tree on SQLite, org_id indexed only where set);
// it is run again here over stored rows, which must come through with their organisation links.
TEST_P(PatentRepoTest, CompactApplicantsMigrationKeepsEveryNameAndLink) {
  Patent in = SamplePatent("201710601862.3", "110108");
  auto beijing = store::ReadValue<int64_t>(db(), [](Tx& tx) -> core::Result<int64_t> {
    IPA_TRY(row, tx.QueryOne("SELECT id FROM organizations WHERE office_code = 'BJ'"));
    return row.Int(0);
  });
  ASSERT_TRUE(beijing.has_value());
  in.applicants[0].org_id = core::OrgId{*beijing};
  ASSERT_TRUE(store::WriteValue<store::UpsertOutcome>(db(), [&](Tx& tx) { return store::UpsertPatent(tx, in); }).has_value());
  ASSERT_TRUE(db().Write([](Tx& tx) -> core::Status {
    IPA_CHECK(tx.Exec("DELETE FROM schema_migrations WHERE version = 9"));
    return {};
  }).has_value());
  auto applied = store::Migrate(db());
  ASSERT_TRUE(applied.has_value()) << applied.error().detail;
  EXPECT_EQ(*applied, std::vector<int>{9});
  auto out = store::ReadValue<Patent>(db(), [&](Tx& tx) { return store::GetPatent(tx, "201710601862.3"); });
  ASSERT_TRUE(out.has_value());
  ASSERT_EQ(out->applicants.size(), 2u);
  EXPECT_EQ(out->applicants[0].org_id, core::OrgId{*beijing});
  EXPECT_EQ(out->applicants[1].name, "天津海河新材料有限公司");
  EXPECT_FALSE(out->applicants[1].org_id.has_value());
  auto linked = store::ReadValue<std::vector<std::pair<core::PatentId, Patent>>>(db(), [&](Tx& tx) {
    return store::ListPatents(tx, store::PatentFilter{.applicant_org = core::OrgId{*beijing}}, 0, 10);
  });
  ASSERT_TRUE(linked.has_value());
  EXPECT_EQ(linked->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PatentRepoTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendParamName);

}  // namespace
}  // namespace ipa::testing
