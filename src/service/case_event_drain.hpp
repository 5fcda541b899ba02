// The case-event outbox drain: every `case_events` row (a transfer step) not yet in the evidence
// log is appended durably and its leaf index recorded. Idempotent across crashes: a leaf whose
// bytes are logged already is not appended again, its index is reused.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "service/evidence_log.hpp"
#include "store/database.hpp"

namespace ipa::service {

// The index of `leaf` in the log: the existing one when the same bytes are logged already,
// otherwise a new durable append. Errors of EvidenceLog::Append and the database.
core::Result<int64_t> AppendOnce(store::Database& db, EvidenceLog& log, const std::string& leaf);

// Appends every unlogged case event, oldest first, and records its index; returns how many.
// Not to be run concurrently with itself (one drainer per server).
core::Result<size_t> DrainCaseEvents(store::Database& db, EvidenceLog& log);

// Runs DrainCaseEvents at start and then every `interval` on its own thread until destroyed;
// failures are logged and retried on the next round.
class CaseEventDrainer {
 public:
  CaseEventDrainer(store::Database& db, EvidenceLog& log,
                   std::chrono::milliseconds interval = std::chrono::milliseconds(500));
  ~CaseEventDrainer();
  CaseEventDrainer(const CaseEventDrainer&) = delete;
  CaseEventDrainer& operator=(const CaseEventDrainer&) = delete;

 private:
  void Loop();

  store::Database& db_;
  EvidenceLog& log_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ipa::service
