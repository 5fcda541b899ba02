#include "service/patent_import.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/applicant_name.hpp"
#include "service/audit_service.hpp"
#include "core/patent_normalize.hpp"
#include "store/org_repo.hpp"
#include "store/patent_repo.hpp"

namespace ipa::service {
namespace {

using core::ErrorCode;
using importer::ImportItem;
using importer::Rejection;

constexpr size_t kMaxKeptRejections = 1000;
// Records per chunk handed from the reading thread to the writing thread.
constexpr size_t kChunk = 1000;

// Applicant name key → organisation, built once per import; also every organisation id, so
// links in a file that name unknown organisations are dropped rather than stored.
struct OrgIndex {
  std::unordered_map<std::string, core::OrgId> keys;
  std::unordered_set<int64_t> ids;
};

core::Result<OrgIndex> LoadOrgKeys(store::Database& db) {
  OrgIndex index;
  auto& keys = index.keys;
  IPA_CHECK(db.Read([&](store::Tx& tx) -> core::Status {
    int64_t after = 0;
    while (true) {
      IPA_TRY(page, store::ListOrgs(tx, {}, after, 1000));
      if (page.empty()) break;
      for (const auto& o : page) {
        index.ids.insert(o.id.value);
        keys.emplace(core::ApplicantKey(o.name_zh), o.id);
        if (!o.name_en.empty()) keys.emplace(core::ApplicantKey(o.name_en), o.id);
        for (const auto& a : o.aliases) keys.emplace(core::ApplicantKey(a), o.id);
      }
      after = page.back().id.value;
    }
    return {};
  }));
  return index;
}

// A record ready for the writing thread: a patent comes with its stored columns already
// encoded, so the reading thread does that work.
struct Staged {
  ImportItem item;
  store::PatentColumns columns;
};
using Batch = std::vector<Staged>;

class ImportRun {
 public:
  ImportRun(store::Database& db, const ImportOptions& options, OrgIndex orgs)
      : db_(db), options_(options), orgs_(std::move(orgs)) {
    if (!options.report_path.empty()) {
      report_.open(options.report_path, std::ios::trunc);
      report_ << "file\tline\trecord\tfield\treason\n";
    }
  }

  // Reads, validates and normalises on a second thread while this one writes, so parsing and
  // the database overlap. The reader hands over chunks of at most kChunk records through a
  // queue of a few chunks (bounded memory); a transaction spans as many chunks as it takes to
  // hold options_.batch_size records.
  core::Status RunFile(const std::string& path) {
    IPA_TRY(reader, importer::OpenReader(options_.format, path));
    BatchQueue queue;
    core::Status read_status;
    std::thread producer([&] {
      read_status = Produce(*reader, path, queue);
      queue.Close();
    });
    core::Status write_status;
    std::optional<Batch> next = queue.Pop();
    while (next) {
      if (write_status) write_status = WriteTransaction(queue, next);
      if (!write_status) {
        queue.Abort();  // stop the producer; drain what is queued
        if (next) queue.Retire(std::move(*next));
        next = queue.Pop();
      }
    }
    producer.join();
    IPA_CHECK(write_status);
    IPA_CHECK(read_status);
    for (const std::string& w : reader->Warnings()) summary_.warnings.push_back(path + ": " + w);
    if (options_.on_progress) options_.on_progress({path, 1.0, records_});
    return {};
  }

  ImportSummary Finish() { return std::move(summary_); }

