#include "evidence/leaf.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/text.hpp"

namespace ipa::evidence {
namespace {

constexpr size_t kFieldCount = 16;
// The keys, in the one order a leaf lists them.
constexpr std::array<std::string_view, kFieldCount> kKeys = {
    "kind",  "office",       "case_id",     "evidence_id", "sha256", "media_type",
    "size",  "captured_by",  "captured_at", "place",       "method", "tool",
    "notes", "custody_step", "event",       "recorded_at"};
using Fields = std::array<std::string, kFieldCount>;

constexpr size_t kMaxText = 4096;
constexpr size_t kMaxNotes = 16384;
constexpr std::array<LeafKind, 3> kKinds = {LeafKind::kEvidence, LeafKind::kCustody,
                                            LeafKind::kCaseEvent};

std::unexpected<core::Error> Bad(std::string_view key, std::string why) {
  return core::Fail(core::ErrorCode::kInvalidArgument, "leaf: " + std::string(key) + " " + why,
                    std::string(key));
}

bool MustEscape(unsigned char c) { return c < 0x20 || c == 0x7F || c == '%'; }

int UpperHexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendEscaped(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : value) {
    if (MustEscape(c)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
}

// Reverses AppendEscaped; rejects raw control characters, lower-case or malformed escapes and
// escapes of bytes that need none.
core::Result<std::string> Unescape(std::string_view key, std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c != '%') {
      if (MustEscape(c)) return Bad(key, "holds an unescaped control character");
      out += text[i];
      continue;
    }
    const int hi = i + 2 < text.size() ? UpperHexDigit(text[i + 1]) : -1;
    const int lo = hi >= 0 ? UpperHexDigit(text[i + 2]) : -1;
    if (lo < 0 || !MustEscape(static_cast<unsigned char>(hi * 16 + lo))) {
      return Bad(key, "holds a non-canonical %-escape");
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

bool AllOf(std::string_view s, bool (*ok)(char)) { return std::all_of(s.begin(), s.end(), ok); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLowerHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f'); }
bool IsOfficeChar(char c) { return IsDigit(c) || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'; }
bool IsEventChar(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || c == '_' || c == '.'; }
bool IsMediaChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') ||
         std::string_view("!#$&^_.+-").find(c) != std::string_view::npos;
}

bool IsSha256Hex(std::string_view s) { return s.size() == 64 && AllOf(s, IsLowerHex); }
bool IsOfficeCode(std::string_view s) { return s.size() <= 32 && AllOf(s, IsOfficeChar); }
bool IsEventName(std::string_view s) { return s.size() <= 64 && AllOf(s, IsEventChar); }
bool IsMediaType(std::string_view s) {
  const size_t slash = s.find('/');
  return slash != std::string_view::npos && slash > 0 && slash + 1 < s.size() && s.size() <= 127 &&
         AllOf(s.substr(0, slash), IsMediaChar) && AllOf(s.substr(slash + 1), IsMediaChar);
}

int Number(std::string_view s, size_t pos, size_t len) {
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.sssZ", a real UTC date and time.
bool IsUtcTime(std::string_view s) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd.dddZ";
  if (s.size() != 20 && s.size() != 24) return false;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (kShape[i] == 'd' ? !IsDigit(s[i]) : s[i] != kShape[i]) return false;
  }
  if (s.back() != 'Z') return false;
  const int year = Number(s, 0, 4), month = Number(s, 5, 2), day = Number(s, 8, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  if (month == 2 && day == 29 && !leap) return false;
  return Number(s, 11, 2) < 24 && Number(s, 14, 2) < 60 && Number(s, 17, 2) < 60;
}

// Empty is fine unless `required`; otherwise length, UTF-8 and `format` (when given).
core::Status CheckField(std::string_view key, std::string_view value, bool required,
                        size_t max_bytes = kMaxText, bool (*format)(std::string_view) = nullptr) {
  if (value.empty()) {
    if (required) return Bad(key, "is required for this kind of record");
    return {};
  }
  if (value.size() > max_bytes) return Bad(key, "is too long");
  if (!core::IsValidUtf8(value)) return Bad(key, "is not UTF-8");
  if (format != nullptr && !format(value)) return Bad(key, "is malformed");
  return {};
}

Fields ToFields(const EvidenceRecord& r) {
  return {std::string(LeafKindName(r.kind)),
          r.office,
          r.case_id,
          r.evidence_id,
          r.sha256,
          r.media_type,
          r.size ? std::to_string(*r.size) : std::string(),
          r.captured_by,
          r.captured_at,
          r.place,
          r.method,
          r.tool,
          r.notes,
          r.custody_step,
          r.event,
          r.recorded_at};
}

core::Result<EvidenceRecord> FromFields(Fields f) {
  EvidenceRecord r;
  const auto kind = std::find_if(kKinds.begin(), kKinds.end(),
                                 [&](LeafKind k) { return LeafKindName(k) == f[0]; });
  if (kind == kKinds.end()) return Bad("kind", "is not evidence, custody or case_event");
  r.kind = *kind;
  if (!f[6].empty()) {
    uint64_t size = 0;
    const auto [end, ec] = std::from_chars(f[6].data(), f[6].data() + f[6].size(), size);
    if (ec != std::errc() || end != f[6].data() + f[6].size() || (f[6][0] == '0' && f[6] != "0")) {
      return Bad("size", "is not a canonical decimal number");
    }
    r.size = size;
  }
  r.office = std::move(f[1]), r.case_id = std::move(f[2]), r.evidence_id = std::move(f[3]);
  r.sha256 = std::move(f[4]), r.media_type = std::move(f[5]), r.captured_by = std::move(f[7]);
  r.captured_at = std::move(f[8]), r.place = std::move(f[9]), r.method = std::move(f[10]);
  r.tool = std::move(f[11]), r.notes = std::move(f[12]), r.custody_step = std::move(f[13]);
  r.event = std::move(f[14]), r.recorded_at = std::move(f[15]);
  return r;
}

}  // namespace

std::string_view LeafKindName(LeafKind kind) {
  switch (kind) {
    case LeafKind::kEvidence:
      return "evidence";
    case LeafKind::kCustody:
      return "custody";
    case LeafKind::kCaseEvent:
      return "case_event";
  }
  return "evidence";
}

core::Status ValidateRecord(const EvidenceRecord& r) {
  const bool evidence = r.kind == LeafKind::kEvidence;
  const bool custody = r.kind == LeafKind::kCustody;
  IPA_CHECK(CheckField("office", r.office, true, 32, IsOfficeCode));
  IPA_CHECK(CheckField("case_id", r.case_id, true));
  IPA_CHECK(CheckField("evidence_id", r.evidence_id, evidence || custody));
  IPA_CHECK(CheckField("sha256", r.sha256, evidence, 64, IsSha256Hex));
  IPA_CHECK(CheckField("media_type", r.media_type, evidence, 127, IsMediaType));
  if (evidence && !r.size) return Bad("size", "is required for this kind of record");
  IPA_CHECK(CheckField("captured_by", r.captured_by, evidence));
  IPA_CHECK(CheckField("captured_at", r.captured_at, evidence, 24, IsUtcTime));
  IPA_CHECK(CheckField("place", r.place, false));
  IPA_CHECK(CheckField("method", r.method, false));
  IPA_CHECK(CheckField("tool", r.tool, false));
  IPA_CHECK(CheckField("notes", r.notes, false, kMaxNotes));
  IPA_CHECK(CheckField("custody_step", r.custody_step, custody));
  IPA_CHECK(CheckField("event", r.event, r.kind == LeafKind::kCaseEvent, 64, IsEventName));
  IPA_CHECK(CheckField("recorded_at", r.recorded_at, true, 24, IsUtcTime));
  return {};
}

core::Result<std::string> EncodeLeaf(const EvidenceRecord& record) {
  IPA_CHECK(ValidateRecord(record));
  const Fields fields = ToFields(record);
  std::string out(kLeafHeader);
  out += '\n';
  for (size_t i = 0; i < kFieldCount; ++i) {
    out += kKeys[i];
    out += '=';
    AppendEscaped(out, fields[i]);
    out += '\n';
  }
  return out;
}

core::Result<EvidenceRecord> DecodeLeaf(std::string_view leaf) {
  if (!leaf.starts_with(kLeafHeader) || leaf.substr(kLeafHeader.size(), 1) != "\n") {
    return Bad("header", "is not \"" + std::string(kLeafHeader) + "\"");
  }
  leaf.remove_prefix(kLeafHeader.size() + 1);
  Fields fields;
  for (size_t i = 0; i < kFieldCount; ++i) {
    const size_t end = leaf.find('\n');
    const std::string_view line = leaf.substr(0, end);
    if (end == std::string_view::npos || !line.starts_with(kKeys[i]) ||
        line.substr(kKeys[i].size(), 1) != "=") {
      return Bad(kKeys[i], "line is missing or out of order");
    }
    IPA_TRY(value, Unescape(kKeys[i], line.substr(kKeys[i].size() + 1)));
    fields[i] = std::move(value);
    leaf.remove_prefix(end + 1);
  }
  if (!leaf.empty()) return Bad("leaf", "has bytes after the last field");
  IPA_TRY(record, FromFields(std::move(fields)));
  IPA_CHECK(ValidateRecord(record));
  return record;
}

}  // namespace ipa::evidence
