// The storage contract: every repository behaves the same on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "core/time.hpp"
#include "service/demo_data.hpp"
#include "store/audit_repo.hpp"
#include "store/migrations.hpp"
#include "store/org_repo.hpp"
#include "store/user_repo.hpp"
#include "store/store_fixture.hpp"

namespace ipa::testing {
namespace {

TEST_P(StoreContractTest, MigrationsAreAppliedOnceAndRefuseNewerSchemas) {
  auto version = store::CurrentSchemaVersion(db());
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(*version, store::LatestSchemaVersion());
  auto again = store::Migrate(db());
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->empty());
  InWrite([](Tx& tx) { ASSERT_TRUE(tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").has_value()); });
  auto refused = store::Migrate(db());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("999"), std::string::npos);
}

TEST_P(StoreContractTest, TheThreeOfficesExist) {
  for (core::Office office : core::kAllOffices) {
    auto org = store::ReadValue<Organization>(db(), [&](Tx& tx) { return store::GetOfficeOrg(tx, office); });
    ASSERT_TRUE(org.has_value());
    EXPECT_EQ(org->type, core::OrgType::kOffice);
    EXPECT_EQ(core::OwningOffice(*org), office);
    EXPECT_GT(org->created_at, 1'600'000'000'000);
  }
}

TEST_P(StoreContractTest, OrganizationRoundTripsEveryField) {
  Organization in = MakeOrg("130102", 7);
  auto id = store::WriteValue<core::OrgId>(db(), [&](Tx& tx) { return store::InsertOrg(tx, in); });
  ASSERT_TRUE(id.has_value()) << id.error().detail;
  auto out = store::ReadValue<Organization>(db(), [&](Tx& tx) { return store::GetOrg(tx, *id); });
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->name_zh, in.name_zh);
  EXPECT_EQ(out->name_en, in.name_en);
  EXPECT_EQ(out->aliases, in.aliases);
  EXPECT_EQ(out->credit_code, in.credit_code);
  EXPECT_EQ(out->region_code, "130102");
  EXPECT_EQ(out->industry, "C");
  EXPECT_EQ(out->membership.joined_on, "2016-03-29");
  EXPECT_EQ(out->membership.founding, in.membership.founding);
  EXPECT_EQ(out->membership.status, core::MemberStatus::kActive);
  EXPECT_EQ(out->contact.email, "w@example.com");
  EXPECT_EQ(out->version, 1);
  EXPECT_FALSE(out->office_code.has_value());
  auto missing = store::ReadValue<Organization>(db(), [&](Tx& tx) { return store::GetOrg(tx, core::OrgId{999999}); });
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, DuplicateCreditCodeIsAlreadyExistsAndRollsBack) {
  Organization a = MakeOrg("110108", 1);
  ASSERT_TRUE(store::WriteValue<core::OrgId>(db(), [&](Tx& tx) { return store::InsertOrg(tx, a); }).has_value());
  Organization b = MakeOrg("110108", 2);
  b.credit_code = a.credit_code;
  auto dup = store::WriteValue<core::OrgId>(db(), [&](Tx& tx) -> core::Result<core::OrgId> {
    // A change log row written before the failure must vanish with the rollback.
    IPA_CHECK(store::AppendChange(tx, "organization", "x", "create"));
    return store::InsertOrg(tx, b);
  });
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(dup.error().field, "credit_code");
  auto changes = store::ReadValue<std::vector<store::Change>>(db(), [](Tx& tx) { return store::ChangesAfter(tx, 0, 100); });
  ASSERT_TRUE(changes.has_value());
  for (const auto& c : *changes) EXPECT_NE(c.entity_id, "x");
}

TEST_P(StoreContractTest, UpdateNeedsTheCurrentVersion) {
  Organization o = MakeOrg("120116", 3);
  auto id = store::WriteValue<core::OrgId>(db(), [&](Tx& tx) { return store::InsertOrg(tx, o); });
  ASSERT_TRUE(id.has_value());
  o.id = *id;
  o.address = "天津市滨海新区1号";
  auto v2 = store::WriteValue<int64_t>(db(), [&](Tx& tx) { return store::UpdateOrg(tx, o); });
  ASSERT_TRUE(v2.has_value());
  EXPECT_EQ(*v2, 2);
  auto stale = store::WriteValue<int64_t>(db(), [&](Tx& tx) { return store::UpdateOrg(tx, o); });
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  auto stored = store::ReadValue<Organization>(db(), [&](Tx& tx) { return store::GetOrg(tx, *id); });
  EXPECT_EQ(stored->address, "天津市滨海新区1号");
  EXPECT_EQ(stored->version, 2);
}

TEST_P(StoreContractTest, ListFiltersAndPagesInIdOrder) {
  InWrite([&](Tx& tx) {
    for (int i = 0; i < 12; ++i) {
      Organization o = MakeOrg(i % 3 == 0 ? "110105" : (i % 3 == 1 ? "120101" : "130602"), 100 + i);
      if (i == 5) o.type = core::OrgType::kAgency;
      ASSERT_TRUE(store::InsertOrg(tx, o).has_value());
    }
  });
  auto list = [&](store::OrgFilter f, int64_t after, int limit) {
    auto r = store::ReadValue<std::vector<Organization>>(db(), [&](Tx& tx) { return store::ListOrgs(tx, f, after, limit); });
    EXPECT_TRUE(r.has_value());
    return r.value_or(std::vector<Organization>{});
  };
  EXPECT_EQ(list({.region_prefix = "13"}, 0, 100).size(), 4u + 1u);  // + Hebei office
  EXPECT_EQ(list({.region_prefix = "1306"}, 0, 100).size(), 4u);
  EXPECT_EQ(list({.type = core::OrgType::kAgency}, 0, 100).size(), 1u);
  EXPECT_EQ(list({.query = "测试105"}, 0, 100).size(), 1u);
  EXPECT_EQ(list({.query = "test"}, 0, 100).size(), 12u);  // the full-width alias folds to "test"
  EXPECT_EQ(list({.query = "%"}, 0, 100).size(), 0u);     // LIKE wildcards are literal
  EXPECT_EQ(list({.founding = true}, 0, 100).size(), 6u + 3u);
  // Pages of 5 cover everything once, ascending.
  std::vector<int64_t> seen;
  int64_t after = 0;
  for (int page = 0; page < 10; ++page) {
    auto items = list({}, after, 5);
    if (items.empty()) break;
    for (const auto& o : items) seen.push_back(o.id.value);
    after = items.back().id.value;
  }
  EXPECT_EQ(seen.size(), 15u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_P(StoreContractTest, UsersSessionsTokensAndFailures) {
  core::User u;
  u.login = "alice";
  u.display_name = "爱丽丝";
  u.role = core::Role::kOffice;
  u.office = core::Office::kTianjin;
  auto id = store::WriteValue<core::UserId>(db(), [&](Tx& tx) { return store::InsertUser(tx, u, "$argon2id$x"); });
  ASSERT_TRUE(id.has_value());
  auto dup = store::WriteValue<core::UserId>(db(), [&](Tx& tx) { return store::InsertUser(tx, u, "h"); });
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  auto by_login = store::ReadValue<std::pair<core::User, std::string>>(db(), [&](Tx& tx) { return store::GetUserByLogin(tx, "alice"); });
  ASSERT_TRUE(by_login.has_value());
  EXPECT_EQ(by_login->first.office, core::Office::kTianjin);
  EXPECT_EQ(by_login->second, "$argon2id$x");

  const int64_t now = core::NowMs();
  InWrite([&](Tx& tx) {
    ASSERT_TRUE(store::InsertSession(tx, {"hash1", *id, "csrf", now, now}, "127.0.0.1").has_value());
    ASSERT_TRUE(store::RecordLoginFailure(tx, "alice", "10.0.0.1", now - 10).has_value());
    ASSERT_TRUE(store::RecordLoginFailure(tx, "alice", "10.0.0.1", now - 5).has_value());
    ASSERT_TRUE(store::RecordLoginFailure(tx, "bob", "10.0.0.1", now - 7200 * 1000).has_value());
  });
  auto session = store::ReadValue<store::SessionRow>(db(), [&](Tx& tx) { return store::GetSession(tx, "hash1"); });
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->user_id, *id);
  auto failures = store::ReadValue<store::FailureWindow>(db(), [&](Tx& tx) { return store::LoginFailuresSince(tx, "alice", now - 3600 * 1000); });
  EXPECT_EQ(failures->count, 2);
  EXPECT_EQ(failures->oldest, now - 10);
  auto by_ip = store::ReadValue<store::FailureWindow>(db(), [&](Tx& tx) { return store::IpFailuresSince(tx, "10.0.0.1", now - 3600 * 1000); });
  EXPECT_EQ(by_ip->count, 2);

  auto token = store::WriteValue<core::TokenId>(db(), [&](Tx& tx) { return store::InsertToken(tx, *id, "ci", "th"); });
  ASSERT_TRUE(token.has_value());
  EXPECT_TRUE(store::ReadValue<store::TokenRow>(db(), [&](Tx& tx) { return store::GetActiveTokenByHash(tx, "th"); }).has_value());
  InWrite([&](Tx& tx) { ASSERT_TRUE(store::RevokeToken(tx, *token, now).has_value()); });
  auto revoked = store::ReadValue<store::TokenRow>(db(), [&](Tx& tx) { return store::GetActiveTokenByHash(tx, "th"); });
  ASSERT_FALSE(revoked.has_value());
  EXPECT_EQ(revoked.error().code, ErrorCode::kNotFound);
  InWrite([&](Tx& tx) { ASSERT_TRUE(store::DeleteUserSessions(tx, *id).has_value()); });
  EXPECT_FALSE(store::ReadValue<store::SessionRow>(db(), [&](Tx& tx) { return store::GetSession(tx, "hash1"); }).has_value());
}

TEST_P(StoreContractTest, AuditFiltersByOfficeNewestFirst) {
  InWrite([&](Tx& tx) {
    for (int i = 0; i < 6; ++i) {
      store::AuditEntry e;
      e.action = i % 2 ? "org.update" : "org.create";
      e.object_type = "organization";
      e.object_id = std::to_string(i);
      e.outcome = "ok";
      e.office = i < 4 ? "TJ" : "HE";
      ASSERT_TRUE(store::AppendAudit(tx, e).has_value());
    }
  });
  auto tj = store::ReadValue<std::vector<store::AuditEntry>>(db(), [](Tx& tx) { return store::ListAudit(tx, {.office = "TJ"}, 0, 100); });
  ASSERT_TRUE(tj.has_value());
  ASSERT_EQ(tj->size(), 4u);
  EXPECT_EQ(tj->front().object_id, "3");
  auto updates = store::ReadValue<std::vector<store::AuditEntry>>(db(), [](Tx& tx) { return store::ListAudit(tx, {.action = "org.update"}, 0, 100); });
  EXPECT_EQ(updates->size(), 3u);
  auto older = store::ReadValue<std::vector<store::AuditEntry>>(db(), [&](Tx& tx) { return store::ListAudit(tx, {}, (*tj)[1].id, 100); });
  for (const auto& e : *older) EXPECT_LT(e.id, (*tj)[1].id);
}

TEST_P(StoreContractTest, ConcurrentWritersAllCommitWithUniqueIdsAndOrderedChanges) {
  constexpr int kThreads = 8, kEach = 10;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Organization o = MakeOrg("110101", 1000 + t * kEach + i);
        auto id = store::WriteValue<core::OrgId>(db(), [&](Tx& tx) -> core::Result<core::OrgId> {
          IPA_TRY(new_id, store::InsertOrg(tx, o));
          IPA_CHECK(store::AppendChange(tx, "organization", std::to_string(new_id.value), "create"));
          return new_id;
        });
        if (!id) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto changes = store::ReadValue<std::vector<store::Change>>(db(), [](Tx& tx) { return store::ChangesAfter(tx, 0, 1000); });
  ASSERT_TRUE(changes.has_value());
  ASSERT_EQ(changes->size(), static_cast<size_t>(kThreads * kEach));
  std::set<std::string> ids;
  for (size_t i = 0; i < changes->size(); ++i) {
    ids.insert((*changes)[i].entity_id);
    if (i > 0) {
      EXPECT_LT((*changes)[i - 1].seq, (*changes)[i].seq);
    }
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kThreads * kEach));
}

TEST_P(StoreContractTest, SettingsUpsert) {
  InWrite([](Tx& tx) {
    ASSERT_TRUE(store::PutSetting(tx, "k", "1").has_value());
    ASSERT_TRUE(store::PutSetting(tx, "k", "2").has_value());
  });
  auto v = store::ReadValue<std::optional<std::string>>(db(), [](Tx& tx) { return store::GetSetting(tx, "k"); });
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value_or(""), "2");
}

TEST_P(StoreContractTest, DemoDataLoadsOnceAllOrNothing) {
  auto first = service::LoadDemoData(db());
  ASSERT_TRUE(first.has_value()) << first.error().message << " " << first.error().detail;
  EXPECT_TRUE(first->loaded);
  EXPECT_EQ(first->organizations, 182);
  EXPECT_EQ(first->users, 7);
  auto second = service::LoadDemoData(db());
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(second->loaded);
  auto count = store::ReadValue<int64_t>(db(), [](Tx& tx) { return store::CountOrgs(tx); });
  EXPECT_EQ(*count, 182 + 3);
  // 120 founding companies and 30 founding agencies, spread over the three regions.
  auto founding = store::ReadValue<std::vector<Organization>>(db(), [](Tx& tx) {
    return store::ListOrgs(tx, {.founding = true}, 0, 1000);
  });
  int companies = 0, agencies = 0, bj = 0, tj = 0, he = 0;
  for (const auto& o : *founding) {
    companies += o.type == core::OrgType::kCompany;
    agencies += o.type == core::OrgType::kAgency;
    if (o.type == core::OrgType::kOffice) continue;
    bj += o.region_code.starts_with("11");
    tj += o.region_code.starts_with("12");
    he += o.region_code.starts_with("13");
    Organization copy = o;
    EXPECT_TRUE(core::NormalizeAndValidate(copy).has_value()) << o.name_zh;
  }
  EXPECT_EQ(companies, 120);
  EXPECT_EQ(agencies, 30);
  EXPECT_GT(bj, 30);
  EXPECT_GT(tj, 20);
  EXPECT_GT(he, 20);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& p) { return BackendName(p.param); });

}  // namespace
}  // namespace ipa::testing
