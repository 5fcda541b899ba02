// Cases under concurrent writers, on SQLite and PostgreSQL: gapless case numbers, exactly one
// owner when offices race to accept, cancel or re-transfer, no lost update, and the case-event
// outbox.
#include <atomic>
#include <set>
#include <thread>

#include "evidence/leaf.hpp"
#include "service/case_service.hpp"
#include "store/case_repo.hpp"
#include "store/store_fixture.hpp"

namespace ipa::testing {
namespace {

using core::CaseStatus;
using core::Office;
using service::Actor;
using service::TransferDecision;

Actor OfficeActor(Office office, int64_t id) {
  core::User u;
  u.id = core::UserId{id};
  u.login = "clerk" + std::to_string(id);
  u.role = core::Role::kOffice;
  u.office = office;
  return Actor{u, "127.0.0.1", "req" + std::to_string(id)};
}

core::EnforcementCase Draft(const std::string& respondent) {
  core::EnforcementCase c;
  c.complainant.name = "北京星河科技有限公司";
  c.respondent.name = respondent;
  c.places = {{"130902", "沧州市运河区"}};
  c.description = "涉嫌侵犯发明专利权";
  return c;
}

class CaseConcurrencyTest : public StoreContractTest {
 protected:
  core::CaseId Register(Office office, const std::string& respondent = "河北某机械制造有限公司") {
    auto reg = service::RegisterCase(db(), OfficeActor(office, 1), Draft(respondent));
    EXPECT_TRUE(reg.has_value()) << (reg ? "" : reg.error().message);
    return reg ? reg->view.c.id : core::CaseId{};
  }
  core::EnforcementCase Load(core::CaseId id) {
    auto c = store::ReadValue<core::EnforcementCase>(db(), [&](store::Tx& tx) { return store::GetCase(tx, id); });
    EXPECT_TRUE(c.has_value());
    return *c;
  }
};

TEST_P(CaseConcurrencyTest, CaseNumbersAreGaplessAndUniqueUnderConcurrentRegistration) {
  constexpr int kThreads = 4, kEach = 6;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<std::string> numbers;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        core::Result<service::CaseRegistration> reg = core::Fail(core::ErrorCode::kConflict, "");
        for (int attempt = 0; attempt < 20 && !reg; ++attempt) {
          reg = service::RegisterCase(db(), OfficeActor(Office::kTianjin, 10 + t), Draft("某公司" + std::to_string(t)));
          if (!reg && reg.error().code != core::ErrorCode::kConflict && reg.error().code != core::ErrorCode::kUnavailable) break;
        }
        if (!reg) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mu);
        numbers.push_back(reg->view.c.number);
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(failures.load(), 0);
  std::set<std::string> unique(numbers.begin(), numbers.end());
  ASSERT_EQ(unique.size(), static_cast<size_t>(kThreads * kEach));
  int year = 0;
  unsigned m = 0, d = 0;
  core::SplitDate(core::Today(), year, m, d);
  for (int serial = 1; serial <= kThreads * kEach; ++serial) {
    EXPECT_TRUE(unique.count(core::FormatCaseNumber(Office::kTianjin, year, serial))) << serial;
  }
  // Another office counts on its own.
  auto bj = service::RegisterCase(db(), OfficeActor(Office::kBeijing, 2), Draft("x公司"));
  ASSERT_TRUE(bj.has_value());
  EXPECT_EQ(bj->view.c.number, core::FormatCaseNumber(Office::kBeijing, year, 1));
}

// Rounds of: TJ requests a transfer to HE; then at once HE accepts, HE rejects, TJ cancels, TJ
// asks BJ instead, and TJ edits the case. Exactly one decision wins; the owner is the one the
// winning decision says; the edit never lands after the case left TJ.
TEST_P(CaseConcurrencyTest, RacingOfficesLeaveExactlyOneOwner) {
  const Actor tj = OfficeActor(Office::kTianjin, 1), he = OfficeActor(Office::kHebei, 2);
  int accepted = 0, others = 0;
  for (int round = 0; round < 8; ++round) {
    const core::CaseId id = Register(Office::kTianjin);
    auto t = service::RequestTransfer(db(), tj, id, Office::kHebei, core::TransferReason::kRespondentDomicile, "");
    ASSERT_TRUE(t.has_value()) << t.error().message;
    std::atomic<int> wins{0};
    std::atomic<bool> accept_won{false}, edit_after_move{false};
    std::vector<std::thread> threads;
    threads.emplace_back([&] {
      if (service::DecideTransfer(db(), he, id, t->id, TransferDecision::kAccept, "")) ++wins, accept_won = true;
    });
    threads.emplace_back([&] {
      if (service::DecideTransfer(db(), he, id, t->id, TransferDecision::kReject, "")) ++wins;
    });
    threads.emplace_back([&] {
      if (service::DecideTransfer(db(), tj, id, t->id, TransferDecision::kCancel, "")) ++wins;
    });
    threads.emplace_back([&] {
      // A second transfer cannot exist while the first is pending; after a rejection or
      // cancellation it may, and then the case must still be TJ's.
      (void)service::RequestTransfer(db(), tj, id, Office::kBeijing, core::TransferReason::kOther, "re-transfer");
    });
    threads.emplace_back([&] {
      service::CasePatch p;
      p.version = 1;  // a transfer request does not change the case itself
      p.description = "edited by TJ";
      auto r = service::UpdateCase(db(), tj, id, p);
      if (r && r->c.owner != Office::kTianjin) edit_after_move = true;
    });
    for (auto& th : threads) th.join();
    EXPECT_EQ(wins.load(), 1) << "round " << round;
    EXPECT_FALSE(edit_after_move.load());
    const core::EnforcementCase c = Load(id);
    EXPECT_EQ(c.owner, accept_won ? Office::kHebei : Office::kTianjin) << "round " << round;
    auto transfers = store::ReadValue<std::vector<store::CaseTransfer>>(db(), [&](store::Tx& tx) { return store::ListTransfers(tx, id); });
    ASSERT_TRUE(transfers.has_value());
    int pending = 0, accepted_rows = 0;
    for (const auto& tr : *transfers) {
      pending += tr.status == "requested";
      accepted_rows += tr.status == "accepted";
    }
    EXPECT_LE(pending, 1);
    EXPECT_EQ(accepted_rows, accept_won ? 1 : 0);
    (accept_won ? accepted : others)++;
    // The old owner has lost write access once the transfer committed.
    if (accept_won) {
      service::CasePatch p;
      p.version = c.version;
      p.description = "too late";
      auto late = service::UpdateCase(db(), tj, id, p);
      ASSERT_FALSE(late.has_value());
      EXPECT_EQ(late.error().code, core::ErrorCode::kPermissionDenied);
      EXPECT_FALSE(service::RequestTransfer(db(), tj, id, Office::kBeijing, core::TransferReason::kOther, "x").has_value());
    }
  }
  EXPECT_EQ(accepted + others, 8);
}

TEST_P(CaseConcurrencyTest, TwoOfficesRacingToTakeOverAfterAReTransfer) {
  // HE owns the case after a transfer; it re-transfers to BJ while TJ (the former owner) tries
  // to take it back and BJ accepts twice at once.
  const Actor tj = OfficeActor(Office::kTianjin, 1), he = OfficeActor(Office::kHebei, 2), bj = OfficeActor(Office::kBeijing, 3);
  for (int round = 0; round < 5; ++round) {
    const core::CaseId id = Register(Office::kTianjin);
    auto t1 = service::RequestTransfer(db(), tj, id, Office::kHebei, core::TransferReason::kPlaceOfInfringement, "");
    ASSERT_TRUE(t1.has_value());
    ASSERT_TRUE(service::DecideTransfer(db(), he, id, t1->id, TransferDecision::kAccept, "").has_value());
    auto t2 = service::RequestTransfer(db(), he, id, Office::kBeijing, core::TransferReason::kOther, "joint handling");
    ASSERT_TRUE(t2.has_value());
    std::atomic<int> accepts{0}, tj_writes{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&] {
        if (service::DecideTransfer(db(), bj, id, t2->id, TransferDecision::kAccept, "")) ++accepts;
      });
    }
    threads.emplace_back([&] {
      if (service::RequestTransfer(db(), tj, id, Office::kTianjin, core::TransferReason::kOther, "back")) ++tj_writes;
      if (service::DecideTransfer(db(), tj, id, t2->id, TransferDecision::kCancel, "")) ++tj_writes;
    });
    for (auto& th : threads) th.join();
    EXPECT_EQ(accepts.load(), 1);
    EXPECT_EQ(tj_writes.load(), 0);
    EXPECT_EQ(Load(id).owner, Office::kBeijing);
  }
}

