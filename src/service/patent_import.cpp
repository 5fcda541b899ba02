#include "service/patent_import.hpp"

#include <fstream>
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

class ImportRun {
 public:
  ImportRun(store::Database& db, const ImportOptions& options, OrgIndex orgs)
      : db_(db), options_(options), orgs_(std::move(orgs)) {
    if (!options.report_path.empty()) {
      report_.open(options.report_path, std::ios::trunc);
      report_ << "file\tline\trecord\tfield\treason\n";
    }
  }

  core::Status RunFile(const std::string& path) {
    IPA_TRY(reader, importer::OpenReader(options_.format, path));
    while (true) {
      IPA_TRY(item, reader->Next());
      if (!item) break;
      IPA_CHECK(Accept(std::move(*item)));
      if (++records_ % 10000 == 0 && options_.on_progress) {
        options_.on_progress({path, reader->Progress(), records_});
      }
    }
    for (const std::string& w : reader->Warnings()) summary_.warnings.push_back(path + ": " + w);
    IPA_CHECK(Flush());
    if (options_.on_progress) options_.on_progress({path, 1.0, records_});
    return {};
  }

  ImportSummary Finish() { return std::move(summary_); }

 private:
  core::Status Accept(ImportItem item) {
    if (auto* rejection = std::get_if<Rejection>(&item.value)) {
      Reject(*rejection);
      return {};
    }
    if (auto* event = std::get_if<importer::EventRecord>(&item.value)) {
      auto number = core::NormalizeApplicationNumberText(event->application_number);
      if (!number) {
        Reject({item.where, "application_number", number.error().message});
        return {};
      }
      event->application_number = *number;
      batch_.push_back(std::move(item));
    } else {
      auto& patent = std::get<core::Patent>(item.value);
      if (auto st = core::NormalizePatent(patent); !st) {
        Reject({item.where, st.error().field, st.error().message});
        return {};
      }
      LinkApplicants(patent);
      batch_.push_back(std::move(item));
    }
    if (static_cast<int>(batch_.size()) >= options_.batch_size) return Flush();
    return {};
  }

  void LinkApplicants(core::Patent& p) {
    for (auto& a : p.applicants) {
      if (a.org_id && !orgs_.ids.contains(a.org_id->value)) a.org_id.reset();
      if (a.org_id) continue;
      auto it = orgs_.keys.find(core::ApplicantKey(a.name));
      if (it != orgs_.keys.end()) a.org_id = it->second;
    }
  }

  void Reject(const Rejection& r) {
    ++summary_.rejected;
    if (summary_.rejections.size() < kMaxKeptRejections) summary_.rejections.push_back(r);
    if (report_.is_open()) {
      report_ << r.where.file << '\t' << r.where.line << '\t' << r.where.record << '\t' << r.field
              << '\t' << r.reason << '\n';
    }
  }

  // Writes the batch in one transaction. Events for unknown patents are rejected, not fatal:
  // they are checked first so the transaction never fails half-way on them.
  core::Status Flush() {
    if (batch_.empty()) return {};
    if (options_.dry_run) {
      for (const auto& item : batch_) {
        if (std::holds_alternative<core::Patent>(item.value)) ++summary_.imported;
        else ++summary_.events_added;
      }
      batch_.clear();
      return {};
    }
    ImportSummary delta;
    std::vector<Rejection> late;
    IPA_CHECK(db_.Write([&](store::Tx& tx) -> core::Status {
      delta = {};
      late.clear();
      for (const auto& item : batch_) {
        if (const auto* p = std::get_if<core::Patent>(&item.value)) {
          IPA_TRY(outcome, store::UpsertPatent(tx, *p));
          ++(outcome.inserted ? delta.imported : delta.updated);
          continue;
        }
        const auto& e = std::get<importer::EventRecord>(item.value);
        auto st = store::AppendPatentEvent(tx, e.application_number, e.event);
        if (!st && st.error().code == ErrorCode::kNotFound) {
          late.push_back({item.where, "application_number", "no patent " + e.application_number + " to add the event to"});
          continue;
        }
        IPA_CHECK(st);
        ++delta.events_added;
      }
      return {};
    }));
    summary_.imported += delta.imported;
    summary_.updated += delta.updated;
    summary_.events_added += delta.events_added;
    for (const auto& r : late) Reject(r);
    batch_.clear();
    return {};
  }

  store::Database& db_;
  const ImportOptions& options_;
  OrgIndex orgs_;
  std::vector<ImportItem> batch_;
  ImportSummary summary_;
  std::ofstream report_;
  int64_t records_ = 0;
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
