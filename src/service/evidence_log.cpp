#include "service/evidence_log.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "core/time.hpp"
#include "evidence/leaf.hpp"
#include "service/office_keys.hpp"
#include "store/evidence_log_repo.hpp"

namespace ipa::service {
namespace {

using core::ErrorCode;
using core::Fail;
using evidence::Hash;

}  // namespace

EvidenceLog::EvidenceLog(store::Database& db, EvidenceLogOptions options)
    : db_(db), options_(std::move(options)), origin_(kEvidenceOrigin) {}

core::Result<std::unique_ptr<EvidenceLog>> EvidenceLog::Open(store::Database& db,
                                                             EvidenceLogOptions options) {
  std::unique_ptr<EvidenceLog> log(new EvidenceLog(db, std::move(options)));
  IPA_CHECK(log->LoadKeys());
  IPA_CHECK(log->Load());
  log->committer_ = std::thread([p = log.get()] { p->CommitLoop(); });
  log->checkpointer_ = std::thread([p = log.get()] { p->CheckpointLoop(); });
  return log;
}

EvidenceLog::~EvidenceLog() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  {
    std::lock_guard lock(cp_mu_);
    cp_stopping_ = true;
  }
  cp_cv_.notify_all();
  if (committer_.joinable()) committer_.join();
  if (checkpointer_.joinable()) checkpointer_.join();
  for (QueuedAppend& q : queue_) {
    q.done.set_value(Fail(ErrorCode::kUnavailable, "the evidence log is stopping"));
  }
}

core::Status EvidenceLog::LoadKeys() {
  const std::string& dir = options_.key_dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return core::Internal("cannot create " + dir + ": " + ec.message());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  IPA_TRY(log_key, LoadOrCreateSigningKey(EvidenceKeyPath(dir, "log"), kLogKeyName));
  log_key_.emplace(std::move(log_key));
  keys_.push_back(log_key_->verifier());
  for (std::string_view office : kWitnessOffices) {
    const std::string name = OfficeKeyName(office);
    auto remote = std::find_if(options_.remote_witnesses.begin(), options_.remote_witnesses.end(),
                               [&](const evidence::VerifierKey& k) { return k.name == name; });
    if (remote != options_.remote_witnesses.end()) {
      keys_.push_back(*remote);
      continue;
    }
    IPA_TRY(key, LoadOrCreateSigningKey(EvidenceKeyPath(dir, office), name));
    keys_.push_back(key.verifier());
    IPA_TRY(state, LoadWitnessState(WitnessStatePath(dir, office)));
    embedded_.push_back({std::string(office),
                         evidence::Witness(std::move(key), origin_, std::move(state), log_key_->verifier()),
                         WitnessStatePath(dir, office)});
  }
  for (const evidence::VerifierKey& k : options_.remote_witnesses) {
    if (!OfficeOfKeyName(k.name)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "remote witness key " + k.name + ": expected ipa-BJ, ipa-TJ or ipa-HE", "witness");
    }
  }
  return {};
}

