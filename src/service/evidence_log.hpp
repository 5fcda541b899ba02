// EvidenceLog: the durable, witnessed evidence log. Leaves are committed to the database before
// an append is acknowledged (group commit: concurrent appends share one transaction), kept in
// an in-memory Merkle tree rebuilt and checked at start, and published in checkpoints signed by
// the log key and co-signed by the three office witnesses (embedded, or remote over HTTP).
// Storage, checkpoints and the witness protocol: docs/evidence-log-format.md.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "evidence/checkpoint.hpp"
#include "evidence/merkle.hpp"
#include "evidence/merkle_log.hpp"
#include "evidence/note_key.hpp"
#include "evidence/receipt.hpp"
#include "evidence/signed_note.hpp"
#include "evidence/witness.hpp"
#include "store/database.hpp"

namespace ipa::service {

struct EvidenceLogOptions {
  // Where the log key, the embedded offices' keys and their witness state files live
  // (<data_dir>/evidence-keys); created when missing.
  std::string key_dir;
  // Offices whose witness runs as its own process (`ipalliance witness`): their public keys,
  // named "ipa-<office>". Every other office of kWitnessOffices is embedded.
  std::vector<evidence::VerifierKey> remote_witnesses;
  // How often the checkpoint loop looks for new leaves.
  std::chrono::milliseconds checkpoint_interval{500};
  // A pending checkpoint still missing remote cosignatures is replaced by a newer one after
  // this long when the tree has grown.
  std::chrono::milliseconds pending_timeout{10000};
  size_t max_batch = 4096;  // leaves per group-commit transaction
};

// A checkpoint co-signed by the log and every office, as stored and served.
struct PublishedCheckpoint {
  evidence::Checkpoint checkpoint;
  std::string note;  // signed-note text
};

// What a remote witness fetches: the checkpoint to co-sign and the consistency proof from the
// size the witness last signed.
struct WitnessWork {
  std::string note;  // log-signed note (plus any cosignatures so far)
  uint64_t tree_size = 0;
  uint64_t from_size = 0;
  std::vector<evidence::Hash> consistency;
};

class EvidenceLog {
 public:
  // Loads or creates the keys, loads every leaf from `db` (migrated), rebuilds the tree and
  // checks it: every leaf is canonical and matches its stored hash, the latest stored checkpoint
  // verifies and its root is the rebuilt root, and each embedded witness's state is a prefix of
  // the tree. Any mismatch is kInvalidArgument/kInternal naming the leaf or checkpoint, and the
  // log does not start. Then starts the committer and checkpoint threads.
  static core::Result<std::unique_ptr<EvidenceLog>> Open(store::Database& db,
                                                         EvidenceLogOptions options);
  // Stops the threads; appends still queued fail with kUnavailable.
  ~EvidenceLog();
  EvidenceLog(const EvidenceLog&) = delete;
  EvidenceLog& operator=(const EvidenceLog&) = delete;

  // Validates `leaf_bytes` (evidence::DecodeLeaf; kInvalidArgument), commits it durably and
  // returns its leaf index; only then is it in the tree. Concurrent callers are batched into
  // one transaction. kUnavailable when the log is stopping; database errors as they come.
  // Thread-safe; blocks until the commit.
  core::Result<uint64_t> Append(std::string leaf_bytes);

  // The receipt of leaf `leaf_index` against the latest co-signed checkpoint covering it:
  // leaf bytes, inclusion path, checkpoint note and the public keys (log and offices). Waits up
  // to `wait` for such a checkpoint; kUnavailable when none came, kNotFound for an index past
  // the end. Thread-safe.
  core::Result<evidence::Receipt> GetReceipt(uint64_t leaf_index, std::chrono::milliseconds wait);

  // Number of committed leaves. Thread-safe.
  uint64_t Size() const;
  // The leaf bytes at `index` (from the database); kNotFound past the end.
  core::Result<std::string> Leaf(uint64_t index);
  // Inclusion path of `index` in the tree of `size` leaves; kInvalidArgument unless
  // index < size <= Size().
  core::Result<std::vector<evidence::Hash>> InclusionProof(uint64_t index, uint64_t size) const;
  // Consistency proof between sizes; kInvalidArgument unless 0 < first <= second <= Size().
  core::Result<std::vector<evidence::Hash>> ConsistencyProof(uint64_t first, uint64_t second) const;
  // Root of the first `size` leaves; kInvalidArgument when size > Size().
  core::Result<evidence::Hash> Root(uint64_t size) const;
  // The latest published checkpoint, if any.
  std::optional<PublishedCheckpoint> LatestCheckpoint() const;
  // Waits up to `wait` for a published checkpoint of at least `min_size` leaves.
  std::optional<PublishedCheckpoint> WaitForCheckpoint(uint64_t min_size,
                                                       std::chrono::milliseconds wait) const;
  // The log key then the office keys (BJ, TJ, HE), as verifier keys.
  const std::vector<evidence::VerifierKey>& Keys() const { return keys_; }
  std::map<std::string, evidence::PublicKey> PublicKeys() const;
  const std::string& origin() const { return origin_; }

  // Remote witnesses. The pending checkpoint `office` has not co-signed yet, with the proof from
  // `from_size` (the size the witness last signed, 0 for none); nullopt when there is nothing to
  // sign. kInvalidArgument for an office that is not remote; kConflict when from_size is past
  // the pending checkpoint (the witness has seen a longer log).
  core::Result<std::optional<WitnessWork>> PendingFor(const std::string& office,
                                                      uint64_t from_size) const;
  // Accepts `office`'s cosignature from `note_text` (the pending note with its signature
  // added): its body must be the pending body, and the signature must verify against the
  // office's registered key — the signature is the witness's authentication. kConflict when
  // the note is not the pending one (stale), kInvalidArgument for a bad or missing signature.
  core::Status SubmitCosignature(const std::string& office, std::string_view note_text);

 private:
  struct QueuedAppend {
    std::string leaf;
    std::promise<core::Result<uint64_t>> done;
  };
  struct EmbeddedWitness {
    std::string office;
    evidence::Witness witness;
    std::string state_path;
  };
  struct Pending {
    evidence::Checkpoint checkpoint;
    std::string body;
    std::map<std::string, evidence::NoteSignature> signatures;  // by key name
    std::chrono::steady_clock::time_point created;
  };

  EvidenceLog(store::Database& db, EvidenceLogOptions options);
  core::Status Load();
  core::Status LoadKeys();
  core::Status CheckStoredCheckpoint();
  void CommitLoop();
  void CommitBatch(std::vector<QueuedAppend>& batch);
  void CheckpointLoop();
  core::Status MakePending(uint64_t size);
  core::Status PublishIfComplete();
  std::string PendingNoteLocked() const;
  bool Stopping() const;

  store::Database& db_;
  EvidenceLogOptions options_;
  std::string origin_;
  std::optional<evidence::SigningKey> log_key_;
  std::vector<evidence::VerifierKey> keys_;  // log, BJ, TJ, HE
  std::vector<EmbeddedWitness> embedded_;    // touched only by the checkpoint thread (and Open)

  mutable std::shared_mutex tree_mu_;
  evidence::MerkleLog tree_;

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<QueuedAppend> queue_;
  bool stopping_ = false;  // guarded by queue_mu_

  mutable std::mutex cp_mu_;
  mutable std::condition_variable cp_cv_;  // new leaves, a cosignature, a publication, stop
  std::optional<PublishedCheckpoint> latest_;
  std::optional<Pending> pending_;
  bool cp_stopping_ = false;

  std::thread committer_;
  std::thread checkpointer_;
};

}  // namespace ipa::service
