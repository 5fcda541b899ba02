// Patents in the store: the `patents` row plus its applicants and legal events.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/patent.hpp"
#include "store/database.hpp"

namespace ipa::store {

using core::PatentId;

struct UpsertOutcome {
  PatentId id;
  bool inserted = false;  // false: an existing patent was replaced
};

// The multi-valued fields of a `patents` row in their stored text form (one item per line,
// events and priorities as tab-separated fields). A bulk import encodes them on its reading
// thread, so the writing thread only binds them.
struct PatentColumns {
  std::string ipc, cpc, inventors, agents, priorities, pct, applicants, events;
};
PatentColumns EncodePatentColumns(const core::Patent& patent);

// Inserts the patent, or replaces every field, applicant and event of the patent with the same
// application number (idempotent re-import). Appends to the change log. `columns` must be
// EncodePatentColumns(patent).
Result<UpsertOutcome> UpsertPatent(Tx& tx, const core::Patent& patent, const PatentColumns& columns);
inline Result<UpsertOutcome> UpsertPatent(Tx& tx, const core::Patent& patent) {
  return UpsertPatent(tx, patent, EncodePatentColumns(patent));
}

// kNotFound when absent.
Result<core::Patent> GetPatent(Tx& tx, const std::string& application_number);
Result<PatentId> FindPatentId(Tx& tx, const std::string& application_number);

// Appends one legal event to an existing patent (events CSV import). kNotFound when the patent
// is unknown.
Status AppendPatentEvent(Tx& tx, const std::string& application_number, const core::LegalEvent& e);

struct PatentFilter {
  std::optional<core::PatentType> type;
  std::string region_prefix;       // "12", "1201"
  std::string ipc_prefix;          // "H01M", "H01M 10"
  std::optional<core::OrgId> applicant_org;
  std::string applicant_contains;  // substring of an applicant name
  std::optional<core::Date> filed_from, filed_to;  // inclusive
};

// A patent with its applicants and events, in id order, id > after_id.
Result<std::vector<std::pair<PatentId, core::Patent>>> ListPatents(Tx& tx, const PatentFilter& f,
                                                                   int64_t after_id, int limit);
Result<int64_t> CountPatents(Tx& tx);

// A streaming scan for in-memory indexes: up to `limit` patents with id > after_id in id order,
// read with one statement (applicant names come from the patent row, without organisation
// links; use ListPatents for those). An empty result means the end.
Result<std::vector<std::pair<PatentId, core::Patent>>> ScanPatents(Tx& tx, int64_t after_id, int limit);

}  // namespace ipa::store