TEST_P(CaseConcurrencyTest, ConcurrentUpdatesWithOneVersionLoseNothing) {
  const core::CaseId id = Register(Office::kHebei);
  const Actor he = OfficeActor(Office::kHebei, 5);
  std::atomic<int> ok{0}, stale{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      service::CasePatch p;
      p.version = 1;
      p.description = "writer " + std::to_string(i);
      auto r = service::UpdateCase(db(), he, id, p);
      if (r) ++ok;
      else if (r.error().code == core::ErrorCode::kPreconditionFailed || r.error().code == core::ErrorCode::kConflict) ++stale;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(stale.load(), 3);
  EXPECT_EQ(Load(id).version, 2);
}

TEST_P(CaseConcurrencyTest, TransferStepsEnterTheEvidenceOutboxAsCanonicalLeaves) {
  const Actor tj = OfficeActor(Office::kTianjin, 1), he = OfficeActor(Office::kHebei, 2);
  const core::CaseId id = Register(Office::kTianjin);
  auto t1 = service::RequestTransfer(db(), tj, id, Office::kHebei, core::TransferReason::kRespondentDomicile, "");
  ASSERT_TRUE(t1.has_value());
  ASSERT_TRUE(service::DecideTransfer(db(), he, id, t1->id, TransferDecision::kReject, "not ours").has_value());
  auto t2 = service::RequestTransfer(db(), tj, id, Office::kHebei, core::TransferReason::kPlaceOfInfringement, "");
  ASSERT_TRUE(t2.has_value());
  ASSERT_TRUE(service::DecideTransfer(db(), he, id, t2->id, TransferDecision::kAccept, "").has_value());

  auto pending = store::ReadValue<std::vector<store::CaseEventRow>>(db(), [](store::Tx& tx) { return store::ListUnloggedCaseEvents(tx, 100); });
  ASSERT_TRUE(pending.has_value());
  ASSERT_EQ(pending->size(), 4u);
  const std::vector<std::string> events = {"transfer_requested", "transfer_rejected", "transfer_requested", "transfer_accepted"};
  const std::vector<std::string> offices = {"TJ", "HE", "TJ", "HE"};
  for (size_t i = 0; i < 4; ++i) {
    const auto& row = (*pending)[i];
    EXPECT_EQ(row.event, events[i]);
    auto record = evidence::DecodeLeaf(row.leaf);
    ASSERT_TRUE(record.has_value()) << row.leaf;
    EXPECT_EQ(record->kind, evidence::LeafKind::kCaseEvent);
    EXPECT_EQ(record->event, events[i]);
    EXPECT_EQ(record->office, offices[i]);
    EXPECT_EQ(record->case_id, Load(id).number);
    EXPECT_EQ(*evidence::EncodeLeaf(*record), row.leaf);
  }
  // Draining: set indexes for the first two; the rest stay listed, in order; an index is set once.
  ASSERT_TRUE(db().Write([&](store::Tx& tx) -> core::Status {
    IPA_CHECK(store::SetCaseEventLeafIndex(tx, (*pending)[0].id, 0));
    return store::SetCaseEventLeafIndex(tx, (*pending)[1].id, 1);
  }).has_value());
  auto again = db().Write([&](store::Tx& tx) { return store::SetCaseEventLeafIndex(tx, (*pending)[0].id, 7); });
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  auto missing = db().Write([&](store::Tx& tx) { return store::SetCaseEventLeafIndex(tx, 999999, 9); });
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  auto rest = store::ReadValue<std::vector<store::CaseEventRow>>(db(), [](store::Tx& tx) { return store::ListUnloggedCaseEvents(tx, 100); });
  ASSERT_TRUE(rest.has_value());
  ASSERT_EQ(rest->size(), 2u);
  EXPECT_EQ((*rest)[0].id, (*pending)[2].id);
  EXPECT_EQ((*rest)[1].id, (*pending)[3].id);
  auto limited = store::ReadValue<std::vector<store::CaseEventRow>>(db(), [](store::Tx& tx) { return store::ListUnloggedCaseEvents(tx, 1); });
  ASSERT_TRUE(limited.has_value());
  EXPECT_EQ(limited->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseConcurrencyTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendParamName);

}  // namespace
}  // namespace ipa::testing
