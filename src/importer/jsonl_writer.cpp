#include "importer/jsonl_writer.hpp"

#include <cstdint>
#include <optional>
#include <vector>

#include "core/text.hpp"

namespace ipa::importer {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Replaces each byte that does not start a well-formed sequence with U+FFFD.
std::string Sanitize(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t n = 1;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n > 1 && i + n <= text.size() && core::IsValidUtf8(text.substr(i, n))) {
      out.append(text.substr(i, n));
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      n = 1;
    } else {
      out.append(kReplacement);
      n = 1;
    }
    i += n;
  }
  return out;
}

void AppendEscaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(text.substr(run));
}

// Builds one object: Key() writes the separator and the key; the Opt* helpers skip empties.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  void End() { out_ += '}'; }
  std::string& Key(std::string_view key) {
    out_ += first_ ? "\"" : ",\"";
    first_ = false;
    out_.append(key);
    out_ += "\":";
    return out_;
  }
  void Str(std::string_view key, std::string_view v) { AppendJsonString(Key(key), v); }
  void OptStr(std::string_view key, std::string_view v) {
    if (!v.empty()) Str(key, v);
  }
  void OptInt(std::string_view key, int64_t v) {
    if (v != 0) Key(key) += std::to_string(v);
  }
  void OptDate(std::string_view key, const std::optional<core::Date>& d) {
    if (d) Str(key, core::FormatDate(*d));
  }
  void OptList(std::string_view key, const std::vector<std::string>& items) {
    if (items.empty()) return;
    std::string& out = Key(key);
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ',';
      AppendJsonString(out, items[i]);
    }
    out += ']';
  }

 private:
  std::string& out_;
  bool first_ = true;
};

void WriteEvent(std::string& out, const core::LegalEvent& e) {
  ObjectWriter w(out);
  w.Str("kind", core::EventKindName(e.kind));
  w.Str("date", core::FormatDate(e.date));
  w.OptInt("patent_year", e.patent_year);
  w.OptInt("days", e.days);
  w.OptStr("from", e.from);
  w.OptStr("to", e.to);
  if (e.licence_type) w.Str("licence_type", core::LicenceTypeName(*e.licence_type));
  w.OptStr("licensee", e.licensee);
  w.OptDate("term_start", e.term_start);
  w.OptDate("term_end", e.term_end);
  w.OptStr("territory", e.territory);
  w.OptStr("note", e.note);
  w.End();
}

template <class T, class Fn>
void WriteArray(ObjectWriter& w, std::string_view key, const std::vector<T>& items, Fn&& write) {
  if (items.empty()) return;
  std::string& out = w.Key(key);
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    write(out, items[i]);
  }
  out += ']';
}

void WriteApplicant(std::string& out, const core::Applicant& a) {
  ObjectWriter w(out);
  w.Str("name", a.name);
  if (a.org_id) w.Key("org_id") += std::to_string(a.org_id->value);
  w.End();
}

void WritePriority(std::string& out, const core::PriorityClaim& c) {
  ObjectWriter w(out);
  w.OptStr("country", c.country);
  w.Str("number", c.number);
  w.OptDate("date", c.date);
  w.End();
}

void WritePct(ObjectWriter& parent, const core::PctData& pct) {
  ObjectWriter w(parent.Key("pct"));
  w.OptStr("application_number", pct.application_number);
  w.OptDate("filing_date", pct.filing_date);
  w.OptStr("publication_number", pct.publication_number);
  w.OptDate("publication_date", pct.publication_date);
  w.OptDate("national_entry_date", pct.national_entry_date);
  w.End();
}

void WriteTexts(ObjectWriter& w, const core::Patent& p) {
  w.Str("application_number", p.application_number);
  w.OptStr("publication_number", p.publication_number);
  w.OptStr("grant_number", p.grant_number);
  w.Str("type", core::PatentTypeName(p.type));
  w.OptStr("title_zh", p.title_zh);
  w.OptStr("title_en", p.title_en);
  w.OptStr("abstract_zh", p.abstract_zh);
  w.OptStr("abstract_en", p.abstract_en);
  w.OptStr("first_claim", p.first_claim);
}

void WriteParties(ObjectWriter& w, const core::Patent& p) {
  w.OptList("ipc", p.ipc);
  w.OptList("cpc", p.cpc);
  WriteArray(w, "applicants", p.applicants, WriteApplicant);
  w.OptList("inventors", p.inventors);
  w.OptStr("applicant_address", p.applicant_address);
  w.OptStr("region_code", p.region_code);
  if (p.region_rule != core::RegionRule::kNone)
    w.Str("region_rule", core::RegionRuleName(p.region_rule));
  w.OptStr("agency", p.agency);
  w.OptList("agents", p.agents);
  WriteArray(w, "priorities", p.priorities, WritePriority);
  if (p.pct) WritePct(w, *p.pct);
}

void WriteDates(ObjectWriter& w, const core::Patent& p) {
  w.OptDate("filing_date", p.filing_date);
  w.OptDate("publication_date", p.publication_date);
  w.OptDate("grant_date", p.grant_date);
  w.OptDate("examination_request_date", p.examination_request_date);
  WriteArray(w, "events", p.events, WriteEvent);
  w.OptStr("source", p.source);
  w.OptStr("source_status", p.source_status);
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  if (core::IsValidUtf8(text)) {
    AppendEscaped(out, text);
  } else {
    AppendEscaped(out, Sanitize(text));
  }
  out += '"';
}

std::string ToJsonLine(const core::Patent& patent) {
  std::string out;
  out.reserve(1024);
  ObjectWriter w(out);
  WriteTexts(w, patent);
  WriteParties(w, patent);
  WriteDates(w, patent);
  w.End();
  return out;
}

}  // namespace ipa::importer
