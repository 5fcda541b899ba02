// Signed notes (C2SP signed-note): a text body, a blank line, then one line per signature,
// "— <key name> <base64(4-byte key id || signature)>". The signature covers the body only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "evidence/note_key.hpp"

namespace ipa::evidence {

inline constexpr size_t kMaxNoteBytes = 64 * 1024;
inline constexpr size_t kMaxNoteSignatures = 100;

struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // raw bytes after the key id (64 for Ed25519)
  bool operator==(const NoteSignature&) const = default;
};

struct SignedNote {
  std::string body;  // the signed text, ending with '\n'
  std::vector<NoteSignature> signatures;
};

// kInvalidArgument unless `body` is non-empty, ends with '\n', and every line is non-empty
// printable ASCII (the bodies this project signs; stricter than the general format).
core::Status ValidateNoteBody(std::string_view body);

// The note text. Preconditions: a valid body and valid signatures (as ParseNote returns).
std::string FormatNote(const SignedNote& note);

// Strict parse: kInvalidArgument for a text over kMaxNoteBytes, an invalid body, a missing blank
// line, no signatures or more than kMaxNoteSignatures, a line not of the form "— name base64",
// an invalid key name, non-canonical base64, fewer than 5 signature bytes, a duplicate key name,
// or anything after the last newline.
core::Result<SignedNote> ParseNote(std::string_view text);

// `key`'s signature of `body`. kInvalidArgument for an invalid body.
core::Result<NoteSignature> SignNote(std::string_view body, const SigningKey& key);

// Which signatures of `note` are valid. A signature whose name and key id match an entry of
// `keys` must verify: otherwise kInvalidArgument ("signature by X does not verify"). Signatures
// by other keys (unknown name, or a known name with another key id) are listed in `unknown`.
// The caller decides how many verified signers it needs.
struct NoteVerification {
  std::vector<std::string> verified;
  std::vector<std::string> unknown;
};
core::Result<NoteVerification> VerifyNote(const SignedNote& note,
                                          const std::map<std::string, PublicKey>& keys);

}  // namespace ipa::evidence