 private:
  // A bounded hand-off of batches from the reading thread to the writing thread.
  class BatchQueue {
   public:
    // Blocks while the queue is full; false when the consumer gave up. Frees the batches the
    // consumer has written, so that work stays on this (the reading) thread.
    bool Push(Batch batch) {
      std::vector<Batch> spent;
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return q_.size() < kDepth || aborted_; });
      if (aborted_) return false;
      q_.push_back(std::move(batch));
      spent.swap(spent_);
      cv_.notify_all();
      lock.unlock();
      return true;  // `spent` is destroyed here, outside the lock
    }
    // The consumer hands back a written batch.
    void Retire(Batch batch) {
      std::lock_guard lock(mu_);
      spent_.push_back(std::move(batch));
    }
    std::optional<Batch> Pop() {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !q_.empty() || closed_; });
      if (q_.empty()) return std::nullopt;
      auto batch = std::move(q_.front());
      q_.pop_front();
      cv_.notify_all();
      return batch;
    }
    void Close() {
      std::lock_guard lock(mu_);
      closed_ = true;
      cv_.notify_all();
    }
    void Abort() {
      std::lock_guard lock(mu_);
      aborted_ = true;
      cv_.notify_all();
    }

   private:
    static constexpr size_t kDepth = 4;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Batch> q_;
    std::vector<Batch> spent_;  // at most kDepth + 1 batches
    bool closed_ = false, aborted_ = false;
  };

  core::Status Produce(importer::RecordReader& reader, const std::string& path, BatchQueue& queue) {
    const size_t chunk = std::min(static_cast<size_t>(options_.batch_size), kChunk);
    Batch batch;
    batch.reserve(chunk);
    while (true) {
      IPA_TRY(item, reader.Next());
      if (!item) break;
      if (Prepare(*item)) {
        store::PatentColumns columns;
        if (const auto* p = std::get_if<core::Patent>(&item->value); p && !options_.dry_run) {
          columns = store::EncodePatentColumns(*p);
        }
        batch.push_back({std::move(*item), std::move(columns)});
      }
      if (batch.size() >= chunk) {
        if (!queue.Push(std::move(batch))) return {};
        batch.clear();
        batch.reserve(chunk);
      }
      if (++records_ % 10000 == 0 && options_.on_progress) {
        options_.on_progress({path, reader.Progress(), records_});
      }
    }
    if (!batch.empty()) queue.Push(std::move(batch));
    return {};
  }

  // Validates and normalises one item; false (and reported) when it is rejected.
  bool Prepare(ImportItem& item) {
    if (auto* rejection = std::get_if<Rejection>(&item.value)) {
      Reject(*rejection);
      return false;
    }
    if (auto* event = std::get_if<importer::EventRecord>(&item.value)) {
      auto number = core::NormalizeApplicationNumberText(event->application_number);
      if (!number) {
        Reject({item.where, "application_number", number.error().message});
        return false;
      }
      event->application_number = *number;
      return true;
    }
    auto& patent = std::get<core::Patent>(item.value);
    if (auto st = core::NormalizePatent(patent); !st) {
      Reject({item.where, st.error().field, st.error().message});
      return false;
    }
    LinkApplicants(patent);
    return true;
  }

  void LinkApplicants(core::Patent& p) {
    for (auto& a : p.applicants) {
      if (a.org_id && !orgs_.ids.contains(a.org_id->value)) a.org_id.reset();
      if (a.org_id) continue;
      auto it = orgs_.keys.find(core::ApplicantKey(a.name));
      if (it != orgs_.keys.end()) a.org_id = it->second;
    }
  }

  // Called from both threads.
  void Reject(const Rejection& r) {
    std::lock_guard lock(reject_mu_);
    ++summary_.rejected;
    if (summary_.rejections.size() < kMaxKeptRejections) summary_.rejections.push_back(r);
    if (report_.is_open()) {
      report_ << r.where.file << '\t' << r.where.line << '\t' << r.where.record << '\t' << r.field
              << '\t' << r.reason << '\n';
    }
  }

  // Writes `next` and the chunks after it in one transaction, until it holds
  // options_.batch_size records, has been open options_.max_transaction_ms or the queue ends;
  // on return `next` is the first chunk not written (nullopt at the end). An event for an
  // unknown patent is rejected, not fatal, so the transaction never fails half-way on one.
  core::Status WriteTransaction(BatchQueue& queue, std::optional<Batch>& next) {
    size_t records = 0;
    ImportSummary delta;
    std::vector<Rejection> late;
    auto write = [&](store::Tx* tx, const Batch& batch) -> core::Status {
      for (const auto& [item, columns] : batch) {
        const auto* p = std::get_if<core::Patent>(&item.value);
        if (!tx) {  // dry run
          ++(p ? delta.imported : delta.events_added);
          continue;
        }
        if (p) {
          IPA_TRY(outcome, store::UpsertPatent(*tx, *p, columns));
          ++(outcome.inserted ? delta.imported : delta.updated);
          continue;
        }
        const auto& e = std::get<importer::EventRecord>(item.value);
        auto st = store::AppendPatentEvent(*tx, e.application_number, e.event);
        if (!st && st.error().code == ErrorCode::kNotFound) {
          late.push_back({item.where, "application_number", "no patent " + e.application_number + " to add the event to"});
          continue;
        }
        IPA_CHECK(st);
        ++delta.events_added;
      }
      return {};
    };
    // A chunk goes back to the reader as soon as it is written, so memory stays bounded
    // however many records one transaction holds (Database::Write runs this once).
    auto write_all = [&](store::Tx* tx) -> core::Status {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.max_transaction_ms);
      while (next && (records == 0 || (records < static_cast<size_t>(options_.batch_size) &&
                                       std::chrono::steady_clock::now() < deadline))) {
        records += next->size();
        core::Status st = write(tx, *next);
        queue.Retire(std::move(*next));
        next = queue.Pop();
        IPA_CHECK(st);
      }
      return {};
    };
    core::Status st = options_.dry_run ? write_all(nullptr)
                                       : db_.Write([&](store::Tx& tx) { return write_all(&tx); });
    IPA_CHECK(st);
    summary_.imported += delta.imported;
    summary_.updated += delta.updated;
    summary_.events_added += delta.events_added;
    for (const auto& r : late) Reject(r);
    return {};
  }

  store::Database& db_;
  const ImportOptions& options_;
  OrgIndex orgs_;
  ImportSummary summary_;  // counts written by the writing thread; rejections under reject_mu_
  std::mutex reject_mu_;
  std::ofstream report_;
  std::atomic<int64_t> records_ = 0;
};

}  // namespace

core::Result<ImportSummary> ImportPatents(store::Database& db, const Actor& actor,
                                          const ImportOptions& options, bool system) {
  if (!system && !actor.IsAdmin() && !actor.office()) {
    return core::Fail(ErrorCode::kPermissionDenied, "only admins and office staff import patents");
  }
  if (options.files.empty()) return core::Fail(ErrorCode::kInvalidArgument, "no files to import", "files");
  if (options.batch_size < 1) return core::Fail(ErrorCode::kInvalidArgument, "batch size must be positive", "batch_size");
  IPA_TRY(org_keys, LoadOrgKeys(db));
  ImportRun run(db, options, std::move(org_keys));
  for (const std::string& file : options.files) IPA_CHECK(run.RunFile(file));
  ImportSummary summary = run.Finish();
  if (!options.dry_run) {
    RecordAuditNow(db, actor, {"patent.import", "import", "", "ok", actor.office() ? std::string(core::OfficeCode(*actor.office())) : "",
                               SummaryLine(summary)});
  }
  return summary;
}

std::string SummaryLine(const ImportSummary& s) {
  std::string line = "imported " + std::to_string(s.imported) + ", updated " + std::to_string(s.updated) +
                     ", rejected " + std::to_string(s.rejected);
  if (s.events_added > 0) line += ", events added " + std::to_string(s.events_added);
  return line;
}

}  // namespace ipa::service
