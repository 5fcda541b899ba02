// Checkpoints (C2SP tlog-checkpoint): the signed-note body that states a log's origin, tree
// size and root hash, plus optional extension lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "evidence/merkle.hpp"

namespace ipa::evidence {

struct Checkpoint {
  std::string origin;                   // e.g. "jjj-ip-alliance/evidence"
  uint64_t size = 0;                    // number of leaves
  Hash root{};                          // MTH of those leaves
  std::vector<std::string> extensions;  // further body lines, in order
  bool operator==(const Checkpoint&) const = default;
};

// The note body "origin\nsize\nbase64(root)\n" followed by one line per extension.
// kInvalidArgument when the origin or an extension is empty or not printable ASCII.
core::Result<std::string> FormatCheckpoint(const Checkpoint& checkpoint);

// Strict parse of a note body (as SignedNote::body): kInvalidArgument unless it is exactly what
// FormatCheckpoint writes — fewer than three lines, a size with a sign, leading zeros or over
// 2^64-1, a root that is not canonical base64 of 32 bytes, an empty line or a missing final
// newline all fail.
core::Result<Checkpoint> ParseCheckpoint(std::string_view body);

}  // namespace ipa::evidence
