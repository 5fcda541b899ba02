#include "store/org_repo.hpp"

#include "core/time.hpp"
#include "core/tsv.hpp"

namespace ipa::store {
namespace {

using core::Organization;

constexpr std::string_view kColumns =
    "id, name_zh, name_en, aliases, type, credit_code, region_code, address, industry, "
    "joined_on, founding, member_status, contact_name, contact_phone, contact_email, "
    "office_code, version, created_at, updated_at";

constexpr std::string_view kInsert =
    "INSERT INTO organizations (name_zh, name_en, aliases, type, credit_code, region_code, "
    "address, industry, joined_on, founding, member_status, contact_name, contact_phone, "
    "contact_email, office_code, search_text, version, created_at, updated_at) VALUES ($1, $2, "
    "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1, $17, $17) RETURNING id";

constexpr std::string_view kUpdate =
    "UPDATE organizations SET name_zh = $1, name_en = $2, aliases = $3, type = $4, "
    "credit_code = $5, region_code = $6, address = $7, industry = $8, joined_on = $9, "
    "founding = $10, member_status = $11, contact_name = $12, contact_phone = $13, "
    "contact_email = $14, search_text = $15, version = version + 1, updated_at = $16 "
    "WHERE id = $17 AND version = $18";

std::string JoinAliases(const std::vector<std::string>& aliases) {
  std::string out;
  for (const auto& a : aliases) {
    if (!out.empty()) out.push_back('\n');
    out += a;
  }
  return out;
}

Value NullIfEmpty(const std::string& s) { return s.empty() ? Value(nullptr) : Value(s); }

Organization FromRow(const Row& r) {
  Organization o;
  o.id = core::OrgId{r.Int(0)};
  o.name_zh = r.Text(1);
  o.name_en = r.Text(2);
  if (!r.Text(3).empty()) {
    for (auto a : core::Split(r.Text(3), '\n')) o.aliases.emplace_back(a);
  }
  o.type = core::ParseOrgType(r.Text(4)).value_or(core::OrgType::kOther);
  o.credit_code = r.Text(5);
  o.region_code = r.Text(6);
  o.address = r.Text(7);
  o.industry = r.Text(8);
  o.membership.joined_on = r.Text(9);
  o.membership.founding = r.Bool(10);
  o.membership.status = core::ParseMemberStatus(r.Text(11)).value_or(core::MemberStatus::kNone);
  o.contact = {r.Text(12), r.Text(13), r.Text(14)};
  if (!r.IsNull(15)) o.office_code = core::ParseOffice(r.Text(15));
  o.version = r.Int(16);
  o.created_at = r.Int(17);
  o.updated_at = r.Int(18);
  return o;
}

}  // namespace

Result<core::OrgId> InsertOrg(Tx& tx, const Organization& o) {
  const Value office = o.office_code ? Value(std::string(core::OfficeCode(*o.office_code)))
                                     : Value(nullptr);
  IPA_TRY(row, tx.QueryOne(kInsert, {o.name_zh, o.name_en, JoinAliases(o.aliases),
                                     std::string(core::OrgTypeName(o.type)),
                                     NullIfEmpty(o.credit_code), o.region_code, o.address,
                                     o.industry, NullIfEmpty(o.membership.joined_on),
                                     int64_t{o.membership.founding},
                                     std::string(core::MemberStatusName(o.membership.status)),
                                     o.contact.name, o.contact.phone, o.contact.email, office,
                                     core::OrgSearchText(o), core::NowMs()}));
  return core::OrgId{row.Int(0)};
}

Result<Organization> GetOrg(Tx& tx, core::OrgId id) {
  auto row = tx.QueryOne("SELECT " + std::string(kColumns) + " FROM organizations WHERE id = $1",
                         {id.value});
  if (!row) {
    if (row.error().code == core::ErrorCode::kNotFound) {
      return core::Fail(core::ErrorCode::kNotFound,
                        "organization " + std::to_string(id.value) + " not found");
    }
    return std::unexpected(row.error());
  }
  return FromRow(*row);
}

Result<Organization> GetOfficeOrg(Tx& tx, core::Office office) {
  IPA_TRY(row, tx.QueryOne("SELECT " + std::string(kColumns) +
                               " FROM organizations WHERE office_code = $1",
                           {std::string(core::OfficeCode(office))}));
  return FromRow(row);
}

Result<int64_t> UpdateOrg(Tx& tx, const Organization& o) {
  IPA_TRY(n, tx.Exec(kUpdate, {o.name_zh, o.name_en, JoinAliases(o.aliases),
                               std::string(core::OrgTypeName(o.type)), NullIfEmpty(o.credit_code),
                               o.region_code, o.address, o.industry,
                               NullIfEmpty(o.membership.joined_on), int64_t{o.membership.founding},
                               std::string(core::MemberStatusName(o.membership.status)),
                               o.contact.name, o.contact.phone, o.contact.email,
                               core::OrgSearchText(o), core::NowMs(), o.id.value, o.version}));
  if (n == 0) {
    IPA_TRY(current, GetOrg(tx, o.id));
    return core::Fail(core::ErrorCode::kPreconditionFailed,
                      "organization " + std::to_string(o.id.value) + " is at version " +
                          std::to_string(current.version) + ", not " + std::to_string(o.version));
  }
  return o.version + 1;
}

Result<std::vector<Organization>> ListOrgs(Tx& tx, const OrgFilter& f, int64_t after_id,
                                           int limit) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM organizations WHERE id > $1";
  std::vector<Value> params = {after_id};
  auto add = [&](std::string_view clause, Value v) {
    params.push_back(std::move(v));
    sql += " AND ";
    sql += clause;
    sql += "$" + std::to_string(params.size());
  };
  if (!f.query.empty()) {
    params.push_back("%" + LikeEscape(f.query) + "%");
    sql += " AND search_text LIKE $" + std::to_string(params.size()) + " ESCAPE '\\'";
  }
  if (f.type) add("type = ", std::string(core::OrgTypeName(*f.type)));
  if (!f.region_prefix.empty()) {
    params.push_back(LikeEscape(f.region_prefix) + "%");
    sql += " AND region_code LIKE $" + std::to_string(params.size()) + " ESCAPE '\\'";
  }
  if (f.status) add("member_status = ", std::string(core::MemberStatusName(*f.status)));
  if (f.founding) add("founding = ", int64_t{*f.founding});
  if (!f.industry.empty()) add("industry = ", f.industry);
  params.push_back(int64_t{limit});
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  IPA_TRY(rows, tx.Query(sql, params));
  std::vector<Organization> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<int64_t> CountOrgs(Tx& tx) {
  IPA_TRY(row, tx.QueryOne("SELECT COUNT(*) FROM organizations"));
  return row.Int(0);
}

}  // namespace ipa::store
