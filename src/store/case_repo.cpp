#include "store/case_repo.hpp"

#include "core/text.hpp"
#include "core/time.hpp"
#include "core/tsv.hpp"

namespace ipa::store {
namespace {

using core::EnforcementCase;

constexpr std::string_view kColumns =
    "id, number, type, status, owner_office, registered_office, complainant_org_id, "
    "complainant_name, complainant_credit_code, complainant_key, respondent_org_id, "
    "respondent_name, respondent_credit_code, respondent_key, description, places, "
    "registered_on, accepted_on, resolved_on, period_from, period_to, version, created_at, "
    "updated_at";

constexpr std::string_view kBumpSerial =
    "INSERT INTO case_serials (office, year, last_serial) VALUES ($1, $2, 1) "
    "ON CONFLICT (office, year) DO UPDATE SET last_serial = case_serials.last_serial + 1 "
    "RETURNING last_serial";

constexpr std::string_view kInsert =
    "INSERT INTO cases (number, type, status, owner_office, registered_office, "
    "complainant_org_id, complainant_name, complainant_credit_code, complainant_key, "
    "respondent_org_id, respondent_name, respondent_credit_code, respondent_key, description, "
    "places, registered_on, accepted_on, resolved_on, period_from, period_to, search_text, "
    "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
    "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 1, $22, $22) RETURNING id";

constexpr std::string_view kUpdate =
    "UPDATE cases SET type = $1, status = $2, complainant_org_id = $3, complainant_name = $4, "
    "complainant_credit_code = $5, complainant_key = $6, respondent_org_id = $7, "
    "respondent_name = $8, respondent_credit_code = $9, respondent_key = $10, description = $11, "
    "places = $12, accepted_on = $13, resolved_on = $14, period_from = $15, period_to = $16, "
    "search_text = $17, version = version + 1, updated_at = $18 "
    "WHERE id = $19 AND version = $20 AND owner_office = $21";

constexpr std::string_view kChangeOwner =
    "UPDATE cases SET owner_office = $1, version = version + 1, updated_at = $2 "
    "WHERE id = $3 AND owner_office = $4 AND version = $5";

constexpr std::string_view kSelectVersion = "SELECT version FROM cases WHERE id = $1";
constexpr std::string_view kDeletePatents = "DELETE FROM case_patents WHERE case_id = $1";
constexpr std::string_view kInsertPatent =
    "INSERT INTO case_patents (case_id, application_number) VALUES ($1, $2)";
constexpr std::string_view kSelectPatents =
    "SELECT application_number FROM case_patents WHERE case_id = $1 ORDER BY application_number";
constexpr std::string_view kDeleteAssignees = "DELETE FROM case_assignees WHERE case_id = $1";
constexpr std::string_view kInsertAssignee =
    "INSERT INTO case_assignees (case_id, user_id) VALUES ($1, $2)";
constexpr std::string_view kSelectAssignees =
    "SELECT user_id FROM case_assignees WHERE case_id = $1 ORDER BY user_id";
constexpr std::string_view kSelectByNumber = "SELECT id FROM cases WHERE number = $1";

Value OptOrg(const std::optional<core::OrgId>& id) { return id ? Value(id->value) : Value(nullptr); }
Value OptDate(const std::optional<core::Date>& d) { return d ? Value(int64_t{d->days}) : Value(nullptr); }
std::optional<core::Date> DateCol(const Row& r, size_t i) {
  auto v = r.OptInt(i);
  return v ? std::optional(core::Date{static_cast<int32_t>(*v)}) : std::nullopt;
}

std::string EncodePlaces(const std::vector<core::CasePlace>& places) {
  std::string out;
  for (const auto& p : places) {
    std::string address = p.address;
    for (char& ch : address) {
      if (ch == '\n' || ch == '\t') ch = ' ';
    }
    out += p.region_code + "\t" + address + "\n";
  }
  return out;
}

std::vector<core::CasePlace> DecodePlaces(const std::string& text) {
  std::vector<core::CasePlace> out;
  for (std::string_view line : core::Split(text, '\n')) {
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    out.push_back({std::string(line.substr(0, tab)),
                   tab == std::string_view::npos ? std::string() : std::string(line.substr(tab + 1))});
  }
  return out;
}

// Only what every office may see of any case (the summary's number and respondent, and the
// respondent's credit code that related-case matching shares), so a search cannot probe the
// hidden fields of another office's case.
std::string SearchText(const EnforcementCase& c) {
  return core::SearchKey(c.number + "\n" + c.respondent.name + "\n" + c.respondent.credit_code);
}

core::CaseParty PartyFromRow(const Row& r, size_t first) {
  core::CaseParty p;
  if (auto id = r.OptInt(first)) p.org_id = core::OrgId{*id};
  p.name = r.Text(first + 1);
  p.credit_code = r.Text(first + 2);
  p.name_key = r.Text(first + 3);
  return p;
}

EnforcementCase FromRow(const Row& r) {
  EnforcementCase c;
  c.id = CaseId{r.Int(0)};
  c.number = r.Text(1);
  c.type = core::ParseCaseType(r.Text(2)).value_or(core::CaseType::kOther);
  c.status = core::ParseCaseStatus(r.Text(3)).value_or(core::CaseStatus::kRegistered);
  c.owner = core::ParseOffice(r.Text(4)).value_or(core::Office::kBeijing);
  c.registered_by = core::ParseOffice(r.Text(5)).value_or(c.owner);
  c.complainant = PartyFromRow(r, 6);
  c.respondent = PartyFromRow(r, 10);
  c.description = r.Text(14);
  c.places = DecodePlaces(r.Text(15));
  c.registered_on = core::Date{static_cast<int32_t>(r.Int(16))};
  c.accepted_on = DateCol(r, 17);
  c.resolved_on = DateCol(r, 18);
  c.period_from = DateCol(r, 19);
  c.period_to = DateCol(r, 20);
  c.version = r.Int(21);
  c.created_at = r.Int(22);
  c.updated_at = r.Int(23);
  return c;
}

Status WriteChildren(Tx& tx, const EnforcementCase& c, CaseId id) {
  IPA_CHECK(tx.Exec(kDeletePatents, {id.value}));
  for (const auto& p : c.patents) IPA_CHECK(tx.Exec(kInsertPatent, {id.value, p}));
  IPA_CHECK(tx.Exec(kDeleteAssignees, {id.value}));
  for (const auto& u : c.assignees) IPA_CHECK(tx.Exec(kInsertAssignee, {id.value, u.value}));
  return {};
}

Status LoadChildren(Tx& tx, EnforcementCase& c) {
  IPA_TRY(patents, tx.Query(kSelectPatents, {c.id.value}));
  for (const Row& r : patents) c.patents.push_back(r.Text(0));
  IPA_TRY(users, tx.Query(kSelectAssignees, {c.id.value}));
  for (const Row& r : users) c.assignees.push_back(core::UserId{r.Int(0)});
  return {};
}

Result<std::vector<EnforcementCase>> LoadAll(Tx& tx, const std::vector<Row>& rows) {
  std::vector<EnforcementCase> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    out.push_back(FromRow(r));
    IPA_CHECK(LoadChildren(tx, out.back()));
  }
  return out;
}

std::string OfficeText(core::Office o) { return std::string(core::OfficeCode(o)); }

}  // namespace

