// A Chinese patent record: bibliographic data and its legal events. Plain data; the rules
// that read it live in patent_number.hpp, ipc_code.hpp and legal_status.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"

namespace ipa::core {

enum class PatentType { kInvention, kUtilityModel, kDesign };
std::string_view PatentTypeName(PatentType t);  // "invention", "utility_model", "design"
std::optional<PatentType> ParsePatentType(std::string_view name);

// WIPO ST.27-aligned legal events recorded against a patent.
enum class EventKind {
  kExaminationRequest,    // 实质审查请求
  kGrant,                 // 授权
  kAnnuityPaid,           // 年费缴纳 (patent_year set)
  kLapseNonPayment,       // 未缴年费终止
  kRestoration,           // 权利恢复
  kSurrender,             // 放弃
  kInvalidationFull,      // 全部无效
  kInvalidationPartial,   // 部分无效
  kTermCompensation,      // 期限补偿 (days set)
  kTransfer,              // 转让 (from → to)
  kLicence,               // 许可备案 (licence fields set)
  kPledgeRegistered,      // 质押登记
  kPledgeReleased,        // 质押解除
  kOpenLicenceDeclared,   // 开放许可声明
  kOpenLicenceWithdrawn,  // 开放许可撤回
  kRejection,             // 驳回
  kWithdrawal,            // 撤回 (incl. deemed withdrawn)
};
inline constexpr int kEventKindCount = 17;
std::string_view EventKindName(EventKind k);  // "grant", "annuity_paid", ...
std::optional<EventKind> ParseEventKind(std::string_view name);

enum class LicenceType { kExclusive, kSole, kOrdinary, kOpen };
std::string_view LicenceTypeName(LicenceType t);  // "exclusive", "sole", "ordinary", "open"
std::optional<LicenceType> ParseLicenceType(std::string_view name);

struct LegalEvent {
  EventKind kind = EventKind::kGrant;
  Date date;                   // effective or recorded date
  int patent_year = 0;         // kAnnuityPaid: the patent year paid for (1-based)
  int days = 0;                // kTermCompensation: days added to the term
  std::string from, to;        // kTransfer: assignor → assignee; kPledge*: pledgor/pledgee
  std::optional<LicenceType> licence_type;  // kLicence
  std::string licensee;        // kLicence
  std::optional<Date> term_start, term_end;  // kLicence term
  std::string territory;       // kLicence: "中国", "天津市", ...
  std::string note;            // free text as recorded (e.g. the source's wording)
};

// Orders events by date, keeping the recorded order of events on the same day. (An insertion
// sort: a patent has a handful of events, and std::stable_sort's temporary buffer is a
// deprecated API that clang warns about with libstdc++ 12.)
void SortEventsByDate(std::vector<LegalEvent>& events);

struct Applicant {
  std::string name;               // as written in the source
  std::optional<OrgId> org_id;    // linked organisation, when matched
};

struct PriorityClaim {
  std::string country;  // ISO 3166 alpha-2 or "EP", "WO"
  std::string number;
  std::optional<Date> date;
};

struct PctData {
  std::string application_number;  // PCT/CN2019/123456
  std::optional<Date> filing_date;
  std::string publication_number;  // WO2020/123456
  std::optional<Date> publication_date;
  std::optional<Date> national_entry_date;
};

// How the region was decided, for transparency.
enum class RegionRule { kNone, kProvinceCode, kAddress, kApplicantName };
std::string_view RegionRuleName(RegionRule r);  // "none", "province_code", "address", "applicant_name"

struct Patent {
  std::string application_number;  // normalised: 12 (or 8) digits + '.' + check, e.g. "201710601862.3"
  std::string publication_number;  // "CN106844774A"
  std::string grant_number;        // "CN106844774B" (grant publication) when granted
  PatentType type = PatentType::kInvention;
  std::string title_zh, title_en;
  std::string abstract_zh, abstract_en;
  std::string first_claim;
  std::vector<std::string> ipc;  // normalised codes, main first: "H01M 10/0525", "H01M"
  std::vector<std::string> cpc;
  std::vector<Applicant> applicants;
  std::vector<std::string> inventors;
  std::string applicant_address;
  std::string region_code;  // GB/T 2260: province ("120000") or city/district when known
  RegionRule region_rule = RegionRule::kNone;
  std::string agency;
  std::vector<std::string> agents;
  std::vector<PriorityClaim> priorities;
  std::optional<PctData> pct;
  std::optional<Date> filing_date;
  std::optional<Date> publication_date;
  std::optional<Date> grant_date;
  std::optional<Date> examination_request_date;
  std::vector<LegalEvent> events;  // ascending by date
  std::string source;              // "cn-csv", "jsonl", "uspto-xml", "demo", ...
  std::string source_status;       // legal status text as the source gave it (法律状态)
};

}  // namespace ipa::core
