#include "store/migrations.hpp"

#include "core/time.hpp"
#include "core/tsv.hpp"

namespace ipa::store {
namespace {

constexpr std::string_view kV1Foundation = R"SQL(
CREATE TABLE organizations (
  id {{PK}},
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  aliases TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL,
  credit_code TEXT UNIQUE,
  region_code TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  joined_on TEXT,
  founding INTEGER NOT NULL DEFAULT 0,
  member_status TEXT NOT NULL DEFAULT 'none',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  office_code TEXT UNIQUE,
  search_text TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
)
;
CREATE INDEX organizations_region ON organizations (region_code)
;
CREATE TABLE users (
  id {{PK}},
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id BIGINT REFERENCES organizations (id),
  office TEXT,
  password_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
)
;
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
)
;
CREATE INDEX sessions_user ON sessions (user_id)
;
CREATE TABLE api_tokens (
  id {{PK}},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
)
;
CREATE INDEX api_tokens_user ON api_tokens (user_id)
;
CREATE TABLE login_failures (
  id {{PK}},
  login TEXT NOT NULL,
  ip TEXT NOT NULL,
  at BIGINT NOT NULL
)
;
CREATE INDEX login_failures_login ON login_failures (login, at)
;
CREATE INDEX login_failures_ip ON login_failures (ip, at)
;
CREATE TABLE audit_log (
  id {{PK}},
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_login TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  request_id TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  office TEXT,
  detail TEXT NOT NULL DEFAULT ''
)
;
CREATE INDEX audit_log_office ON audit_log (office, id)
;
CREATE TABLE change_log (
  seq {{PK}},
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL,
  at BIGINT NOT NULL
)
;
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
)
)SQL";

constexpr std::string_view kV2Offices = R"SQL(
INSERT INTO organizations (name_zh, name_en, type, region_code, office_code, member_status,
  joined_on, founding, search_text, created_at, updated_at)
VALUES ('北京市知识产权局', 'Beijing Intellectual Property Office', 'office', '110000', 'BJ',
  'active', '2016-03-29', 1, '北京市知识产权局' || chr(10) || 'beijing intellectual property office', {{NOW_MS}}, {{NOW_MS}})
;
INSERT INTO organizations (name_zh, name_en, type, region_code, office_code, member_status,
  joined_on, founding, search_text, created_at, updated_at)
VALUES ('天津市知识产权局', 'Tianjin Intellectual Property Office', 'office', '120000', 'TJ',
  'active', '2016-03-29', 1, '天津市知识产权局' || chr(10) || 'tianjin intellectual property office', {{NOW_MS}}, {{NOW_MS}})
;
INSERT INTO organizations (name_zh, name_en, type, region_code, office_code, member_status,
  joined_on, founding, search_text, created_at, updated_at)
VALUES ('河北省知识产权局', 'Hebei Intellectual Property Office', 'office', '130000', 'HE',
  'active', '2016-03-29', 1, '河北省知识产权局' || chr(10) || 'hebei intellectual property office', {{NOW_MS}}, {{NOW_MS}})
)SQL";

constexpr std::string_view kV3Patents = R"SQL(
CREATE TABLE patents (
  id {{PK}},
  application_number TEXT NOT NULL UNIQUE,
  publication_number TEXT NOT NULL DEFAULT '',
  grant_number TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL,
  title_zh TEXT NOT NULL DEFAULT '',
  title_en TEXT NOT NULL DEFAULT '',
  abstract_zh TEXT NOT NULL DEFAULT '',
  abstract_en TEXT NOT NULL DEFAULT '',
  first_claim TEXT NOT NULL DEFAULT '',
  ipc TEXT NOT NULL DEFAULT '',
  cpc TEXT NOT NULL DEFAULT '',
  applicants TEXT NOT NULL DEFAULT '',
  inventors TEXT NOT NULL DEFAULT '',
  applicant_address TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL DEFAULT '',
  region_rule TEXT NOT NULL DEFAULT 'none',
  agency TEXT NOT NULL DEFAULT '',
  agents TEXT NOT NULL DEFAULT '',
  priorities TEXT NOT NULL DEFAULT '',
  pct TEXT NOT NULL DEFAULT '',
  filing_date INTEGER,
  publication_date INTEGER,
  grant_date INTEGER,
  examination_request_date INTEGER,
  source TEXT NOT NULL DEFAULT '',
  source_status TEXT NOT NULL DEFAULT '',
  events TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
)
;
CREATE INDEX patents_publication ON patents (publication_number)
;
CREATE TABLE patent_applicants (
  patent_id BIGINT NOT NULL REFERENCES patents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  org_id BIGINT REFERENCES organizations (id),
  PRIMARY KEY (patent_id, position)
)
;
CREATE INDEX patent_applicants_org ON patent_applicants (org_id)
)SQL";

