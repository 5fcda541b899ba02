#include "importer/uspto_xml_map.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <pugixml.hpp>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace ipa::importer {
namespace {

using pugi::xml_node;
using Result = std::expected<void, FieldError>;

constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
    {"lsquo", "\u2018"},  {"rsquo", "\u2019"},  {"ldquo", "\u201C"},  {"rdquo", "\u201D"},
    {"mdash", "\u2014"},  {"ndash", "\u2013"},  {"nbsp", "\u00A0"},   {"deg", "\u00B0"},
    {"plusmn", "\u00B1"}, {"times", "\u00D7"},  {"micro", "\u00B5"},  {"middot", "\u00B7"},
    {"hellip", "\u2026"}, {"bull", "\u2022"},   {"copy", "\u00A9"},   {"reg", "\u00AE"},
    {"trade", "\u2122"},  {"le", "\u2264"},     {"ge", "\u2265"},     {"ne", "\u2260"},
    {"frac12", "\u00BD"}, {"frac14", "\u00BC"}, {"frac34", "\u00BE"}, {"prime", "\u2032"},
};

// Appends `text`, collapsing runs of white space into one space and mapping named entities.
void AppendText(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (c == '&') {
      const size_t semi = text.substr(0, i + 10).find(';', i);  // names are short
      const std::string_view name =
          semi == std::string_view::npos ? std::string_view() : text.substr(i + 1, semi - i - 1);
      const auto* hit = std::find_if(std::begin(kEntities), std::end(kEntities),
                                     [&](const auto& e) { return e.first == name; });
      if (hit != std::end(kEntities)) {
        out += hit->second;
        i = semi;
        continue;
      }
    }
    out += c;
  }
}

std::string Child(const xml_node& node, const char* name) {
  return std::string(core::Trim(node.child_value(name)));
}

// "orgname", or "first-name last-name".
std::string PartyName(const xml_node& party) {
  const xml_node book = party.child("addressbook") ? party.child("addressbook") : party;
  std::string name = Child(book, "orgname");
  if (!name.empty()) return name;
  name = Child(book, "first-name");
  const std::string last = Child(book, "last-name");
  if (!name.empty() && !last.empty()) name += ' ';
  return name + last;
}

std::string PartyAddress(const xml_node& party) {
  const xml_node address = party.child("addressbook").child("address");
  std::string out;
  for (const char* part : {"city", "state", "country"}) {
    const std::string text = Child(address, part);
    if (text.empty()) continue;
    if (!out.empty()) out += ", ";
    out += text;
  }
  return out;
}

std::vector<xml_node> Elements(const xml_node& list) {
  std::vector<xml_node> out;
  for (xml_node n = list.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element) out.push_back(n);
  }
  return out;
}

class UsptoMapper {
 public:
  explicit UsptoMapper(const xml_node& root) : root_(root) {}
  std::expected<core::Patent, FieldError> Map();

 private:
  std::expected<std::optional<core::Date>, FieldError> Date(const xml_node& n, std::string field);
  Result Numbers();
  void TermEvents();
  void Texts();
  void Classifications();
  void Parties();
  Result Priorities();
  Result Pct();

  xml_node root_, bib_;
  bool grant_ = false;
  core::Patent p_;
};

std::expected<std::optional<core::Date>, FieldError> UsptoMapper::Date(const xml_node& n,
                                                                       std::string field) {
  auto d = ParseOptionalDate(Child(n, "date"));
  if (!d) return std::unexpected(FieldError{std::move(field), d.error()});
  return *d;
}

std::expected<core::Patent, FieldError> UsptoMapper::Map() {
  const std::string_view kind = root_.name();
  grant_ = kind == "us-patent-grant";
  if (!grant_ && kind != "us-patent-application") {
    const std::string what = kind == "sequence-cwu" ? " (a sequence listing)" : "";
    return std::unexpected(FieldError{
        "document", "not a red-book patent document: <" + std::string(kind) + ">" + what});
  }
  bib_ = root_.child(grant_ ? "us-bibliographic-data-grant" : "us-bibliographic-data-application");
  if (!bib_) return std::unexpected(FieldError{"document", "no bibliographic data"});
  p_.source = "uspto-xml";
  IPA_FIELD_CHECK(Numbers());
  Texts();
  Classifications();
  Parties();
  IPA_FIELD_CHECK(Priorities());
  IPA_FIELD_CHECK(Pct());
  return std::move(p_);
}

Result UsptoMapper::Numbers() {
  const xml_node pub = bib_.child("publication-reference").child("document-id");
  const xml_node app = bib_.child("application-reference");
  const std::string pub_number = Child(pub, "doc-number");
  const std::string app_number = Child(app.child("document-id"), "doc-number");
  if (pub_number.empty())
    return std::unexpected(FieldError{"publication-reference", "no doc-number"});
  if (app_number.empty())
    return std::unexpected(FieldError{"application-reference", "no doc-number"});
  p_.publication_number = "US" + pub_number + Child(pub, "kind");
  p_.application_number = "US" + app_number;
  p_.type = app.attribute("appl-type").as_string() == std::string_view("design")
                ? core::PatentType::kDesign
                : core::PatentType::kInvention;
  auto published = Date(pub, "publication-reference/date");
  if (!published) return std::unexpected(published.error());
  auto filed = Date(app.child("document-id"), "application-reference/date");
  if (!filed) return std::unexpected(filed.error());
  p_.publication_date = *published;
  p_.filing_date = *filed;
  if (grant_) {
    p_.grant_number = p_.publication_number;
    p_.grant_date = *published;
    if (p_.grant_date) TermEvents();
  }
  return {};
}

