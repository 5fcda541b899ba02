// `ipalliance fsck` and the evidence log's options; the remote witness is in witness_command.cpp.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/evidence_options.hpp"
#include "evidence/note_key.hpp"
#include "service/evidence_item_service.hpp"
#include "service/evidence_log_fsck.hpp"
#include "service/office_keys.hpp"
#include "store/migrations.hpp"

namespace ipa::cli {

core::Result<service::EvidenceLogOptions> EvidenceLogOptionsFrom(const app::Config& config) {
  service::EvidenceLogOptions options;
  options.key_dir = config.data_dir + "/evidence-keys";
  options.checkpoint_interval = std::chrono::milliseconds(config.evidence_checkpoint_ms);
  for (const std::string& text : config.evidence_remote_witnesses) {
    auto key = evidence::ParseVerifierKey(text);
    if (!key) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "IPA_EVIDENCE_REMOTE_WITNESSES: " + key.error().message, "IPA_EVIDENCE_REMOTE_WITNESSES");
    }
    options.remote_witnesses.push_back(*key);
  }
  return options;
}

int RunFsck(const app::Config& config, store::Database& db) {
  auto fail = [](const core::Error& e) {
    std::cerr << "fsck: " << e.message << (e.detail.empty() ? "" : " (" + e.detail + ")") << "\n";
    return 2;
  };
  if (auto st = store::Migrate(db); !st) return fail(st.error());
  auto options = EvidenceLogOptionsFrom(config);
  if (!options) return fail(options.error());
  auto keys = service::LoadEvidenceVerifierKeys(options->key_dir, options->remote_witnesses);
  if (!keys) return fail(keys.error());
  auto report = service::FsckEvidenceLog(db, *keys, options->key_dir);
  if (!report) return fail(report.error());
  auto files = service::ListStoredEvidenceFiles(db, config.data_dir);
  if (!files) return fail(files.error());
  service::RehashEvidenceFiles(*files, *report);
  for (const service::FsckProblem& p : report->problems) std::cout << p.where << ": " << p.what << "\n";
  std::cout << "evidence log: " << report->leaves << " leaves, " << report->checkpoints << " checkpoints, "
            << report->files << " files checked, " << report->problems.size() << " problem(s)\n";
  return report->ok() ? 0 : 1;
}

}  // namespace ipa::cli
