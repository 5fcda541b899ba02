// Evidence receipts and their offline verification: the bundle a court, an office or a rights
// holder keeps for one evidence item (issue 5 item 7), checked with no network.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "evidence/checkpoint.hpp"
#include "evidence/leaf.hpp"
#include "evidence/merkle.hpp"
#include "evidence/note_key.hpp"

namespace ipa::evidence {

// The bundle served at GET /api/v1/evidence/{id}/receipt, as JSON:
// {"leaf": base64 of the exact leaf bytes, "leaf_index": n, "tree_size": n,
//  "inclusion_path": [base64 hashes, leaf to root], "checkpoint": signed-note text,
//  "public_keys": {key name: base64 Ed25519 public key}}
struct Receipt {
  std::string leaf;  // raw bytes
  uint64_t leaf_index = 0;
  uint64_t tree_size = 0;
  std::vector<Hash> inclusion_path;
  std::string checkpoint;  // signed note
  std::map<std::string, PublicKey> public_keys;
};

// Strict JSON parsing: unknown or missing fields, wrong types, bad base64 or hash lengths are
// kInvalidArgument naming the field.
core::Result<Receipt> ParseReceipt(std::string_view json);
std::string FormatReceipt(const Receipt& receipt);

struct VerifiedReceipt {
  EvidenceRecord record;
  Checkpoint checkpoint;
  std::vector<std::string> signers;  // names whose signatures verified
  bool file_checked = false;         // a file was given and matched the record's SHA-256
};

// Verifies, in this order, and says exactly what failed: the leaf decodes as a canonical
// record; the checkpoint parses and its signatures verify against the receipt's keys, each of
// `required_signers` among the signers (when `pinned_keys` is given, the receipt's keys must be
// those); the receipt's tree size is the checkpoint's; the inclusion path leads from the leaf to
// the checkpoint's root; and, when `file` is given, its SHA-256 and size are the record's.
core::Result<VerifiedReceipt> VerifyReceipt(const Receipt& receipt,
                                            std::optional<std::string_view> file,
                                            const std::vector<std::string>& required_signers,
                                            const std::map<std::string, PublicKey>* pinned_keys = nullptr);

}  // namespace ipa::evidence
