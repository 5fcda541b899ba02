// Content-addressed storage of evidence files under the data directory:
// <root>/sha256/<first two hex digits>/<remaining 62 hex digits>. A file is written to a temporary
// name, fsynced, renamed into place and its directory fsynced, so a stored file is whole; an
// identical file is stored once.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::service {

// The path of the file with lower-case hex SHA-256 `sha256` under `root` (<data_dir>/evidence).
std::string EvidenceFilePath(const std::string& root, const std::string& sha256);

// Stores `data` and returns its lower-case hex SHA-256. kInternal on an I/O failure (detail:
// the path and errno text). Thread-safe (temporary names are unique per call).
core::Result<std::string> StoreEvidenceFile(const std::string& root, std::string_view data);

// Reads a stored file whole. kNotFound when it is missing, kInternal on other failures.
core::Result<std::string> ReadEvidenceFile(const std::string& root, const std::string& sha256);

}  // namespace ipa::service