core::Status EvidenceLog::Load() {
  IPA_CHECK(db_.Read([&](store::Tx& tx) -> core::Status {
    IPA_TRY(count, store::CountEvidenceLeaves(tx));
    tree_.Reserve(static_cast<uint64_t>(count));
    return store::ForEachEvidenceLeaf(tx, 0, INT64_MAX, [&](store::EvidenceLeafRow&& row) -> core::Status {
      const std::string where = "evidence leaf " + std::to_string(row.leaf_index);
      if (static_cast<uint64_t>(row.leaf_index) != tree_.Size()) {
        return Fail(ErrorCode::kInternal, "evidence leaf " + std::to_string(tree_.Size()) + " is missing");
      }
      if (auto rec = evidence::DecodeLeaf(row.leaf); !rec) {
        return Fail(ErrorCode::kInternal, where + " is not a canonical record: " + rec.error().message);
      }
      const Hash hash = evidence::HashLeaf(row.leaf);
      if (evidence::HashHex(hash) != row.leaf_hash) {
        return Fail(ErrorCode::kInternal, where + " does not match its stored hash (the row was changed)");
      }
      tree_.Append(hash);
      return {};
    });
  }));
  IPA_CHECK(CheckStoredCheckpoint());
  for (const EmbeddedWitness& w : embedded_) {
    const auto& last = w.witness.last_signed();
    if (!last) continue;
    const std::string where = "witness " + w.office + " signed size " + std::to_string(last->size);
    if (last->size > tree_.Size()) {
      return Fail(ErrorCode::kInternal, where + " but the log has only " + std::to_string(tree_.Size()) + " leaves");
    }
    if (*tree_.Root(last->size) != last->root) {
      return Fail(ErrorCode::kInternal, where + " with another root than the stored leaves give");
    }
  }
  spdlog::info("evidence log: {} leaves, latest checkpoint size {}", tree_.Size(),
               latest_ ? latest_->checkpoint.size : 0);
  return {};
}

core::Status EvidenceLog::CheckStoredCheckpoint() {
  IPA_TRY(row, store::ReadValue<std::optional<store::EvidenceCheckpointRow>>(
                   db_, [](store::Tx& tx) { return store::LatestEvidenceCheckpoint(tx); }));
  if (!row) return {};
  const std::string where = "evidence checkpoint of size " + std::to_string(row->tree_size);
  auto note = evidence::ParseNote(row->note);
  if (!note) return Fail(ErrorCode::kInternal, where + ": " + note.error().message);
  auto checkpoint = evidence::ParseCheckpoint(note->body);
  if (!checkpoint) return Fail(ErrorCode::kInternal, where + ": " + checkpoint.error().message);
  auto verified = evidence::VerifyNote(*note, PublicKeys());
  if (!verified) return Fail(ErrorCode::kInternal, where + ": " + verified.error().message);
  if (std::find(verified->verified.begin(), verified->verified.end(), std::string(kLogKeyName)) ==
      verified->verified.end()) {
    return Fail(ErrorCode::kInternal, where + ": not signed by the current log key");
  }
  if (checkpoint->size > tree_.Size()) {
    return Fail(ErrorCode::kInternal, where + ": only " + std::to_string(tree_.Size()) + " leaves are stored");
  }
  if (*tree_.Root(checkpoint->size) != checkpoint->root) {
    return Fail(ErrorCode::kInternal, where + ": the stored leaves give another root (leaf rows were changed)");
  }
  latest_ = PublishedCheckpoint{std::move(*checkpoint), row->note};
  return {};
}

core::Result<uint64_t> EvidenceLog::Append(std::string leaf_bytes) {
  IPA_CHECK(evidence::DecodeLeaf(leaf_bytes));
  std::future<core::Result<uint64_t>> done;
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) return Fail(ErrorCode::kUnavailable, "the evidence log is stopping");
    queue_.push_back({std::move(leaf_bytes), {}});
    done = queue_.back().done.get_future();
  }
  queue_cv_.notify_one();
  return done.get();
}

void EvidenceLog::CommitLoop() {
  std::vector<QueuedAppend> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;  // the destructor fails what is left
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    CommitBatch(batch);
    batch.clear();
  }
}

