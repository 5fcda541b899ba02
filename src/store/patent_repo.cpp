#include "store/patent_repo.hpp"

#include <algorithm>

#include "core/time.hpp"
#include "core/tsv.hpp"
#include "store/audit_repo.hpp"

namespace ipa::store {
namespace {

using core::Date;
using core::LegalEvent;
using core::Patent;

constexpr std::string_view kColumns =
    "id, application_number, publication_number, grant_number, type, title_zh, title_en, "
    "abstract_zh, abstract_en, first_claim, ipc, cpc, inventors, applicant_address, region_code, "
    "region_rule, agency, agents, priorities, pct, filing_date, publication_date, grant_date, "
    "examination_request_date, source, source_status";

// Parameters $1..$25 in the order of kColumns without id.
constexpr std::string_view kInsert =
    "INSERT INTO patents (application_number, publication_number, grant_number, type, title_zh, "
    "title_en, abstract_zh, abstract_en, first_claim, ipc, cpc, inventors, applicant_address, "
    "region_code, region_rule, agency, agents, priorities, pct, filing_date, publication_date, "
    "grant_date, examination_request_date, source, source_status, applicants, created_at, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
    "$17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $27) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE patents SET publication_number = $2, grant_number = $3, type = $4, title_zh = $5, "
    "title_en = $6, abstract_zh = $7, abstract_en = $8, first_claim = $9, ipc = $10, cpc = $11, "
    "inventors = $12, applicant_address = $13, region_code = $14, region_rule = $15, agency = $16, "
    "agents = $17, priorities = $18, pct = $19, filing_date = $20, publication_date = $21, "
    "grant_date = $22, examination_request_date = $23, source = $24, source_status = $25, "
    "applicants = $26, updated_at = $27, version = version + 1 WHERE application_number = $1";
constexpr std::string_view kFindId = "SELECT id FROM patents WHERE application_number = $1";
constexpr std::string_view kDeleteApplicants = "DELETE FROM patent_applicants WHERE patent_id = $1";
constexpr std::string_view kDeleteEvents = "DELETE FROM patent_events WHERE patent_id = $1";
constexpr std::string_view kInsertApplicant =
    "INSERT INTO patent_applicants (patent_id, position, name, org_id) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kInsertEvent =
    "INSERT INTO patent_events (patent_id, position, kind, event_date, patent_year, days, "
    "party_from, party_to, licence_type, licensee, term_start, term_end, territory, note) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
constexpr std::string_view kSelectApplicants =
    "SELECT name, org_id FROM patent_applicants WHERE patent_id = $1 ORDER BY position";
constexpr std::string_view kSelectEvents =
    "SELECT kind, event_date, patent_year, days, party_from, party_to, licence_type, licensee, "
    "term_start, term_end, territory, note FROM patent_events WHERE patent_id = $1 ORDER BY "
    "event_date, position";
constexpr std::string_view kNextEventPosition =
    "SELECT COALESCE(MAX(position), -1) + 1 FROM patent_events WHERE patent_id = $1";

// One line per item; values never contain the separator.
std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out.push_back('\n');
    for (char c : item) out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  for (auto part : core::Split(text, '\n')) out.emplace_back(part);
  return out;
}

Value DateValue(const std::optional<Date>& d) { return d ? Value(int64_t{d->days}) : Value(nullptr); }
std::optional<Date> DateFrom(const Row& r, size_t i) {
  auto v = r.OptInt(i);
  return v ? std::optional<Date>(Date{static_cast<int32_t>(*v)}) : std::nullopt;
}
std::string DateText(const std::optional<Date>& d) { return d ? std::to_string(d->days) : ""; }
std::optional<Date> DateFromText(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return Date{std::stoi(std::string(s))};
}

std::string EncodePriorities(const std::vector<core::PriorityClaim>& claims) {
  std::vector<std::string> lines;
  for (const auto& c : claims) lines.push_back(c.country + "\t" + c.number + "\t" + DateText(c.date));
  return JoinLines(lines);
}

std::vector<core::PriorityClaim> DecodePriorities(const std::string& text) {
  std::vector<core::PriorityClaim> out;
  for (const std::string& line : SplitLines(text)) {
    auto f = core::Split(line, '\t');
    if (f.size() == 3) out.push_back({std::string(f[0]), std::string(f[1]), DateFromText(f[2])});
  }
  return out;
}

std::string EncodePct(const std::optional<core::PctData>& p) {
  if (!p) return "";
  return p->application_number + "\t" + DateText(p->filing_date) + "\t" + p->publication_number +
         "\t" + DateText(p->publication_date) + "\t" + DateText(p->national_entry_date);
}

std::optional<core::PctData> DecodePct(const std::string& text) {
  auto f = core::Split(text, '\t');
  if (text.empty() || f.size() != 5) return std::nullopt;
  return core::PctData{std::string(f[0]), DateFromText(f[1]), std::string(f[2]), DateFromText(f[3]),
                       DateFromText(f[4])};
}

std::vector<Value> PatentParams(const Patent& p) {
  std::vector<std::string> names;
  for (const auto& a : p.applicants) names.push_back(a.name);
  return {p.application_number, p.publication_number, p.grant_number,
          std::string(core::PatentTypeName(p.type)), p.title_zh, p.title_en, p.abstract_zh,
          p.abstract_en, p.first_claim, JoinLines(p.ipc), JoinLines(p.cpc), JoinLines(p.inventors),
          p.applicant_address, p.region_code, std::string(core::RegionRuleName(p.region_rule)),
          p.agency, JoinLines(p.agents), EncodePriorities(p.priorities), EncodePct(p.pct),
          DateValue(p.filing_date), DateValue(p.publication_date), DateValue(p.grant_date),
          DateValue(p.examination_request_date), p.source, p.source_status, JoinLines(names),
          core::NowMs()};
}

Status InsertChildren(Tx& tx, PatentId id, const Patent& p) {
  for (size_t i = 0; i < p.applicants.size(); ++i) {
    const auto& a = p.applicants[i];
    IPA_CHECK(tx.Exec(kInsertApplicant, {id.value, static_cast<int64_t>(i), a.name,
                                         a.org_id ? Value(a.org_id->value) : Value(nullptr)}));
  }
  for (size_t i = 0; i < p.events.size(); ++i) {
    const LegalEvent& e = p.events[i];
    IPA_CHECK(tx.Exec(kInsertEvent,
                      {id.value, static_cast<int64_t>(i), std::string(core::EventKindName(e.kind)),
                       int64_t{e.date.days}, int64_t{e.patent_year}, int64_t{e.days}, e.from, e.to,
                       e.licence_type ? std::string(core::LicenceTypeName(*e.licence_type)) : "",
                       e.licensee, DateValue(e.term_start), DateValue(e.term_end), e.territory, e.note}));
  }
  return {};
}

Patent FromRow(const Row& r) {
  Patent p;
  p.application_number = r.Text(1);
  p.publication_number = r.Text(2);
  p.grant_number = r.Text(3);
  p.type = core::ParsePatentType(r.Text(4)).value_or(core::PatentType::kInvention);
  p.title_zh = r.Text(5);
  p.title_en = r.Text(6);
  p.abstract_zh = r.Text(7);
  p.abstract_en = r.Text(8);
  p.first_claim = r.Text(9);
  p.ipc = SplitLines(r.Text(10));
  p.cpc = SplitLines(r.Text(11));
  p.inventors = SplitLines(r.Text(12));
  p.applicant_address = r.Text(13);
  p.region_code = r.Text(14);
  const std::string& rule = r.Text(15);
  for (auto candidate : {core::RegionRule::kNone, core::RegionRule::kProvinceCode,
                         core::RegionRule::kAddress, core::RegionRule::kApplicantName}) {
    if (core::RegionRuleName(candidate) == rule) p.region_rule = candidate;
  }
  p.agency = r.Text(16);
  p.agents = SplitLines(r.Text(17));
  p.priorities = DecodePriorities(r.Text(18));
  p.pct = DecodePct(r.Text(19));
  p.filing_date = DateFrom(r, 20);
  p.publication_date = DateFrom(r, 21);
  p.grant_date = DateFrom(r, 22);
  p.examination_request_date = DateFrom(r, 23);
  p.source = r.Text(24);
  p.source_status = r.Text(25);
  return p;
}

Status LoadChildren(Tx& tx, PatentId id, Patent& p) {
  IPA_TRY(applicants, tx.Query(kSelectApplicants, {id.value}));
  for (const Row& r : applicants) {
    core::Applicant a{r.Text(0), std::nullopt};
    if (!r.IsNull(1)) a.org_id = core::OrgId{r.Int(1)};
    p.applicants.push_back(std::move(a));
  }
  IPA_TRY(events, tx.Query(kSelectEvents, {id.value}));
  for (const Row& r : events) {
    LegalEvent e;
    e.kind = core::ParseEventKind(r.Text(0)).value_or(core::EventKind::kGrant);
    e.date = Date{static_cast<int32_t>(r.Int(1))};
    e.patent_year = static_cast<int>(r.Int(2));
    e.days = static_cast<int>(r.Int(3));
    e.from = r.Text(4);
    e.to = r.Text(5);
    if (!r.Text(6).empty()) e.licence_type = core::ParseLicenceType(r.Text(6));
    e.licensee = r.Text(7);
    e.term_start = DateFrom(r, 8);
    e.term_end = DateFrom(r, 9);
    e.territory = r.Text(10);
    e.note = r.Text(11);
    p.events.push_back(std::move(e));
  }
  return {};
}

std::string LikeEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<UpsertOutcome> UpsertPatent(Tx& tx, const Patent& p) {
  const std::vector<Value> params = PatentParams(p);
  IPA_TRY(existing, tx.Query(kFindId, {p.application_number}));
  UpsertOutcome out;
  if (existing.empty()) {
    IPA_TRY(rows, tx.Query(kInsert, params));
    out = {PatentId{rows.at(0).Int(0)}, true};
  } else {
    out = {PatentId{existing[0].Int(0)}, false};
    IPA_CHECK(tx.Exec(kUpdate, params));
    IPA_CHECK(tx.Exec(kDeleteApplicants, {out.id.value}));
    IPA_CHECK(tx.Exec(kDeleteEvents, {out.id.value}));
  }
  IPA_CHECK(InsertChildren(tx, out.id, p));
  IPA_CHECK(AppendChange(tx, "patent", std::to_string(out.id.value), out.inserted ? "create" : "update"));
  return out;
}

Result<PatentId> FindPatentId(Tx& tx, const std::string& application_number) {
  IPA_TRY(rows, tx.Query(kFindId, {application_number}));
  if (rows.empty()) {
    return core::Fail(core::ErrorCode::kNotFound, "patent " + application_number + " not found");
  }
  return PatentId{rows[0].Int(0)};
}

Result<Patent> GetPatent(Tx& tx, const std::string& application_number) {
  IPA_TRY(rows, tx.Query("SELECT " + std::string(kColumns) + " FROM patents WHERE application_number = $1",
                         {application_number}));
  if (rows.empty()) {
    return core::Fail(core::ErrorCode::kNotFound, "patent " + application_number + " not found");
  }
  Patent p = FromRow(rows[0]);
  IPA_CHECK(LoadChildren(tx, PatentId{rows[0].Int(0)}, p));
  return p;
}

Status AppendPatentEvent(Tx& tx, const std::string& application_number, const LegalEvent& e) {
  IPA_TRY(id, FindPatentId(tx, application_number));
  IPA_TRY(pos, tx.QueryOne(kNextEventPosition, {id.value}));
  IPA_CHECK(tx.Exec(kInsertEvent,
                    {id.value, pos.Int(0), std::string(core::EventKindName(e.kind)), int64_t{e.date.days},
                     int64_t{e.patent_year}, int64_t{e.days}, e.from, e.to,
                     e.licence_type ? std::string(core::LicenceTypeName(*e.licence_type)) : "",
                     e.licensee, DateValue(e.term_start), DateValue(e.term_end), e.territory, e.note}));
  IPA_CHECK(tx.Exec("UPDATE patents SET version = version + 1, updated_at = $1 WHERE id = $2",
                    {core::NowMs(), id.value}));
  return AppendChange(tx, "patent", std::to_string(id.value), "update");
}

Result<std::vector<std::pair<PatentId, Patent>>> ListPatents(Tx& tx, const PatentFilter& f,
                                                             int64_t after_id, int limit) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM patents WHERE id > $1";
  std::vector<Value> params = {after_id};
  auto add = [&](std::string_view clause, Value v) {
    params.push_back(std::move(v));
    sql += " AND " + std::string(clause) + "$" + std::to_string(params.size());
  };
  if (f.type) add("type = ", std::string(core::PatentTypeName(*f.type)));
  if (!f.region_prefix.empty()) {
    params.push_back(LikeEscape(f.region_prefix) + "%");
    sql += " AND region_code LIKE $" + std::to_string(params.size()) + " ESCAPE '\\'";
  }
  if (!f.ipc_prefix.empty()) {
    // ipc holds one code per line; match a line start.
    params.push_back(LikeEscape(f.ipc_prefix) + "%");
    params.push_back("%\n" + LikeEscape(f.ipc_prefix) + "%");
    sql += " AND (ipc LIKE $" + std::to_string(params.size() - 1) + " ESCAPE '\\' OR ipc LIKE $" +
           std::to_string(params.size()) + " ESCAPE '\\')";
  }
  if (!f.applicant_contains.empty()) {
    params.push_back("%" + LikeEscape(f.applicant_contains) + "%");
    sql += " AND applicants LIKE $" + std::to_string(params.size()) + " ESCAPE '\\'";
  }
  if (f.applicant_org) {
    add("id IN (SELECT patent_id FROM patent_applicants WHERE org_id = ", f.applicant_org->value);
    sql += ")";
  }
  if (f.filed_from) add("filing_date >= ", int64_t{f.filed_from->days});
  if (f.filed_to) add("filing_date <= ", int64_t{f.filed_to->days});
  params.push_back(int64_t{limit});
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  IPA_TRY(rows, tx.Query(sql, params));
  std::vector<std::pair<PatentId, Patent>> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    PatentId id{r.Int(0)};
    Patent p = FromRow(r);
    IPA_CHECK(LoadChildren(tx, id, p));
    out.emplace_back(id, std::move(p));
  }
  return out;
}

Result<int64_t> CountPatents(Tx& tx) {
  IPA_TRY(row, tx.QueryOne("SELECT COUNT(*) FROM patents"));
  return row.Int(0);
}

}  // namespace ipa::store
