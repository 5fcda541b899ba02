// Imports started from the web UI: each upload runs in the background as a job whose
// progress and result the uploader (and admins) can read. Jobs live in memory; a restart
// forgets them (the imported patents stay, being committed batch by batch).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "service/patent_import.hpp"

namespace ipa::service {

struct ImportJobView {
  int64_t id = 0;
  std::string state;  // "running", "done", "failed"
  std::string file_name;
  std::string format;
  core::UserId owner;
  double progress = 0;  // 0..1 of the file
  int64_t records = 0;
  ImportSummary summary;  // when done
  std::string error;      // when failed
  int64_t started_at = 0, finished_at = 0;
};

class ImportJobs {
 public:
  // `work_dir` holds the uploaded files while they import.
  ImportJobs(store::Database& db, std::string work_dir) : db_(db), work_dir_(std::move(work_dir)) {}
  ~ImportJobs();

  // Starts importing `data` (the uploaded file). Admins and office staff only. At most two
  // imports run at once (kTooManyRequests beyond).
  core::Result<ImportJobView> Start(const Actor& actor, importer::Format format, std::string file_name,
                                    std::string_view data);
  // The same for an upload already on disk (the server's spool file of `size` bytes):
  // `move_to(dest, error)` moves it to the job's file (a rename, no second copy in memory).
  using MoveUpload = std::function<bool(const std::string& dest, std::string& error)>;
  core::Result<ImportJobView> StartFromFile(const Actor& actor, importer::Format format, std::string file_name,
                                            uint64_t size, const MoveUpload& move_to);
  // The job, for its owner or an admin; kNotFound otherwise.
  core::Result<ImportJobView> Get(const Actor& actor, int64_t id) const;

 private:
  struct Job {
    ImportJobView view;
    std::thread thread;
  };
  // Checks, then `store(path)` puts the upload at the job's path, then the job starts.
  core::Result<ImportJobView> Begin(const Actor& actor, importer::Format format, std::string file_name, bool empty,
                                    const std::function<core::Status(const std::string& path)>& store);
  void Run(Job* job, Actor actor, importer::Format format, std::string path);

  store::Database& db_;
  std::string work_dir_;
  mutable std::mutex mu_;
  std::map<int64_t, std::unique_ptr<Job>> jobs_;
  int64_t next_id_ = 1;
  int running_ = 0;
};

}  // namespace ipa::service
