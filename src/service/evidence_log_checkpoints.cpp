// EvidenceLog's checkpoint side: the loop that signs new tree heads with the log key, has the
// embedded office witnesses co-sign them (each persisting its state first), collects remote
// witnesses' cosignatures, and publishes a checkpoint once every office has signed.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/time.hpp"
#include "service/evidence_log.hpp"
#include "service/office_keys.hpp"
#include "store/evidence_log_repo.hpp"

namespace ipa::service {

using core::ErrorCode;
using core::Fail;

void EvidenceLog::CheckpointLoop() {
  std::string last_error;
  for (;;) {
    {
      std::unique_lock lock(cp_mu_);
      cp_cv_.wait_for(lock, options_.checkpoint_interval, [&] { return cp_stopping_; });
      if (cp_stopping_) return;
    }
    const uint64_t size = Size();
    bool make_new = false;
    {
      std::lock_guard lock(cp_mu_);
      const uint64_t published = latest_ ? latest_->checkpoint.size : 0;
      if (!pending_) {
        make_new = size > published;
      } else {
        make_new = pending_->checkpoint.size < size &&
                   std::chrono::steady_clock::now() - pending_->created > options_.pending_timeout;
      }
    }
    core::Status st;
    if (make_new) st = MakePending(size);
    if (st) st = PublishIfComplete();
    if (!st && st.error().message != last_error) {  // log each distinct failure once
      spdlog::error("evidence checkpoint: {} {}", st.error().message, st.error().detail);
    }
    last_error = st ? std::string() : st.error().message;
  }
}

core::Status EvidenceLog::MakePending(uint64_t size) {
  IPA_TRY(root, Root(size));
  evidence::Checkpoint checkpoint{origin_, size, root, {}};
  IPA_TRY(body, evidence::FormatCheckpoint(checkpoint));
  IPA_TRY(log_signature, evidence::SignNote(body, *log_key_));
  Pending pending{checkpoint, body, {}, std::chrono::steady_clock::now()};
  pending.signatures[log_signature.name] = log_signature;
  const std::string log_signed = evidence::FormatNote({body, {log_signature}});
  for (EmbeddedWitness& w : embedded_) {
    std::vector<evidence::Hash> proof;
    if (const auto& last = w.witness.last_signed(); last && last->size > 0 && last->size < size) {
      IPA_TRY(p, ConsistencyProof(last->size, size));
      proof = std::move(p);
    }
    IPA_TRY(cosigned, w.witness.Cosign(log_signed, proof));
    IPA_CHECK(SaveWitnessState(w.state_path, *w.witness.last_signed()));
    IPA_TRY(note, evidence::ParseNote(cosigned));
    for (evidence::NoteSignature& s : note.signatures) {
      if (s.name == w.witness.key().name()) pending.signatures[s.name] = std::move(s);
    }
  }
  std::lock_guard lock(cp_mu_);
  pending_ = std::move(pending);
  cp_cv_.notify_all();
  return {};
}

std::string EvidenceLog::PendingNoteLocked() const {
  evidence::SignedNote note{pending_->body, {}};
  for (const evidence::VerifierKey& k : keys_) {  // log first, then BJ, TJ, HE
    auto it = pending_->signatures.find(k.name);
    if (it != pending_->signatures.end()) note.signatures.push_back(it->second);
  }
  return evidence::FormatNote(note);
}

core::Status EvidenceLog::PublishIfComplete() {
  store::EvidenceCheckpointRow row;
  evidence::Checkpoint checkpoint;
  {
    std::lock_guard lock(cp_mu_);
    if (!pending_ || pending_->signatures.size() < keys_.size()) return {};
    checkpoint = pending_->checkpoint;
    row = {static_cast<int64_t>(checkpoint.size), evidence::HashHex(checkpoint.root),
           PendingNoteLocked(), core::NowMs()};
  }
  IPA_CHECK(db_.Write([&](store::Tx& tx) { return store::InsertEvidenceCheckpoint(tx, row); }));
  {
    std::lock_guard lock(cp_mu_);
    latest_ = PublishedCheckpoint{checkpoint, row.note};
    if (pending_ && pending_->checkpoint.size == checkpoint.size) pending_.reset();
  }
  cp_cv_.notify_all();
  return {};
}

namespace {

const evidence::VerifierKey* FindKey(const std::vector<evidence::VerifierKey>& keys,
                                     const std::string& name) {
  auto it = std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.name == name; });
  return it == keys.end() ? nullptr : &*it;
}

}  // namespace

core::Result<std::optional<WitnessWork>> EvidenceLog::PendingFor(const std::string& office,
                                                                 uint64_t from_size) const {
  const std::string name = OfficeKeyName(office);
  const bool remote = std::any_of(options_.remote_witnesses.begin(), options_.remote_witnesses.end(),
                                  [&](const auto& k) { return k.name == name; });
  if (!remote) return Fail(ErrorCode::kNotFound, "office " + office + " has no remote witness", "office");
  std::lock_guard lock(cp_mu_);
  if (!pending_ || pending_->signatures.contains(name)) return std::optional<WitnessWork>();
  WitnessWork work;
  work.tree_size = pending_->checkpoint.size;
  work.from_size = from_size;
  if (from_size > work.tree_size) {
    return Fail(ErrorCode::kConflict,
                "the witness signed size " + std::to_string(from_size) + ", past the log's " +
                    std::to_string(work.tree_size), "from");
  }
  if (from_size > 0 && from_size < work.tree_size) {
    IPA_TRY(proof, ConsistencyProof(from_size, work.tree_size));
    work.consistency = std::move(proof);
  }
  work.note = PendingNoteLocked();
  return std::optional<WitnessWork>(std::move(work));
}

core::Status EvidenceLog::SubmitCosignature(const std::string& office, std::string_view note_text) {
  const std::string name = OfficeKeyName(office);
  const bool remote = std::any_of(options_.remote_witnesses.begin(), options_.remote_witnesses.end(),
                                  [&](const auto& k) { return k.name == name; });
  const evidence::VerifierKey* key = FindKey(keys_, name);
  if (!remote || !key) return Fail(ErrorCode::kNotFound, "office " + office + " has no remote witness", "office");
  IPA_TRY(note, evidence::ParseNote(note_text));
  auto mine = std::find_if(note.signatures.begin(), note.signatures.end(),
                           [&](const evidence::NoteSignature& s) { return s.name == name; });
  if (mine == note.signatures.end()) {
    return Fail(ErrorCode::kInvalidArgument, "the note carries no signature by " + name, "note");
  }
  evidence::SignedNote only{note.body, {*mine}};
  IPA_TRY(verified, evidence::VerifyNote(only, {{key->name, key->key}}));
  if (verified.verified.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the signature by " + name + " is not by its registered key", "note");
  }
  {
    std::lock_guard lock(cp_mu_);
    if (!pending_ || pending_->body != note.body) {
      return Fail(ErrorCode::kConflict, "not the pending checkpoint (it was published or replaced)", "note");
    }
    pending_->signatures[name] = *mine;
  }
  cp_cv_.notify_all();
  return {};
}

}  // namespace ipa::service