// Official aggregate patent tables (one row per region and year) imported from statistics
// yearbooks: see docs/statistics.md. GDP and population are the table's own figures, if any.
constexpr std::string_view kV6OfficialStatistics = R"SQL(
CREATE TABLE official_statistics (
  region_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  applications BIGINT,
  grants BIGINT,
  valid_patents BIGINT,
  valid_inventions BIGINT,
  gdp_100m_yuan DOUBLE PRECISION,
  population_10k DOUBLE PRECISION,
  source TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (region_code, year)
)
;
CREATE INDEX official_statistics_year ON official_statistics (year)
)SQL";

// Coordinated enforcement (issue 5): cases, cooperation between offices, transfers, the case
// event outbox for the evidence log, joint operations.
constexpr std::string_view kV5Cases = R"SQL(
CREATE TABLE case_serials (
  office TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_serial BIGINT NOT NULL,
  PRIMARY KEY (office, year)
)
;
CREATE TABLE case_office_settings (
  office TEXT PRIMARY KEY,
  accept_days INTEGER NOT NULL,
  resolve_days INTEGER NOT NULL
)
;
INSERT INTO case_office_settings (office, accept_days, resolve_days) VALUES ('BJ', 7, 90)
;
INSERT INTO case_office_settings (office, accept_days, resolve_days) VALUES ('TJ', 7, 90)
;
INSERT INTO case_office_settings (office, accept_days, resolve_days) VALUES ('HE', 7, 90)
;
CREATE TABLE cases (
  id {{PK}},
  number TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  owner_office TEXT NOT NULL,
  registered_office TEXT NOT NULL,
  complainant_org_id BIGINT REFERENCES organizations (id),
  complainant_name TEXT NOT NULL,
  complainant_credit_code TEXT NOT NULL DEFAULT '',
  complainant_key TEXT NOT NULL,
  respondent_org_id BIGINT REFERENCES organizations (id),
  respondent_name TEXT NOT NULL,
  respondent_credit_code TEXT NOT NULL DEFAULT '',
  respondent_key TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  places TEXT NOT NULL DEFAULT '',
  registered_on INTEGER NOT NULL,
  accepted_on INTEGER,
  resolved_on INTEGER,
  period_from INTEGER,
  period_to INTEGER,
  search_text TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
)
;
CREATE INDEX cases_owner ON cases (owner_office, id)
;
CREATE INDEX cases_respondent_key ON cases (respondent_key)
;
CREATE INDEX cases_respondent_code ON cases (respondent_credit_code)
;
CREATE TABLE case_patents (
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  application_number TEXT NOT NULL,
  PRIMARY KEY (case_id, application_number)
)
;
CREATE INDEX case_patents_number ON case_patents (application_number)
;
CREATE TABLE case_assignees (
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (case_id, user_id)
)
;
CREATE TABLE case_history (
  id {{PK}},
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_login TEXT NOT NULL DEFAULT '',
  office TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
)
;
CREATE INDEX case_history_case ON case_history (case_id, id)
;
CREATE TABLE case_access (
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  office TEXT NOT NULL,
  reason TEXT NOT NULL,
  granted_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, office)
)
;
CREATE TABLE case_links (
  case_a BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  case_b BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  office TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  PRIMARY KEY (case_a, case_b),
  CHECK (case_a < case_b)
)
;
CREATE TABLE case_join_requests (
  id {{PK}},
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  office TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  requested_by BIGINT,
  requested_at BIGINT NOT NULL,
  decided_by BIGINT,
  decided_at BIGINT
)
;
CREATE UNIQUE INDEX case_join_pending ON case_join_requests (case_id, office) WHERE status = 'requested'
;
CREATE TABLE case_transfers (
  id {{PK}},
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  from_office TEXT NOT NULL,
  to_office TEXT NOT NULL,
  reason TEXT NOT NULL,
  reason_text TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  requested_by BIGINT,
  requested_at BIGINT NOT NULL,
  decided_by BIGINT,
  decided_at BIGINT,
  decision_note TEXT NOT NULL DEFAULT ''
)
;
CREATE UNIQUE INDEX case_transfers_pending ON case_transfers (case_id) WHERE status = 'requested'
;
CREATE TABLE case_events (
  id {{PK}},
  case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  event TEXT NOT NULL,
  leaf TEXT NOT NULL,
  leaf_index BIGINT UNIQUE,
  created_at BIGINT NOT NULL
)
;
CREATE INDEX case_events_unlogged ON case_events (id) WHERE leaf_index IS NULL
;
CREATE TABLE joint_operations (
  id {{PK}},
  title TEXT NOT NULL,
  lead_office TEXT NOT NULL,
  participants TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  start_date INTEGER NOT NULL,
  end_date INTEGER NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
)
;
CREATE TABLE joint_op_targets (
  op_id BIGINT NOT NULL REFERENCES joint_operations (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (op_id, position)
)
;
CREATE TABLE joint_op_tasks (
  id {{PK}},
  op_id BIGINT NOT NULL REFERENCES joint_operations (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  office TEXT NOT NULL,
  assignee_id BIGINT REFERENCES users (id),
  due_date INTEGER,
  status TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
)
;
CREATE TABLE joint_op_outcomes (
  id {{PK}},
  op_id BIGINT NOT NULL REFERENCES joint_operations (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  office TEXT NOT NULL,
  on_date INTEGER NOT NULL,
  quantity BIGINT NOT NULL DEFAULT 1,
  case_id BIGINT REFERENCES cases (id),
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
)
)SQL";

// Bulk imports write one applicant row per name: SQLite keeps the table as one B-tree keyed by
// (patent_id, position) instead of a rowid table plus a primary-key index, and only names
// linked to an organisation (a minority) are indexed by org_id. The index on publication
// numbers goes: no query used it (numbers are found through the search index), and each
// patent's insert into it dirtied a random page of it in every import transaction.
constexpr std::string_view kV9CompactApplicants = R"SQL(
CREATE TABLE patent_applicants_v9 (
  patent_id BIGINT NOT NULL REFERENCES patents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  org_id BIGINT REFERENCES organizations (id),
  PRIMARY KEY (patent_id, position)
){{WITHOUT_ROWID}}
;
INSERT INTO patent_applicants_v9 (patent_id, position, name, org_id)
SELECT patent_id, position, name, org_id FROM patent_applicants
;
DROP TABLE patent_applicants
;
ALTER TABLE patent_applicants_v9 RENAME TO patent_applicants
;
CREATE INDEX patent_applicants_org ON patent_applicants (org_id) WHERE org_id IS NOT NULL
;
DROP INDEX IF EXISTS patents_publication
)SQL";

// Each dialect's spelling of the templates' placeholders.
struct Spelling {
  std::string_view placeholder, sqlite, postgres;
};
constexpr Spelling kSpellings[] = {
    {"{{PK}}", "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
    {"{{NOW_MS}}", "CAST(strftime('%s', 'now') AS INTEGER) * 1000", "CAST(extract(epoch FROM now()) * 1000 AS BIGINT)"},
    {"{{WITHOUT_ROWID}}", " WITHOUT ROWID", ""},
    {"chr(", "char(", "chr("},  // SQLite spells chr() as char()
};

std::string Expand(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  for (const Spelling& s : kSpellings) {
    const std::string_view with = dialect == Dialect::kSqlite ? s.sqlite : s.postgres;
    for (size_t pos = 0; (pos = out.find(s.placeholder, pos)) != std::string::npos; pos += with.size()) {
      out.replace(pos, s.placeholder.size(), with);
    }
  }
  return out;
}

std::vector<std::string> Statements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  for (std::string_view line : core::Split(sql, '\n')) {
    if (line == ";") {
      out.push_back(std::move(current));
      current.clear();
      continue;
    }
    current.append(line).push_back('\n');
  }
  if (current.find_first_not_of(" \n") != std::string::npos) out.push_back(std::move(current));
  return out;
}

// Saved searches (issue 4): a user's named queries in the search language, run again on demand.
constexpr std::string_view kV7SavedSearches = R"sql(
CREATE TABLE saved_searches (
  id {{PK}},
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  sort TEXT NOT NULL DEFAULT 'relevance',
  created_at BIGINT NOT NULL,
  UNIQUE (user_id, name)
)
)sql";
// Evidence items (docs/evidence-log-format.md, "Evidence storage"): one row per uploaded file
// with its capture record and canonical leaf, custody steps, and an index to find a leaf by its
// hash (the outbox drains reuse a leaf already appended before a crash).
constexpr std::string_view kV8EvidenceItems = R"sql(
CREATE TABLE evidence_items (
  id {{PK}},
  case_id BIGINT NOT NULL REFERENCES cases (id),
  serial BIGINT NOT NULL,
  evidence_id TEXT NOT NULL UNIQUE,
  office TEXT NOT NULL,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  captured_by TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL DEFAULT '',
  tool TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  leaf TEXT NOT NULL,
  leaf_index BIGINT UNIQUE,
  created_at BIGINT NOT NULL,
  UNIQUE (case_id, serial)
)
;
CREATE TABLE evidence_custody (
  id {{PK}},
  item_id BIGINT NOT NULL REFERENCES evidence_items (id),
  step TEXT NOT NULL,
  office TEXT NOT NULL,
  performed_by TEXT NOT NULL,
  performed_at TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  leaf TEXT NOT NULL,
  leaf_index BIGINT UNIQUE,
  created_at BIGINT NOT NULL
)
;
CREATE INDEX evidence_custody_item ON evidence_custody (item_id, id)
;
CREATE INDEX evidence_leaves_hash ON evidence_leaves (leaf_hash)
)sql";
// The evidence log (docs/evidence-log-format.md, "Storage"): one row per leaf, in index order,
// and one row per published (fully co-signed) checkpoint.
constexpr std::string_view kV4EvidenceLog = R"SQL(
CREATE TABLE evidence_leaves (
  leaf_index BIGINT PRIMARY KEY,
  leaf TEXT NOT NULL,
  leaf_hash TEXT NOT NULL,
  recorded_at BIGINT NOT NULL
)
;
CREATE TABLE evidence_checkpoints (
  tree_size BIGINT PRIMARY KEY,
  root TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at BIGINT NOT NULL
)
)SQL";

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
    "NULL, applied_at BIGINT NOT NULL)";
