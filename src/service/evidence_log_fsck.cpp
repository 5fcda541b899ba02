#include "service/evidence_log_fsck.hpp"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "evidence/checkpoint.hpp"
#include "evidence/leaf.hpp"
#include "evidence/merkle.hpp"
#include "evidence/merkle_log.hpp"
#include "evidence/signed_note.hpp"
#include "service/office_keys.hpp"
#include "store/evidence_log_repo.hpp"

namespace ipa::service {
namespace {

using evidence::Hash;

void Problem(FsckReport& report, std::string where, std::string what) {
  report.problems.push_back({std::move(where), std::move(what)});
}

core::Status CheckLeaves(store::Database& db, evidence::MerkleLog& tree, FsckReport& report) {
  return db.Read([&](store::Tx& tx) -> core::Status {
    return store::ForEachEvidenceLeaf(tx, 0, INT64_MAX, [&](store::EvidenceLeafRow&& row) -> core::Status {
      const std::string where = "leaf " + std::to_string(row.leaf_index);
      if (static_cast<uint64_t>(row.leaf_index) != tree.Size()) {
        Problem(report, "leaf " + std::to_string(tree.Size()),
                "missing (next stored leaf is " + std::to_string(row.leaf_index) + ")");
      }
      if (auto rec = evidence::DecodeLeaf(row.leaf); !rec) {
        Problem(report, where, "not a canonical record: " + rec.error().message);
      }
      const Hash hash = evidence::HashLeaf(row.leaf);
      if (evidence::HashHex(hash) != row.leaf_hash) {
        Problem(report, where, "its bytes do not match its stored hash " + row.leaf_hash);
      }
      tree.Append(hash);
      ++report.leaves;
      return {};
    });
  });
}

void CheckCheckpoint(const store::EvidenceCheckpointRow& row, const evidence::MerkleLog& tree,
                     const std::map<std::string, evidence::PublicKey>& keys, FsckReport& report) {
  const std::string where = "checkpoint " + std::to_string(row.tree_size);
  ++report.checkpoints;
  auto note = evidence::ParseNote(row.note);
  if (!note) return Problem(report, where, "not a signed note: " + note.error().message);
  auto checkpoint = evidence::ParseCheckpoint(note->body);
  if (!checkpoint) return Problem(report, where, "not a checkpoint: " + checkpoint.error().message);
  if (checkpoint->origin != kEvidenceOrigin) Problem(report, where, "origin is " + checkpoint->origin);
  if (static_cast<int64_t>(checkpoint->size) != row.tree_size) {
    Problem(report, where, "the note states size " + std::to_string(checkpoint->size));
  }
  if (evidence::HashHex(checkpoint->root) != row.root) {
    Problem(report, where, "the note's root is not the row's root " + row.root);
  }
  auto verified = evidence::VerifyNote(*note, keys);
  if (!verified) {
    Problem(report, where, verified.error().message);
  } else {
    for (const auto& [name, key] : keys) {
      if (std::find(verified->verified.begin(), verified->verified.end(), name) == verified->verified.end()) {
        Problem(report, where, "no valid signature by " + name);
      }
    }
  }
  if (checkpoint->size > tree.Size()) {
    return Problem(report, where, "covers " + std::to_string(checkpoint->size) + " leaves, only " +
                                      std::to_string(tree.Size()) + " are stored");
  }
  if (*tree.Root(checkpoint->size) != checkpoint->root) {
    Problem(report, where, "its root " + evidence::HashHex(checkpoint->root) +
                               " is not the root of the stored leaves " + evidence::HashHex(*tree.Root(checkpoint->size)));
  }
}

void CheckWitnessStates(const std::string& key_dir, const evidence::MerkleLog& tree, FsckReport& report) {
  for (std::string_view office : kWitnessOffices) {
    const std::string where = "witness " + std::string(office);
    auto state = LoadWitnessState(WitnessStatePath(key_dir, office));
    if (!state) {
      Problem(report, where, state.error().message);
      continue;
    }
    if (!*state) continue;  // a remote witness, or nothing signed yet
    const evidence::Checkpoint& last = **state;
    if (last.size > tree.Size()) {
      Problem(report, where, "signed size " + std::to_string(last.size) + ", only " + std::to_string(tree.Size()) + " leaves are stored");
    } else if (*tree.Root(last.size) != last.root) {
      Problem(report, where, "signed size " + std::to_string(last.size) + " with another root than the stored leaves give");
    }
  }
}

}  // namespace

core::Result<FsckReport> FsckEvidenceLog(store::Database& db,
                                         const std::vector<evidence::VerifierKey>& keys,
                                         const std::string& key_dir) {
  FsckReport report;
  evidence::MerkleLog tree;
  IPA_CHECK(CheckLeaves(db, tree, report));
  IPA_TRY(rows, store::ReadValue<std::vector<store::EvidenceCheckpointRow>>(
                    db, [](store::Tx& tx) { return store::ListEvidenceCheckpoints(tx); }));
  std::map<std::string, evidence::PublicKey> key_map;
  for (const evidence::VerifierKey& k : keys) key_map[k.name] = k.key;
  for (const store::EvidenceCheckpointRow& row : rows) CheckCheckpoint(row, tree, key_map, report);
  if (!key_dir.empty()) CheckWitnessStates(key_dir, tree, report);
  return report;
}

void RehashEvidenceFiles(std::span<const StoredEvidenceFile> files, FsckReport& report) {
  std::vector<char> buffer(1 << 16);
  for (const StoredEvidenceFile& f : files) {
    ++report.files;
    const std::string where = "file " + f.label;
    std::ifstream in(f.path, std::ios::binary);
    if (!in) {
      Problem(report, where, "cannot read " + f.path);
      continue;
    }
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    uint64_t size = 0;
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto n = in.gcount();
      if (n <= 0) break;
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                static_cast<unsigned long long>(n));
      size += static_cast<uint64_t>(n);
    }
    if (in.bad()) {
      Problem(report, where, "read error in " + f.path);
      continue;
    }
    Hash digest{};
    crypto_hash_sha256_final(&state, digest.data());
    if (size != f.size) {
      Problem(report, where, f.path + " is " + std::to_string(size) + " bytes, the record says " + std::to_string(f.size));
    } else if (evidence::HashHex(digest) != f.sha256) {
      Problem(report, where, f.path + " has SHA-256 " + evidence::HashHex(digest) + ", the record says " + f.sha256);
    }
  }
}

}  // namespace ipa::service
