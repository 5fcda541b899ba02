#include "service/import_jobs.hpp"

#include <filesystem>
#include <fstream>

#include "core/time.hpp"

namespace ipa::service {

using core::ErrorCode;

ImportJobs::~ImportJobs() {
  for (auto& [id, job] : jobs_) {
    if (job->thread.joinable()) job->thread.join();
  }
}

core::Result<ImportJobView> ImportJobs::Start(const Actor& actor, importer::Format format,
                                              std::string file_name, std::string_view data) {
  return Begin(actor, format, std::move(file_name), data.empty(), [&](const std::string& path) -> core::Status {
    std::ofstream out(path, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return core::Fail(ErrorCode::kUnavailable, "cannot store the upload in " + work_dir_);
    return {};
  });
}

core::Result<ImportJobView> ImportJobs::StartFromFile(const Actor& actor, importer::Format format,
                                                      std::string file_name, uint64_t size, const MoveUpload& move_to) {
  return Begin(actor, format, std::move(file_name), size == 0, [&](const std::string& path) -> core::Status {
    std::string error;
    if (!move_to(path, error)) {
      return core::Fail(ErrorCode::kUnavailable, "cannot store the upload in " + work_dir_ + ": " + error);
    }
    return {};
  });
}

core::Result<ImportJobView> ImportJobs::Begin(const Actor& actor, importer::Format format, std::string file_name,
                                              bool empty,
                                              const std::function<core::Status(const std::string& path)>& store) {
  if (!actor.IsAdmin() && !actor.office()) {
    return core::Fail(ErrorCode::kPermissionDenied, "only admins and office staff import patents");
  }
  if (empty) return core::Fail(ErrorCode::kInvalidArgument, "the uploaded file is empty", "file");
  std::lock_guard lock(mu_);
  if (running_ >= 2) {
    core::Error e{ErrorCode::kTooManyRequests, "two imports are running; try again when one ends", {}, {}, 30};
    return std::unexpected(e);
  }
  const int64_t id = next_id_++;
  std::error_code ec;
  std::filesystem::create_directories(work_dir_, ec);
  const std::string path = work_dir_ + "/import-" + std::to_string(id) + "-" + std::to_string(core::NowMs());
  if (auto stored = store(path); !stored) {
    std::filesystem::remove(path, ec);
    return std::unexpected(stored.error());
  }
  auto job = std::make_unique<Job>();
  job->view = {id, "running", file_name.substr(0, 200), std::string(importer::FormatName(format)),
               actor.user ? actor.user->id : core::UserId{}, 0, 0, {}, {}, core::NowMs(), 0};
  Job* raw = job.get();
  ++running_;
  jobs_.emplace(id, std::move(job));
  raw->thread = std::thread([this, raw, actor, format, path] { Run(raw, actor, format, path); });
  return raw->view;
}

void ImportJobs::Run(Job* job, Actor actor, importer::Format format, std::string path) {
  ImportOptions options;
  options.format = format;
  options.files = {path};
  // The server's other writers wait while an import transaction is open.
  options.max_transaction_ms = 250;
  options.on_progress = [&](const ImportProgress& p) {
    std::lock_guard lock(mu_);
    job->view.progress = p.fraction;
    job->view.records = p.records;
  };
  auto result = ImportPatents(db_, actor, options);
  std::error_code ec;
  std::filesystem::remove(path, ec);
  std::lock_guard lock(mu_);
  if (result) {
    job->view.state = "done";
    job->view.summary = std::move(*result);
    job->view.progress = 1;
    // The report names the temporary file on the server; show the uploaded name instead.
    for (auto& r : job->view.summary.rejections) r.where.file = job->view.file_name;
    for (auto& w : job->view.summary.warnings) {
      if (w.starts_with(path)) w = job->view.file_name + w.substr(path.size());
    }
  } else {
    job->view.state = "failed";
    job->view.error = result.error().message;
  }
  job->view.finished_at = core::NowMs();
  --running_;
}

core::Result<ImportJobView> ImportJobs::Get(const Actor& actor, int64_t id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || !actor.user || (it->second->view.owner != actor.user->id && !actor.IsAdmin())) {
    return core::Fail(ErrorCode::kNotFound, "import " + std::to_string(id) + " not found");
  }
  return it->second->view;
}

}  // namespace ipa::service
