// Witness: one office's co-signer. It signs a checkpoint only when it is consistent with the
// last checkpoint it signed, so a log cannot show two histories to two offices.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "evidence/checkpoint.hpp"
#include "evidence/merkle.hpp"
#include "evidence/note_key.hpp"

namespace ipa::evidence {

class Witness {
 public:
  // `key`: this office's signing key. `origin`: the only log this witness signs for.
  // `last_signed`: the last checkpoint it signed, as persisted by the caller (none at first).
  // `log_key`: when set, a note must carry a valid signature by this key before it is cosigned.
  Witness(SigningKey key, std::string origin, std::optional<Checkpoint> last_signed = {},
          std::optional<VerifierKey> log_key = {});

  // Adds this witness's signature to the signed note `note_text` and returns the new note
  // text; then last_signed() is its checkpoint (persist it before publishing the note).
  // `consistency_proof` proves last_signed() is a prefix of the new checkpoint (empty when
  // there is no last checkpoint or the size is unchanged).
  // Errors: kInvalidArgument for a malformed note or checkpoint, another origin, or a missing
  // or bad log signature; kConflict when the size is smaller than last signed, the same size
  // has another root, or the proof does not verify — nothing is signed then. Signing the same
  // note again returns it unchanged. Not thread-safe: serialise calls.
  core::Result<std::string> Cosign(std::string_view note_text,
                                   std::span<const Hash> consistency_proof);

  const std::optional<Checkpoint>& last_signed() const { return last_signed_; }
  const SigningKey& key() const { return key_; }
  const std::string& origin() const { return origin_; }

 private:
  core::Status CheckConsistent(const Checkpoint& next, std::span<const Hash> proof) const;

  SigningKey key_;
  std::string origin_;
  std::optional<Checkpoint> last_signed_;
  std::optional<VerifierKey> log_key_;
};

}  // namespace ipa::evidence