Result<int64_t> NextCaseSerial(Tx& tx, core::Office office, int year) {
  IPA_TRY(row, tx.QueryOne(kBumpSerial, {OfficeText(office), int64_t{year}}));
  return row.Int(0);
}

Result<CaseId> InsertCase(Tx& tx, const EnforcementCase& c) {
  const int64_t now = core::NowMs();
  IPA_TRY(row, tx.QueryOne(kInsert, {c.number, std::string(core::CaseTypeName(c.type)),
                                     std::string(core::CaseStatusName(c.status)), OfficeText(c.owner),
                                     OfficeText(c.registered_by), OptOrg(c.complainant.org_id),
                                     c.complainant.name, c.complainant.credit_code, c.complainant.name_key,
                                     OptOrg(c.respondent.org_id), c.respondent.name,
                                     c.respondent.credit_code, c.respondent.name_key, c.description,
                                     EncodePlaces(c.places), int64_t{c.registered_on.days},
                                     OptDate(c.accepted_on), OptDate(c.resolved_on),
                                     OptDate(c.period_from), OptDate(c.period_to), SearchText(c), now}));
  const CaseId id{row.Int(0)};
  IPA_CHECK(WriteChildren(tx, c, id));
  return id;
}

Status LockCase(Tx& tx, CaseId id) {
  if (tx.dialect() != Dialect::kPostgres) return {};
  IPA_CHECK(tx.Query("SELECT id FROM cases WHERE id = $1 FOR UPDATE", {id.value}));
  return {};
}

Result<EnforcementCase> GetCase(Tx& tx, CaseId id) {
  auto row = tx.QueryOne("SELECT " + std::string(kColumns) + " FROM cases WHERE id = $1", {id.value});
  if (!row) {
    if (row.error().code == core::ErrorCode::kNotFound) {
      return core::Fail(core::ErrorCode::kNotFound, "case " + std::to_string(id.value) + " not found");
    }
    return std::unexpected(row.error());
  }
  EnforcementCase c = FromRow(*row);
  IPA_CHECK(LoadChildren(tx, c));
  return c;
}