// The grant, and the patent term adjustment (us-term-extension days) as term compensation.
void UsptoMapper::TermEvents() {
  p_.events.push_back({.kind = core::EventKind::kGrant, .date = *p_.grant_date});
  const std::string days = Child(bib_.child("us-term-of-grant"), "us-term-extension");
  const auto n = ParseInteger(days);
  if (n && *n > 0 && *n < 100000) {
    p_.events.push_back({.kind = core::EventKind::kTermCompensation,
                         .date = *p_.grant_date,
                         .days = static_cast<int>(*n),
                         .note = "us-term-extension"});
  }
}

void UsptoMapper::Texts() {
  p_.title_en = XmlText(bib_.child("invention-title"));
  p_.abstract_en = XmlText(root_.child("abstract"));
  p_.first_claim = XmlText(root_.child("claims").child("claim"));
}

void UsptoMapper::Classifications() {
  for (const xml_node& c : Elements(bib_.child("classifications-ipcr"))) {
    std::string code = Child(c, "section") + Child(c, "class") + Child(c, "subclass");
    const std::string group = Child(c, "main-group");
    if (!group.empty()) code += " " + group + "/" + Child(c, "subgroup");
    if (!code.empty()) p_.ipc.push_back(std::move(code));
  }
  if (!p_.ipc.empty()) return;
  for (const xml_node& c : Elements(bib_.child("classification-ipc"))) {
    const std::string_view name = c.name();
    if (name != "main-classification" && name != "further-classification") continue;
    const std::string code = FixedWidthIpc(core::Trim(c.child_value()));
    if (!code.empty()) p_.ipc.push_back(code);
  }
}

void UsptoMapper::Parties() {
  const xml_node parties =
      bib_.child("us-parties") ? bib_.child("us-parties") : bib_.child("parties");
  const xml_node applicants =
      parties.child("us-applicants") ? parties.child("us-applicants") : parties.child("applicants");
  std::vector<std::string> applicant_names, applicant_inventors;
  for (const xml_node& a : Elements(applicants)) {
    applicant_names.push_back(PartyName(a));
    if (std::string_view(a.attribute("app-type").as_string()) == "applicant-inventor") {
      applicant_inventors.push_back(PartyName(a));
    }
  }
  for (const xml_node& i : Elements(parties.child("inventors")))
    p_.inventors.push_back(PartyName(i));
  if (p_.inventors.empty()) p_.inventors = applicant_inventors;
  const auto assignees = Elements(bib_.child("assignees"));
  for (const xml_node& a : assignees) p_.applicants.push_back({PartyName(a), std::nullopt});
  if (assignees.empty()) {
    for (auto& name : applicant_names) p_.applicants.push_back({std::move(name), std::nullopt});
  }
  const auto first = assignees.empty() ? Elements(applicants) : assignees;
  if (!first.empty()) p_.applicant_address = PartyAddress(first.front());
  for (const xml_node& agent : Elements(parties.child("agents"))) {
    const std::string org = Child(agent.child("addressbook"), "orgname");
    if (!org.empty() && p_.agency.empty()) p_.agency = org;
    if (org.empty()) p_.agents.push_back(PartyName(agent));
  }
}

Result UsptoMapper::Priorities() {
  for (const xml_node& claim : Elements(bib_.child("priority-claims"))) {
    auto date = Date(claim, "priority-claims/date");
    if (!date) return std::unexpected(date.error());
    p_.priorities.push_back({Child(claim, "country"), Child(claim, "doc-number"), *date});
  }
  return {};
}

Result UsptoMapper::Pct() {
  const xml_node filing = bib_.child("pct-or-regional-filing-data");
  const xml_node publishing = bib_.child("pct-or-regional-publishing-data");
  if (!filing && !publishing) return {};
  core::PctData pct;
  pct.application_number = Child(filing.child("document-id"), "doc-number");
  pct.publication_number = Child(publishing.child("document-id"), "doc-number");
  const std::pair<xml_node, std::optional<core::Date>*> dates[] = {
      {filing.child("document-id"), &pct.filing_date},
      {publishing.child("document-id"), &pct.publication_date},
      {filing.child("us-371c124-date"), &pct.national_entry_date},
  };
  for (const auto& [node, target] : dates) {
    auto d = Date(node, "pct-or-regional-filing-data/date");
    if (!d) return std::unexpected(d.error());
    *target = *d;
  }
  p_.pct = std::move(pct);
  return {};
}

}  // namespace

std::string XmlText(const xml_node& node) {
  std::string out;
  if (!node) return out;
  // Iterative walk: input nesting depth must not be able to exhaust the stack.
  xml_node n = node.first_child();
  while (n && n != node) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) AppendText(out, n.value());
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != node && !n.next_sibling()) n = n.parent();
    if (n != node) n = n.next_sibling();
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  return out;
}

std::string FixedWidthIpc(std::string_view text) {
  text = core::Trim(text);
  const bool shaped = text.size() >= 7 && std::isalpha(static_cast<unsigned char>(text[0])) &&
                      std::isalpha(static_cast<unsigned char>(text[3])) &&
                      text.substr(4).find_first_not_of(" 0123456789") == std::string_view::npos;
  if (!shaped) return std::string(text);
  const std::string group(core::Trim(text.substr(4, 3)));
  const std::string subgroup(core::Trim(text.substr(7)));
  if (group.empty() || subgroup.empty()) return std::string(text);
  return std::string(text.substr(0, 4)) + " " + group + "/" + subgroup;
}

std::expected<core::Patent, FieldError> MapUsptoDocument(const xml_node& root) {
  return UsptoMapper(root).Map();
}

}  // namespace ipa::importer
