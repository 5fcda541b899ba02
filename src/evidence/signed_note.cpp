#include "evidence/signed_note.hpp"

#include <set>

#include "evidence/base64.hpp"

namespace ipa::evidence {
namespace {

constexpr std::string_view kDash = "\xE2\x80\x94 ";  // U+2014 EM DASH, then a space
constexpr size_t kKeyIdBytes = 4;

std::unexpected<core::Error> Malformed(std::string what) {
  return core::Fail(core::ErrorCode::kInvalidArgument, "signed note: " + what, "note");
}

bool IsPrintableAscii(char c) { return c >= ' ' && c < 0x7F; }

// One "— name base64" line (without its newline).
core::Result<NoteSignature> ParseSignatureLine(std::string_view line) {
  if (!line.starts_with(kDash)) return Malformed("signature line does not start with \"— \"");
  line.remove_prefix(kDash.size());
  const size_t space = line.find(' ');
  if (space == std::string_view::npos) return Malformed("signature line has no signature");
  NoteSignature sig;
  sig.name = std::string(line.substr(0, space));
  if (!IsValidKeyName(sig.name)) return Malformed("invalid key name in a signature line");
  auto raw = Base64Decode(line.substr(space + 1));
  if (!raw) return Malformed("signature is not canonical base64");
  if (raw->size() <= kKeyIdBytes) return Malformed("signature is too short");
  for (size_t i = 0; i < kKeyIdBytes; ++i) {
    sig.key_id = (sig.key_id << 8) | static_cast<uint8_t>((*raw)[i]);
  }
  sig.signature = raw->substr(kKeyIdBytes);
  return sig;
}

std::string SignatureText(const NoteSignature& sig) {
  std::string raw;
  for (int shift = 24; shift >= 0; shift -= 8) {
    raw.push_back(static_cast<char>((sig.key_id >> shift) & 0xFF));
  }
  raw += sig.signature;
  return Base64Encode(raw);
}

}  // namespace

core::Status ValidateNoteBody(std::string_view body) {
  if (body.empty() || body.back() != '\n') return Malformed("body must end with a newline");
  bool line_start = true;
  for (char c : body) {
    if (c == '\n') {
      if (line_start) return Malformed("body has an empty line");
      line_start = true;
    } else if (!IsPrintableAscii(c)) {
      return Malformed("body has a character that is not printable ASCII");
    } else {
      line_start = false;
    }
  }
  return {};
}

std::string FormatNote(const SignedNote& note) {
  std::string out = note.body;
  out.push_back('\n');
  for (const NoteSignature& sig : note.signatures) {
    out += kDash;
    out += sig.name;
    out.push_back(' ');
    out += SignatureText(sig);
    out.push_back('\n');
  }
  return out;
}

core::Result<SignedNote> ParseNote(std::string_view text) {
  if (text.size() > kMaxNoteBytes) return Malformed("note is too large");
  const size_t blank = text.find("\n\n");
  if (blank == std::string_view::npos) return Malformed("no blank line before the signatures");
  SignedNote note;
  note.body = std::string(text.substr(0, blank + 1));
  IPA_CHECK(ValidateNoteBody(note.body));
  std::string_view rest = text.substr(blank + 2);
  if (rest.empty()) return Malformed("no signatures");
  if (rest.back() != '\n') return Malformed("note must end with a newline");
  std::set<std::string, std::less<>> names;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    IPA_TRY(sig, ParseSignatureLine(rest.substr(0, end)));
    rest.remove_prefix(end + 1);
    if (!names.insert(sig.name).second) return Malformed("two signatures by " + sig.name);
    if (names.size() > kMaxNoteSignatures) return Malformed("too many signatures");
    note.signatures.push_back(std::move(sig));
  }
  return note;
}

core::Result<NoteSignature> SignNote(std::string_view body, const SigningKey& key) {
  IPA_CHECK(ValidateNoteBody(body));
  const Signature sig = key.Sign(body);
  return NoteSignature{key.name(), key.key_id(),
                       std::string(reinterpret_cast<const char*>(sig.data()), sig.size())};
}

core::Result<NoteVerification> VerifyNote(const SignedNote& note,
                                          const std::map<std::string, PublicKey>& keys) {
  NoteVerification out;
  for (const NoteSignature& sig : note.signatures) {
    const auto known = keys.find(sig.name);
    if (known == keys.end() || KeyId(sig.name, known->second) != sig.key_id) {
      out.unknown.push_back(sig.name);
      continue;
    }
    if (!VerifySignature(known->second, note.body, sig.signature)) {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        "signed note: the signature by " + sig.name + " does not verify",
                        "signature");
    }
    out.verified.push_back(sig.name);
  }
  return out;
}

}  // namespace ipa::evidence