void EvidenceLog::CommitBatch(std::vector<QueuedAppend>& batch) {
  const uint64_t first = Size();  // only this thread appends
  std::vector<Hash> hashes;
  hashes.reserve(batch.size());
  const int64_t now = core::NowMs();
  core::Status st = db_.Write([&](store::Tx& tx) -> core::Status {
    hashes.clear();
    for (size_t i = 0; i < batch.size(); ++i) {
      hashes.push_back(evidence::HashLeaf(batch[i].leaf));
      IPA_CHECK(store::InsertEvidenceLeaf(
          tx, {static_cast<int64_t>(first + i), batch[i].leaf, evidence::HashHex(hashes.back()), now}));
    }
    return {};
  });
  if (!st && st.error().code == ErrorCode::kAlreadyExists) {
    // Only this process assigns indexes; a taken index means another process writes the same
    // log (several servers on one PostgreSQL database): refuse rather than fork the tree.
    st = Fail(ErrorCode::kUnavailable, "another process has appended to the evidence log; one server must own it");
  }
  if (!st) {
    spdlog::error("evidence log: committing {} leaves failed: {} {}", batch.size(), st.error().message,
                  st.error().detail);
    for (QueuedAppend& q : batch) q.done.set_value(std::unexpected(st.error()));
    return;
  }
  {
    std::unique_lock lock(tree_mu_);
    for (const Hash& h : hashes) tree_.Append(h);
  }
  for (size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(first + i);
  cp_cv_.notify_all();
}

uint64_t EvidenceLog::Size() const {
  std::shared_lock lock(tree_mu_);
  return tree_.Size();
}

core::Result<std::string> EvidenceLog::Leaf(uint64_t index) {
  if (index >= Size()) return Fail(ErrorCode::kNotFound, "no leaf " + std::to_string(index), "index");
  IPA_TRY(row, store::ReadValue<store::EvidenceLeafRow>(
                   db_, [&](store::Tx& tx) { return store::GetEvidenceLeaf(tx, static_cast<int64_t>(index)); }));
  return std::move(row.leaf);
}

core::Result<std::vector<Hash>> EvidenceLog::InclusionProof(uint64_t index, uint64_t size) const {
  std::shared_lock lock(tree_mu_);
  return tree_.Inclusion(index, size);
}

core::Result<std::vector<Hash>> EvidenceLog::ConsistencyProof(uint64_t first, uint64_t second) const {
  std::shared_lock lock(tree_mu_);
  return tree_.Consistency(first, second);
}

core::Result<Hash> EvidenceLog::Root(uint64_t size) const {
  std::shared_lock lock(tree_mu_);
  return tree_.Root(size);
}

std::optional<PublishedCheckpoint> EvidenceLog::LatestCheckpoint() const {
  std::lock_guard lock(cp_mu_);
  return latest_;
}

std::optional<PublishedCheckpoint> EvidenceLog::WaitForCheckpoint(uint64_t min_size,
                                                                  std::chrono::milliseconds wait) const {
  std::unique_lock lock(cp_mu_);
  cp_cv_.wait_for(lock, wait, [&] { return cp_stopping_ || (latest_ && latest_->checkpoint.size >= min_size); });
  if (latest_ && latest_->checkpoint.size >= min_size) return latest_;
  return std::nullopt;
}

std::map<std::string, evidence::PublicKey> EvidenceLog::PublicKeys() const {
  std::map<std::string, evidence::PublicKey> out;
  for (const evidence::VerifierKey& k : keys_) out[k.name] = k.key;
  return out;
}

core::Result<evidence::Receipt> EvidenceLog::GetReceipt(uint64_t leaf_index, std::chrono::milliseconds wait) {
  if (leaf_index >= Size()) {
    return Fail(ErrorCode::kNotFound, "no leaf " + std::to_string(leaf_index), "leaf_index");
  }
  auto published = WaitForCheckpoint(leaf_index + 1, wait);
  if (!published) {
    return Fail(ErrorCode::kUnavailable,
                "no co-signed checkpoint covers leaf " + std::to_string(leaf_index) + " yet; try again shortly");
  }
  evidence::Receipt receipt;
  IPA_TRY(leaf, Leaf(leaf_index));
  receipt.leaf = std::move(leaf);
  receipt.leaf_index = leaf_index;
  receipt.tree_size = published->checkpoint.size;
  IPA_TRY(path, InclusionProof(leaf_index, receipt.tree_size));
  receipt.inclusion_path = std::move(path);
  receipt.checkpoint = published->note;
  receipt.public_keys = PublicKeys();
  return receipt;
}

}  // namespace ipa::service
