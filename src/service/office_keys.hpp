// The evidence log's keys and witness state on disk: the log key and one Ed25519 key per office
// (BJ, TJ, HE), each a signed-note private key file with mode 0600, generated on first use; and
// a witness's last signed checkpoint, written durably (fsync'd) before anything it signed is
// published.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "evidence/checkpoint.hpp"
#include "evidence/note_key.hpp"

namespace ipa::service {

inline constexpr std::string_view kEvidenceOrigin = "jjj-ip-alliance/evidence";
inline constexpr std::string_view kLogKeyName = "ipa-log";
// The three offices whose witnesses co-sign every checkpoint.
inline constexpr std::string_view kWitnessOffices[] = {"BJ", "TJ", "HE"};

// "ipa-BJ" for "BJ": the key name an office signs with.
std::string OfficeKeyName(std::string_view office);
// The office code of an office key name ("ipa-TJ" → "TJ"), or nullopt for another name.
std::optional<std::string> OfficeOfKeyName(std::string_view name);

// Writes `content` to `path` durably: a temporary file in the same directory with `mode`,
// fsync, rename over `path`, fsync of the directory. kInternal naming the path on failure.
core::Status WriteFileDurably(const std::string& path, std::string_view content, unsigned mode);

// The signing key stored at `path`; when the file does not exist, a new key named `name` is
// generated and stored there with mode 0600. kInvalidArgument when the file holds another name,
// is not a private key or is readable by others (mode not 0600/0400); kInternal on I/O errors.
// The key text is never logged.
core::Result<evidence::SigningKey> LoadOrCreateSigningKey(const std::string& path,
                                                          std::string_view name);
// The key stored at `path` (which must exist), with the checks above.
core::Result<evidence::SigningKey> LoadSigningKey(const std::string& path);

// A witness's state file: the body of the last checkpoint it signed (nothing before the
// first). kInvalidArgument naming the file when it does not parse.
core::Result<std::optional<evidence::Checkpoint>> LoadWitnessState(const std::string& path);
// Persists `checkpoint` as the last signed one (WriteFileDurably, mode 0600).
core::Status SaveWitnessState(const std::string& path, const evidence::Checkpoint& checkpoint);

}  // namespace ipa::service

namespace ipa::service {

// The public keys to verify checkpoints with, without creating anything: the log key and the
// embedded offices' keys from the private key files in `key_dir`, the remote offices' from
// `remote_witnesses`. kInvalidArgument naming a missing or unreadable key file.
core::Result<std::vector<evidence::VerifierKey>> LoadEvidenceVerifierKeys(
    const std::string& key_dir, const std::vector<evidence::VerifierKey>& remote_witnesses);
// The witness state file of embedded office `office` in `key_dir`.
std::string WitnessStatePath(const std::string& key_dir, std::string_view office);
// The private key file of `who` ("log" or an office code) in `key_dir`.
std::string EvidenceKeyPath(const std::string& key_dir, std::string_view who);

}  // namespace ipa::service