constexpr std::string_view kSelectVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr std::string_view kInsertVersion =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";

}  // namespace

const std::vector<Migration>& AllMigrations() {
  static const std::vector<Migration> migrations = {
      {1, "foundation", kV1Foundation},
      {2, "offices", kV2Offices},
      {3, "patents", kV3Patents},
      {4, "evidence_log", kV4EvidenceLog},
      {5, "cases", kV5Cases},
      {6, "official_statistics", kV6OfficialStatistics},
      {7, "saved_searches", kV7SavedSearches},
      {8, "evidence_items", kV8EvidenceItems},
      {9, "compact_applicants", kV9CompactApplicants},
  };
  return migrations;
}

int LatestSchemaVersion() { return AllMigrations().back().version; }

Result<int> CurrentSchemaVersion(Database& db) {
  return WriteValue<int>(db, [](Tx& tx) -> Result<int> {
    IPA_CHECK(tx.Exec(kCreateMigrationsTable));
    IPA_TRY(row, tx.QueryOne(kSelectVersion));
    return static_cast<int>(row.Int(0));
  });
}

Result<std::vector<int>> Migrate(Database& db) {
  std::vector<int> applied;
  IPA_TRY(current, CurrentSchemaVersion(db));
  if (current > LatestSchemaVersion()) {
    return core::Fail(core::ErrorCode::kConflict,
                      "the database has schema version " + std::to_string(current) +
                          " but this binary knows only up to " +
                          std::to_string(LatestSchemaVersion()) + "; refusing to run");
  }
  for (const Migration& m : AllMigrations()) {
    IPA_CHECK(db.Write([&](Tx& tx) -> Status {
      if (tx.dialect() == Dialect::kPostgres) {
        IPA_CHECK(tx.Query("SELECT pg_advisory_xact_lock(727001)"));
      }
      // Re-read inside the transaction: another process may have migrated meanwhile. Each
      // migration is looked up by its number, so one added below the highest applied (a
      // branch merged later) still runs.
      IPA_TRY(row, tx.QueryOne("SELECT COUNT(*) FROM schema_migrations WHERE version = $1", {int64_t{m.version}}));
      if (row.Int(0) > 0) return {};
      for (const std::string& stmt : Statements(Expand(m.sql, tx.dialect()))) {
        IPA_CHECK(tx.Exec(stmt));
      }
      IPA_CHECK(tx.Exec(kInsertVersion, {int64_t{m.version}, std::string(m.name), core::NowMs()}));
      applied.push_back(m.version);
      return {};
    }));
  }
  return applied;
}

}  // namespace ipa::store
