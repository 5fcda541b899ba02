// The evidence log's leaf: the canonical bytes of one evidence record, custody step or case
// event, so the log fixes what a record means, not only a file hash. Format and rules:
// docs/evidence-log-format.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ipa::evidence {

inline constexpr std::string_view kLeafHeader = "ipa-evidence-v1";

enum class LeafKind { kEvidence, kCustody, kCaseEvent };

// "evidence", "custody", "case_event".
std::string_view LeafKindName(LeafKind kind);

// One record. Times are UTC, "YYYY-MM-DDTHH:MM:SS[.sss]Z". Which fields each kind needs is
// listed in docs/evidence-log-format.md; empty strings / no size mean "not stated".
struct EvidenceRecord {
  LeafKind kind = LeafKind::kEvidence;
  std::string office;            // code of the office that recorded it, e.g. "TJ"
  std::string case_id;           // the case number
  std::string evidence_id;       // the evidence item (evidence, custody)
  std::string sha256;            // lower-case hex SHA-256 of the file
  std::string media_type;        // e.g. "image/jpeg"
  std::optional<uint64_t> size;  // file size in bytes
  std::string captured_by;       // who collected it (or performed the step)
  std::string captured_at;       // when
  std::string place;             // where
  std::string method;            // how (e.g. "notarised purchase", "on-site inspection")
  std::string tool;              // with what (camera model, capture software and version)
  std::string notes;
  std::string custody_step;  // custody: what happened to the item
  std::string event;         // case_event: e.g. "transfer_requested"
  std::string recorded_at;   // when the platform recorded the leaf
  bool operator==(const EvidenceRecord&) const = default;
};

// kInvalidArgument (field = the offending key) when a field the kind needs is empty, a value is
// malformed (hex, media type, time, office code, event name) or too long, or text is not UTF-8.
core::Status ValidateRecord(const EvidenceRecord& record);

// The canonical leaf bytes; the errors of ValidateRecord.
core::Result<std::string> EncodeLeaf(const EvidenceRecord& record);

// The record in `leaf`. kInvalidArgument for any byte string EncodeLeaf would not produce, so
// EncodeLeaf(*DecodeLeaf(b)) == b whenever decoding succeeds.
core::Result<EvidenceRecord> DecodeLeaf(std::string_view leaf);

}  // namespace ipa::evidence
