#include "evidence/witness.hpp"

#include <algorithm>

#include "evidence/signed_note.hpp"

namespace ipa::evidence {
namespace {

std::unexpected<core::Error> Refuse(std::string why) {
  return core::Fail(core::ErrorCode::kConflict, "witness refuses: " + why, "checkpoint");
}

}  // namespace

Witness::Witness(SigningKey key, std::string origin, std::optional<Checkpoint> last_signed,
                 std::optional<VerifierKey> log_key)
    : key_(std::move(key)),
      origin_(std::move(origin)),
      last_signed_(std::move(last_signed)),
      log_key_(std::move(log_key)) {}

core::Result<std::string> Witness::Cosign(std::string_view note_text,
                                          std::span<const Hash> consistency_proof) {
  IPA_TRY(note, ParseNote(note_text));
  IPA_TRY(checkpoint, ParseCheckpoint(note.body));
  if (checkpoint.origin != origin_) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "witness: checkpoint is for another log (" + checkpoint.origin + ")",
                      "checkpoint");
  }
  if (log_key_) {
    IPA_TRY(verified, VerifyNote(note, {{log_key_->name, log_key_->key}}));
    if (verified.verified.empty()) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "witness: the note is not signed by the log key " + log_key_->name,
                        "checkpoint");
    }
  }
  IPA_CHECK(CheckConsistent(checkpoint, consistency_proof));
  IPA_TRY(signature, SignNote(note.body, key_));
  const auto mine = std::find_if(note.signatures.begin(), note.signatures.end(),
                                 [&](const NoteSignature& s) { return s.name == key_.name(); });
  if (mine == note.signatures.end()) {
    note.signatures.push_back(std::move(signature));
  } else if (*mine != signature) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "witness: the note already has another signature named " + key_.name(),
                      "checkpoint");
  }
  last_signed_ = std::move(checkpoint);
  return FormatNote(note);
}

core::Status Witness::CheckConsistent(const Checkpoint& next, std::span<const Hash> proof) const {
  if (next.size == 0 && next.root != EmptyRoot()) return Refuse("an empty tree with a root");
  if (!last_signed_ || last_signed_->size == 0) return {};
  const Checkpoint& last = *last_signed_;
  if (next.size < last.size) {
    return Refuse("tree size " + std::to_string(next.size) + " is smaller than " +
                  std::to_string(last.size) + ", the last signed");
  }
  if (next.size == last.size) {
    if (next.root != last.root) return Refuse("same tree size as last signed, another root");
    if (!proof.empty()) return Refuse("equal sizes need an empty consistency proof");
    return {};
  }
  auto consistent = VerifyConsistency(last.size, next.size, proof, last.root, next.root);
  if (!consistent)
    return Refuse("not consistent with the last signed: " + consistent.error().message);
  return {};
}

}  // namespace ipa::evidence
