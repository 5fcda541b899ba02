#include "store/patent_repo.hpp"

#include <algorithm>
#include <charconv>

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
    "examination_request_date, source, source_status, events";

// Parameters $1..$28 (see PatentParams). A new row has version 1; an existing one is
// replaced and its version goes up, which tells the two apart in one statement.
constexpr std::string_view kUpsert =
    "INSERT INTO patents (application_number, publication_number, grant_number, type, title_zh, "
    "title_en, abstract_zh, abstract_en, first_claim, ipc, cpc, inventors, applicant_address, "
    "region_code, region_rule, agency, agents, priorities, pct, filing_date, publication_date, "
    "grant_date, examination_request_date, source, source_status, applicants, events, created_at, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
    "$17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $28) "
    "ON CONFLICT (application_number) DO UPDATE SET publication_number = excluded.publication_number, "
    "grant_number = excluded.grant_number, type = excluded.type, title_zh = excluded.title_zh, "
    "title_en = excluded.title_en, abstract_zh = excluded.abstract_zh, abstract_en = excluded.abstract_en, "
    "first_claim = excluded.first_claim, ipc = excluded.ipc, cpc = excluded.cpc, inventors = excluded.inventors, "
    "applicant_address = excluded.applicant_address, region_code = excluded.region_code, "
    "region_rule = excluded.region_rule, agency = excluded.agency, agents = excluded.agents, "
    "priorities = excluded.priorities, pct = excluded.pct, filing_date = excluded.filing_date, "
    "publication_date = excluded.publication_date, grant_date = excluded.grant_date, "
    "examination_request_date = excluded.examination_request_date, source = excluded.source, "
    "source_status = excluded.source_status, applicants = excluded.applicants, events = excluded.events, "
    "updated_at = excluded.updated_at, version = patents.version + 1 RETURNING id, version";
// SQLite: the same upsert in two statements without RETURNING, which SQLite implements with a
// temporary table per statement (a measurable share of a bulk import's writing thread).
constexpr std::string_view kInsertNew =
    "INSERT INTO patents (application_number, publication_number, grant_number, type, title_zh, "
    "title_en, abstract_zh, abstract_en, first_claim, ipc, cpc, inventors, applicant_address, "
    "region_code, region_rule, agency, agents, priorities, pct, filing_date, publication_date, "
    "grant_date, examination_request_date, source, source_status, applicants, events, created_at, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
    "$17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $28) "
    "ON CONFLICT (application_number) DO NOTHING";
constexpr std::string_view kLastInsertId = "SELECT last_insert_rowid()";
constexpr std::string_view kReplaceExisting =
    "UPDATE patents SET publication_number = $2, grant_number = $3, type = $4, title_zh = $5, "
    "title_en = $6, abstract_zh = $7, abstract_en = $8, first_claim = $9, ipc = $10, cpc = $11, "
    "inventors = $12, applicant_address = $13, region_code = $14, region_rule = $15, agency = $16, "
    "agents = $17, priorities = $18, pct = $19, filing_date = $20, publication_date = $21, "
    "grant_date = $22, examination_request_date = $23, source = $24, source_status = $25, "
    "applicants = $26, events = $27, updated_at = $28, version = version + 1 "
    "WHERE application_number = $1";
constexpr std::string_view kFindId = "SELECT id FROM patents WHERE application_number = $1";
constexpr std::string_view kDeleteApplicants = "DELETE FROM patent_applicants WHERE patent_id = $1";
constexpr std::string_view kInsertApplicant =
    "INSERT INTO patent_applicants (patent_id, position, name, org_id) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kSelectApplicants =
    "SELECT name, org_id FROM patent_applicants WHERE patent_id = $1 ORDER BY position";
constexpr std::string_view kSelectEvents = "SELECT id, events FROM patents WHERE application_number = $1";
constexpr std::string_view kUpdateEvents =
    "UPDATE patents SET events = $1, version = version + 1, updated_at = $2 WHERE id = $3";

// Appends `s` with the stored separators turned into spaces: line breaks, and tabs too when
// `tabs` (the field separator of events, priorities and PCT data).
void AppendClean(std::string& out, std::string_view s, bool tabs) {
  const size_t start = out.size();
  out.append(s);
  for (size_t i = start; i < out.size(); ++i) {
    char& c = out[i];
    if (c == '\n' || c == '\r' || (tabs && c == '\t')) c = ' ';
  }
}

// One line per item; line breaks inside an item become spaces.
std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out.push_back('\n');
    AppendClean(out, item, /*tabs=*/false);
  }
  return out;
}