Result<CaseId> FindCaseByNumber(Tx& tx, const std::string& number) {
  auto row = tx.QueryOne(kSelectByNumber, {number});
  if (!row) {
    if (row.error().code == core::ErrorCode::kNotFound) {
      return core::Fail(core::ErrorCode::kNotFound, "case " + number + " not found");
    }
    return std::unexpected(row.error());
  }
  return CaseId{row->Int(0)};
}

Result<int64_t> UpdateCase(Tx& tx, const EnforcementCase& c) {
  IPA_TRY(changed, tx.Exec(kUpdate, {std::string(core::CaseTypeName(c.type)),
                                     std::string(core::CaseStatusName(c.status)),
                                     OptOrg(c.complainant.org_id), c.complainant.name,
                                     c.complainant.credit_code, c.complainant.name_key,
                                     OptOrg(c.respondent.org_id), c.respondent.name,
                                     c.respondent.credit_code, c.respondent.name_key, c.description,
                                     EncodePlaces(c.places), OptDate(c.accepted_on),
                                     OptDate(c.resolved_on), OptDate(c.period_from),
                                     OptDate(c.period_to), SearchText(c), core::NowMs(), c.id.value,
                                     c.version, OfficeText(c.owner)}));
  if (changed == 0) {
    return core::Fail(core::ErrorCode::kPreconditionFailed,
                      "case " + c.number + " was changed meanwhile (version " +
                          std::to_string(c.version) + " is stale); reload and retry");
  }
  IPA_CHECK(WriteChildren(tx, c, c.id));
  IPA_TRY(row, tx.QueryOne(kSelectVersion, {c.id.value}));
  return row.Int(0);
}

Result<int64_t> ChangeCaseOwner(Tx& tx, CaseId id, core::Office from, core::Office to, int64_t version) {
  IPA_TRY(changed, tx.Exec(kChangeOwner, {OfficeText(to), core::NowMs(), id.value, OfficeText(from), version}));
  if (changed == 0) {
    return core::Fail(core::ErrorCode::kConflict,
                      "the case's owner or version changed meanwhile; reload and retry");
  }
  return version + 1;
}

Result<std::vector<EnforcementCase>> ListCases(Tx& tx, const CaseFilter& f, int64_t after_id, int limit) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM cases WHERE id > $1";
  std::vector<Value> params{after_id};
  auto add = [&](const std::string& clause, Value v) {
    params.push_back(std::move(v));
    std::string c = clause;
    const size_t pos = c.find('?');
    c.replace(pos, 1, "$" + std::to_string(params.size()));
    sql += " AND " + c;
  };
  if (f.owner) add("owner_office = ?", OfficeText(*f.owner));
  if (f.status) add("status = ?", std::string(core::CaseStatusName(*f.status)));
  if (f.type) add("type = ?", std::string(core::CaseTypeName(*f.type)));
  if (f.party_org) {
    params.push_back(f.party_org->value);
    const std::string n = "$" + std::to_string(params.size());
    sql += " AND (complainant_org_id = " + n + " OR respondent_org_id = " + n + ")";
  }
  if (!f.respondent.empty()) {
    params.push_back(f.respondent);
    const std::string code = "$" + std::to_string(params.size());
    params.push_back("%" + LikeEscape(f.respondent) + "%");
    const std::string like = "$" + std::to_string(params.size());
    sql += " AND (respondent_credit_code = " + code + " OR respondent_key LIKE " + like + " ESCAPE '\\')";
  }
  if (!f.query.empty()) add("search_text LIKE ? ESCAPE '\\'", "%" + LikeEscape(f.query) + "%");
  params.push_back(int64_t{limit});
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  IPA_TRY(rows, tx.Query(sql, std::span<const Value>(params)));
  return LoadAll(tx, rows);
}

Result<std::vector<EnforcementCase>> FindRelatedCandidates(Tx& tx, const EnforcementCase& c, int limit) {
  std::string sql = "SELECT " + std::string(kColumns) +
                    " FROM cases WHERE id <> $1 AND owner_office <> $2 AND (respondent_key = $3";
  std::vector<Value> params{c.id.value, OfficeText(c.owner), c.respondent.name_key};
  if (!c.respondent.credit_code.empty()) {
    params.push_back(c.respondent.credit_code);
    sql += " OR respondent_credit_code = $" + std::to_string(params.size());
  }
  for (const auto& p : c.patents) {
    params.push_back(p);
    sql += " OR id IN (SELECT case_id FROM case_patents WHERE application_number = $" +
           std::to_string(params.size()) + ")";
  }
  params.push_back(int64_t{limit});
  sql += ") ORDER BY id LIMIT $" + std::to_string(params.size());
  IPA_TRY(rows, tx.Query(sql, std::span<const Value>(params)));
  return LoadAll(tx, rows);
}

}  // namespace ipa::store
