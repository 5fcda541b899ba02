#include "service/case_event_drain.hpp"

#include <spdlog/spdlog.h>

#include "evidence/merkle.hpp"
#include "store/case_repo.hpp"
#include "store/evidence_item_repo.hpp"

namespace ipa::service {

core::Result<int64_t> AppendOnce(store::Database& db, EvidenceLog& log, const std::string& leaf) {
  const std::string hash = evidence::HashHex(evidence::HashLeaf(leaf));
  IPA_TRY(found, store::ReadValue<std::optional<int64_t>>(
                     db, [&](store::Tx& tx) { return store::FindLoggedLeaf(tx, hash, leaf); }));
  if (found) return *found;
  IPA_TRY(index, log.Append(leaf));
  return static_cast<int64_t>(index);
}

core::Result<size_t> DrainCaseEvents(store::Database& db, EvidenceLog& log) {
  size_t done = 0;
  for (;;) {
    using Rows = std::vector<store::CaseEventRow>;
    IPA_TRY(rows, store::ReadValue<Rows>(db, [](store::Tx& tx) { return store::ListUnloggedCaseEvents(tx, 100); }));
    if (rows.empty()) return done;
    for (const store::CaseEventRow& e : rows) {
      IPA_TRY(index, AppendOnce(db, log, e.leaf));
      IPA_CHECK(db.Write([&](store::Tx& tx) { return store::SetCaseEventLeafIndex(tx, e.id, index); }));
      ++done;
    }
  }
}

CaseEventDrainer::CaseEventDrainer(store::Database& db, EvidenceLog& log, std::chrono::milliseconds interval)
    : db_(db), log_(log), interval_(interval), thread_([this] { Loop(); }) {}

CaseEventDrainer::~CaseEventDrainer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void CaseEventDrainer::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    auto drained = DrainCaseEvents(db_, log_);
    if (!drained) spdlog::warn("case-event drain: {} ({})", drained.error().message, drained.error().detail);
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace ipa::service
