#include "importer/jsonl_parse.hpp"

#include <string>
#include <utility>
#include <vector>

#include "importer/json_value.hpp"

namespace ipa::importer {
namespace {

namespace od = simdjson::ondemand;
using core::Patent;
using json::Step;
using Handler = Step (*)(od::value&, const std::string&, Patent&);

std::optional<core::RegionRule> ParseRegionRule(std::string_view name) {
  for (auto r : {core::RegionRule::kNone, core::RegionRule::kProvinceCode,
                 core::RegionRule::kAddress, core::RegionRule::kApplicantName}) {
    if (core::RegionRuleName(r) == name) return r;
  }
  return std::nullopt;
}

template <std::string Patent::*M>
Step Str(od::value& v, const std::string& path, Patent& p) {
  return json::ReadString(v, path, p.*M);
}
template <std::vector<std::string> Patent::*M>
Step Strs(od::value& v, const std::string& path, Patent& p) {
  return json::ReadStrings(v, path, p.*M);
}
template <std::optional<core::Date> Patent::*M>
Step Day(od::value& v, const std::string& path, Patent& p) {
  return json::ReadDate(v, path, p.*M);
}

Step Type(od::value& v, const std::string& path, Patent& p) {
  return json::ReadName(v, path, core::ParsePatentType, p.type);
}
Step Rule(od::value& v, const std::string& path, Patent& p) {
  return json::ReadName(v, path, ParseRegionRule, p.region_rule);
}

Step Applicants(od::value& v, const std::string& path, Patent& p) {
  return json::ForEach(v, path, [&](od::value& item, const std::string& item_path) -> Step {
    core::Applicant& a = p.applicants.emplace_back();
    return json::ForFields(
        item, item_path,
        [&](std::string_view key, od::value& f, const std::string& f_path) -> Step {
          if (key == "name") return json::ReadString(f, f_path, a.name);
          if (key != "org_id") return json::Unknown(f_path);
          if (json::IsNull(f)) return {};
          int64_t id = 0;
          auto s = json::ReadInt(f, f_path, 1, INT64_MAX, id);
          if (s) a.org_id = core::OrgId{id};
          return s;
        });
  });
}

Step Priorities(od::value& v, const std::string& path, Patent& p) {
  return json::ForEach(v, path, [&](od::value& item, const std::string& item_path) -> Step {
    core::PriorityClaim& c = p.priorities.emplace_back();
    return json::ForFields(
        item, item_path,
        [&](std::string_view key, od::value& f, const std::string& f_path) -> Step {
          if (key == "country") return json::ReadString(f, f_path, c.country);
          if (key == "number") return json::ReadString(f, f_path, c.number);
          if (key == "date") return json::ReadDate(f, f_path, c.date);
          return json::Unknown(f_path);
        });
  });
}

Step Pct(od::value& v, const std::string& path, Patent& p) {
  if (json::IsNull(v)) return {};
  core::PctData& pct = p.pct.emplace();
  return json::ForFields(
      v, path, [&](std::string_view key, od::value& f, const std::string& f_path) -> Step {
        if (key == "application_number") return json::ReadString(f, f_path, pct.application_number);
        if (key == "filing_date") return json::ReadDate(f, f_path, pct.filing_date);
        if (key == "publication_number") return json::ReadString(f, f_path, pct.publication_number);
        if (key == "publication_date") return json::ReadDate(f, f_path, pct.publication_date);
        if (key == "national_entry_date") return json::ReadDate(f, f_path, pct.national_entry_date);
        return json::Unknown(f_path);
      });
}

Step EventField(std::string_view key, od::value& f, const std::string& path, core::LegalEvent& e,
                std::optional<core::Date>& date) {
  int64_t n = 0;
  if (key == "kind") return json::ReadName(f, path, core::ParseEventKind, e.kind);
  if (key == "date") return json::ReadDate(f, path, date);
  if (key == "patent_year" || key == "days") {
    auto s = json::ReadInt(f, path, 0, 100000, n);
    (key == "days" ? e.days : e.patent_year) = static_cast<int>(n);
    return s;
  }
  if (key == "from") return json::ReadString(f, path, e.from);
  if (key == "to") return json::ReadString(f, path, e.to);
  if (key == "licence_type") {
    if (json::IsNull(f)) return {};
    core::LicenceType t{};
    auto s = json::ReadName(f, path, core::ParseLicenceType, t);
    if (s) e.licence_type = t;
    return s;
  }
  if (key == "licensee") return json::ReadString(f, path, e.licensee);
  if (key == "term_start") return json::ReadDate(f, path, e.term_start);
  if (key == "term_end") return json::ReadDate(f, path, e.term_end);
  if (key == "territory") return json::ReadString(f, path, e.territory);
  if (key == "note") return json::ReadString(f, path, e.note);
  return json::Unknown(path);
}

Step Events(od::value& v, const std::string& path, Patent& p) {
  return json::ForEach(v, path, [&](od::value& item, const std::string& item_path) -> Step {
    core::LegalEvent& e = p.events.emplace_back();
    std::optional<core::Date> date;
    bool has_kind = false;
    auto s = json::ForFields(item, item_path,
                             [&](std::string_view key, od::value& f, const std::string& f_path) {
                               has_kind = has_kind || key == "kind";
                               return EventField(key, f, f_path, e, date);
                             });
    if (!s) return s;
    if (!has_kind) return json::Invalid(item_path + ".kind", "an event needs a kind");
    if (!date) return json::Invalid(item_path + ".date", "an event needs a date");
    e.date = *date;
    return {};
  });
}

constexpr std::pair<std::string_view, Handler> kFields[] = {
    {"application_number", Str<&Patent::application_number>},
    {"publication_number", Str<&Patent::publication_number>},
    {"grant_number", Str<&Patent::grant_number>},
    {"type", Type},
    {"title_zh", Str<&Patent::title_zh>},
    {"title_en", Str<&Patent::title_en>},
    {"abstract_zh", Str<&Patent::abstract_zh>},
    {"abstract_en", Str<&Patent::abstract_en>},
    {"first_claim", Str<&Patent::first_claim>},
    {"ipc", Strs<&Patent::ipc>},
    {"cpc", Strs<&Patent::cpc>},
    {"applicants", Applicants},
    {"inventors", Strs<&Patent::inventors>},
    {"applicant_address", Str<&Patent::applicant_address>},
    {"region_code", Str<&Patent::region_code>},
    {"region_rule", Rule},
    {"agency", Str<&Patent::agency>},
    {"agents", Strs<&Patent::agents>},
    {"priorities", Priorities},
    {"pct", Pct},
    {"filing_date", Day<&Patent::filing_date>},
    {"publication_date", Day<&Patent::publication_date>},
    {"grant_date", Day<&Patent::grant_date>},
    {"examination_request_date", Day<&Patent::examination_request_date>},
    {"events", Events},
    {"source", Str<&Patent::source>},
    {"source_status", Str<&Patent::source_status>},
};

Step PatentField(std::string_view key, od::value& v, const std::string& path, Patent& p) {
  for (const auto& [name, handler] : kFields) {
    if (name == key) return handler(v, path, p);
  }
  return json::Unknown(path);
}

}  // namespace

struct PatentJsonParser::Impl {
  od::parser parser;
  std::string buffer;
};

PatentJsonParser::PatentJsonParser() : impl_(std::make_unique<Impl>()) {}
PatentJsonParser::~PatentJsonParser() = default;
PatentJsonParser::PatentJsonParser(PatentJsonParser&&) noexcept = default;
PatentJsonParser& PatentJsonParser::operator=(PatentJsonParser&&) noexcept = default;

std::expected<Patent, FieldError> PatentJsonParser::Parse(std::string_view line) {
  std::string& buf = impl_->buffer;
  if (buf.capacity() < line.size() + simdjson::SIMDJSON_PADDING) {
    buf.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  }
  buf.assign(line);
  od::document doc;
  const simdjson::padded_string_view input(buf.data(), buf.size(), buf.capacity());
  if (auto e = impl_->parser.iterate(input).get(doc)) return json::Fail(e, "", "a JSON object");
  Patent p;
  auto s =
      json::ForFields(doc, "", [&](std::string_view key, od::value& v, const std::string& path) {
        return PatentField(key, v, path, p);
      });
  if (!s) return std::unexpected(s.error());
  const char* rest = nullptr;
  if (!doc.current_location().get(rest)) return json::Invalid("", "text after the JSON object");
  if (p.application_number.empty() && p.publication_number.empty() && p.title_zh.empty() &&
      p.title_en.empty()) {
    return json::Invalid("application_number", std::string(kNoIdentity));
  }
  return p;
}

}  // namespace ipa::importer
