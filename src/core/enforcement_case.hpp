// An administrative patent enforcement case (专利行政执法案件) handled by one of the three
// offices: its number, type, parties, patents, places, workflow and deadlines. No I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/region.hpp"

namespace ipa::core {

using CaseId = Id<struct CaseTag>;

// 侵权纠纷 / 假冒专利 / other.
enum class CaseType { kInfringementDispute, kCounterfeitMarking, kOther };
inline constexpr CaseType kAllCaseTypes[] = {CaseType::kInfringementDispute,
                                             CaseType::kCounterfeitMarking, CaseType::kOther};
std::string_view CaseTypeName(CaseType type);  // "infringement_dispute", ...
std::optional<CaseType> ParseCaseType(std::string_view name);

enum class CaseStatus {
  kRegistered,
  kAccepted,
  kInvestigating,
  kMediated,
  kDecided,
  kDismissed,
  kWithdrawn,
  kClosed,
};
inline constexpr CaseStatus kAllCaseStatuses[] = {
    CaseStatus::kRegistered, CaseStatus::kAccepted,  CaseStatus::kInvestigating,
    CaseStatus::kMediated,   CaseStatus::kDecided,   CaseStatus::kDismissed,
    CaseStatus::kWithdrawn,  CaseStatus::kClosed};
std::string_view CaseStatusName(CaseStatus status);
std::optional<CaseStatus> ParseCaseStatus(std::string_view name);

// The one table of allowed workflow steps (registered → accepted → investigating → mediated |
// decided | dismissed | withdrawn → closed; a registration may also be dismissed — not
// accepted — or withdrawn, an accepted case withdrawn or dismissed).
struct CaseTransition {
  CaseStatus from;
  CaseStatus to;
};
inline constexpr CaseTransition kCaseTransitions[] = {
    {CaseStatus::kRegistered, CaseStatus::kAccepted},
    {CaseStatus::kRegistered, CaseStatus::kDismissed},
    {CaseStatus::kRegistered, CaseStatus::kWithdrawn},
    {CaseStatus::kAccepted, CaseStatus::kInvestigating},
    {CaseStatus::kAccepted, CaseStatus::kDismissed},
    {CaseStatus::kAccepted, CaseStatus::kWithdrawn},
    {CaseStatus::kInvestigating, CaseStatus::kMediated},
    {CaseStatus::kInvestigating, CaseStatus::kDecided},
    {CaseStatus::kInvestigating, CaseStatus::kDismissed},
    {CaseStatus::kInvestigating, CaseStatus::kWithdrawn},
    {CaseStatus::kMediated, CaseStatus::kClosed},
    {CaseStatus::kDecided, CaseStatus::kClosed},
    {CaseStatus::kDismissed, CaseStatus::kClosed},
    {CaseStatus::kWithdrawn, CaseStatus::kClosed},
};
bool IsAllowedTransition(CaseStatus from, CaseStatus to);
// A case that reached an outcome (mediated, decided, dismissed, withdrawn) or closed.
bool IsResolved(CaseStatus status);

// A complainant or respondent: a registered organisation, or a free person/company name.
struct CaseParty {
  std::optional<OrgId> org_id;
  std::string name;
  std::string credit_code;  // empty when unknown
  std::string name_key;     // ApplicantKey(name), for matching across offices
};

struct CasePlace {
  std::string region_code;  // GB/T 2260
  std::string address;
};

// Why a case moves: the receiving office's jurisdiction.
enum class TransferReason { kRespondentDomicile, kPlaceOfInfringement, kOther };
std::string_view TransferReasonName(TransferReason reason);
std::optional<TransferReason> ParseTransferReason(std::string_view name);

struct EnforcementCase {
  CaseId id;
  std::string number;  // "TJ-2026-0007"
  CaseType type = CaseType::kInfringementDispute;
  CaseStatus status = CaseStatus::kRegistered;
  Office owner = Office::kBeijing;
  Office registered_by = Office::kBeijing;
  CaseParty complainant;
  CaseParty respondent;
  std::vector<std::string> patents;  // normalised application numbers
  std::vector<CasePlace> places;
  std::string description;
  Date registered_on;
  std::optional<Date> accepted_on;
  std::optional<Date> resolved_on;
  std::optional<Date> period_from, period_to;  // the alleged infringement period
  std::vector<UserId> assignees;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// "TJ-2026-0007". Precondition: serial >= 1.
std::string FormatCaseNumber(Office office, int year, int64_t serial);

// Normalises (trims, credit codes upper-cased, name keys computed, application numbers
// normalised, duplicates removed) and validates every field. kInvalidArgument naming the field
// ("respondent.credit_code", "patents[1]", "places[0].region_code", ...).
Status NormalizeAndValidate(EnforcementCase& c);

// Per-office deadlines in days: accept (or refuse) a registration within `accept_days` of
// registering it; reach an outcome within `resolve_days` of accepting it.
struct CaseDeadlineRules {
  int accept_days = 7;
  int resolve_days = 90;
};

struct CaseDeadline {
  std::string kind;  // "acceptance" or "resolution"
  Date due;
  bool overdue = false;
};

// The deadline currently running for `c` on `today` (none once resolved).
std::optional<CaseDeadline> CurrentDeadline(const EnforcementCase& c, const CaseDeadlineRules& rules,
                                            Date today);

// Whether the closed intervals [a_from, a_to] and [b_from, b_to] overlap; an open end is
// unbounded, a case without any period never overlaps.
bool PeriodsOverlap(std::optional<Date> a_from, std::optional<Date> a_to,
                    std::optional<Date> b_from, std::optional<Date> b_to);

}  // namespace ipa::core