// Appends the tab-separated fields of one stored line (an event, a priority claim, PCT data):
// text with its separators cleaned, integers, and dates as days since 1970-01-01 ("" when
// absent).
class TsvFields {
 public:
  explicit TsvFields(std::string& out) : out_(out) {}
  TsvFields& Text(std::string_view s) {
    Next();
    AppendClean(out_, s, /*tabs=*/true);
    return *this;
  }
  TsvFields& Int(int64_t v) {
    Next();
    char buf[24];
    out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    return *this;
  }
  TsvFields& Day(const std::optional<Date>& d) {
    if (!d) {
      Next();
      return *this;
    }
    return Int(d->days);
  }

 private:
  void Next() {
    if (!first_) out_.push_back('\t');
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

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
std::optional<Date> DateFromText(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return Date{std::stoi(std::string(s))};
}

std::string EncodePriorities(const std::vector<core::PriorityClaim>& claims) {
  std::string out;
  for (const auto& c : claims) {
    if (!out.empty()) out.push_back('\n');
    TsvFields(out).Text(c.country).Text(c.number).Day(c.date);
  }
  return out;
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
  std::string out;
  if (p) {
    TsvFields(out).Text(p->application_number).Day(p->filing_date).Text(p->publication_number)
        .Day(p->publication_date).Day(p->national_entry_date);
  }
  return out;
}

std::optional<core::PctData> DecodePct(const std::string& text) {
  auto f = core::Split(text, '\t');
  if (text.empty() || f.size() != 5) return std::nullopt;
  return core::PctData{std::string(f[0]), DateFromText(f[1]), std::string(f[2]), DateFromText(f[3]),
                       DateFromText(f[4])};
}

// One event per line, its fields separated by tabs (tabs and line breaks inside text become
// spaces): kind, date, patent_year, days, from, to, licence_type, licensee, term_start,
// term_end, territory, note.
std::string EncodeEvents(const std::vector<LegalEvent>& events) {
  std::string out;
  out.reserve(events.size() * 40);
  for (const LegalEvent& e : events) {
    if (!out.empty()) out.push_back('\n');
    TsvFields(out)
        .Text(core::EventKindName(e.kind))
        .Int(e.date.days)
        .Int(e.patent_year)
        .Int(e.days)
        .Text(e.from)
        .Text(e.to)
        .Text(e.licence_type ? core::LicenceTypeName(*e.licence_type) : "")
        .Text(e.licensee)
        .Day(e.term_start)
        .Day(e.term_end)
        .Text(e.territory)
        .Text(e.note);
  }
  return out;
}

std::vector<LegalEvent> DecodeEvents(const std::string& text) {
  std::vector<LegalEvent> out;
  for (const std::string& line : SplitLines(text)) {
    auto f = core::Split(line, '\t');
    if (f.size() != 12) continue;
    LegalEvent e;
    e.kind = core::ParseEventKind(f[0]).value_or(core::EventKind::kGrant);
    e.date = Date{std::stoi(std::string(f[1]))};
    e.patent_year = std::stoi(std::string(f[2]));
    e.days = std::stoi(std::string(f[3]));
    e.from = std::string(f[4]);
    e.to = std::string(f[5]);
    if (!f[6].empty()) e.licence_type = core::ParseLicenceType(f[6]);
    e.licensee = std::string(f[7]);
    e.term_start = DateFromText(f[8]);
    e.term_end = DateFromText(f[9]);
    e.territory = std::string(f[10]);
    e.note = std::string(f[11]);
    out.push_back(std::move(e));
  }
  return out;
}

// Text fields are borrowed from `p` and `c` (string_view), so both must outlive the statement.
std::vector<Value> PatentParams(const Patent& p, const PatentColumns& c) {
  using V = std::string_view;
  return {V(p.application_number), V(p.publication_number), V(p.grant_number),
          V(core::PatentTypeName(p.type)), V(p.title_zh), V(p.title_en), V(p.abstract_zh),
          V(p.abstract_en), V(p.first_claim), V(c.ipc), V(c.cpc), V(c.inventors),
          V(p.applicant_address), V(p.region_code), V(core::RegionRuleName(p.region_rule)),
          V(p.agency), V(c.agents), V(c.priorities), V(c.pct),
          DateValue(p.filing_date), DateValue(p.publication_date), DateValue(p.grant_date),
          DateValue(p.examination_request_date), V(p.source), V(p.source_status), V(c.applicants),
          V(c.events), core::NowMs()};
}

Status InsertApplicants(Tx& tx, PatentId id, const Patent& p) {
  for (size_t i = 0; i < p.applicants.size(); ++i) {
    const auto& a = p.applicants[i];
    IPA_CHECK(tx.Exec(kInsertApplicant, {id.value, static_cast<int64_t>(i), std::string_view(a.name),
                                         a.org_id ? Value(a.org_id->value) : Value(nullptr)}));
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
  p.events = DecodeEvents(r.Text(26));
  return p;
}

Status LoadApplicants(Tx& tx, PatentId id, Patent& p) {
  IPA_TRY(applicants, tx.Query(kSelectApplicants, {id.value}));
  for (const Row& r : applicants) {
    core::Applicant a{r.Text(0), std::nullopt};
    if (!r.IsNull(1)) a.org_id = core::OrgId{r.Int(1)};
    p.applicants.push_back(std::move(a));
  }
  return {};
}

}  // namespace

PatentColumns EncodePatentColumns(const Patent& p) {
  PatentColumns c;
  c.ipc = JoinLines(p.ipc);
  c.cpc = JoinLines(p.cpc);
  c.inventors = JoinLines(p.inventors);
  c.agents = JoinLines(p.agents);
  c.priorities = EncodePriorities(p.priorities);
  c.pct = EncodePct(p.pct);
  for (size_t i = 0; i < p.applicants.size(); ++i) {
    if (i > 0) c.applicants.push_back('\n');
    AppendClean(c.applicants, p.applicants[i].name, /*tabs=*/true);
  }
  c.events = EncodeEvents(p.events);
  return c;
}

static Result<UpsertOutcome> Upsert(Tx& tx, const Patent& p, const PatentColumns& columns) {
  const std::vector<Value> params = PatentParams(p, columns);
  if (tx.dialect() != Dialect::kSqlite) {
    IPA_TRY(rows, tx.Query(kUpsert, params));
    return UpsertOutcome{PatentId{rows.at(0).Int(0)}, rows.at(0).Int(1) == 1};
  }
  IPA_TRY(inserted, tx.Exec(kInsertNew, params));
  if (inserted == 1) {
    IPA_TRY(row, tx.QueryOne(kLastInsertId));
    return UpsertOutcome{PatentId{row.Int(0)}, true};
  }
  IPA_CHECK(tx.Exec(kReplaceExisting, params));
  IPA_TRY(id, FindPatentId(tx, p.application_number));
  return UpsertOutcome{id, false};
}

Result<UpsertOutcome> UpsertPatent(Tx& tx, const Patent& p, const PatentColumns& columns) {
  IPA_TRY(out, Upsert(tx, p, columns));
  if (!out.inserted) IPA_CHECK(tx.Exec(kDeleteApplicants, {out.id.value}));
  IPA_CHECK(InsertApplicants(tx, out.id, p));
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
  IPA_CHECK(LoadApplicants(tx, PatentId{rows[0].Int(0)}, p));
  return p;
}

Status AppendPatentEvent(Tx& tx, const std::string& application_number, const LegalEvent& e) {
  IPA_TRY(rows, tx.Query(kSelectEvents, {application_number}));
  if (rows.empty()) {
    return core::Fail(core::ErrorCode::kNotFound, "patent " + application_number + " not found");
  }
  std::vector<LegalEvent> events = DecodeEvents(rows[0].Text(1));
  events.push_back(e);
  core::SortEventsByDate(events);
  const PatentId id{rows[0].Int(0)};
  IPA_CHECK(tx.Exec(kUpdateEvents, {EncodeEvents(events), core::NowMs(), id.value}));
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
    IPA_CHECK(LoadApplicants(tx, id, p));
    out.emplace_back(id, std::move(p));
  }
  return out;
}

Result<std::vector<std::pair<PatentId, Patent>>> ScanPatents(Tx& tx, int64_t after_id, int limit) {
  static const std::string sql =
      "SELECT " + std::string(kColumns) + ", applicants FROM patents WHERE id > $1 ORDER BY id LIMIT $2";
  IPA_TRY(rows, tx.Query(sql, {after_id, int64_t{limit}}));
  std::vector<std::pair<PatentId, Patent>> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    Patent p = FromRow(r);
    for (auto& name : SplitLines(r.Text(27))) p.applicants.push_back({std::move(name), std::nullopt});
    out.emplace_back(PatentId{r.Int(0)}, std::move(p));
  }
  return out;
}

Result<int64_t> CountPatents(Tx& tx) {
  IPA_TRY(row, tx.QueryOne("SELECT COUNT(*) FROM patents"));
  return row.Int(0);
}

}  // namespace ipa::store
