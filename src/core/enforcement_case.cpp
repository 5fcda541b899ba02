#include "core/enforcement_case.hpp"

#include <algorithm>
#include <cstdio>

#include "core/applicant_name.hpp"
#include "core/credit_code.hpp"
#include "core/patent_number.hpp"
#include "core/text.hpp"

namespace ipa::core {
namespace {

constexpr std::string_view kTypeNames[] = {"infringement_dispute", "counterfeit_marking", "other"};
constexpr std::string_view kStatusNames[] = {"registered", "accepted",  "investigating",
                                             "mediated",   "decided",   "dismissed",
                                             "withdrawn",  "closed"};
constexpr std::string_view kReasonNames[] = {"respondent_domicile", "place_of_infringement", "other"};

template <class E, size_t N>
std::optional<E> ParseName(const std::string_view (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

Status CheckText(const std::string& text, std::string_view field, size_t max_bytes, bool required) {
  const std::string f(field);
  if (!IsValidUtf8(text)) return Fail(ErrorCode::kInvalidArgument, f + ": not valid UTF-8", f);
  if (required && text.empty()) return Fail(ErrorCode::kInvalidArgument, f + ": is required", f);
  if (text.size() > max_bytes) {
    return Fail(ErrorCode::kInvalidArgument, f + ": at most " + std::to_string(max_bytes) + " bytes", f);
  }
  return {};
}

Status NormalizeParty(CaseParty& p, std::string_view field) {
  const std::string f(field);
  p.name = std::string(Trim(p.name));
  IPA_CHECK(CheckText(p.name, f + ".name", 200, true));
  p.credit_code = std::string(Trim(p.credit_code));
  if (!p.credit_code.empty()) {
    IPA_TRY(code, ValidateCreditCode(p.credit_code, f + ".credit_code"));
    p.credit_code = code;
  }
  p.name_key = ApplicantKey(p.name);
  if (p.name_key.empty()) return Fail(ErrorCode::kInvalidArgument, f + ".name: has no letters", f + ".name");
  return {};
}

}  // namespace

std::string_view CaseTypeName(CaseType type) { return kTypeNames[static_cast<int>(type)]; }
std::optional<CaseType> ParseCaseType(std::string_view name) { return ParseName<CaseType>(kTypeNames, name); }
std::string_view CaseStatusName(CaseStatus status) { return kStatusNames[static_cast<int>(status)]; }
std::optional<CaseStatus> ParseCaseStatus(std::string_view name) { return ParseName<CaseStatus>(kStatusNames, name); }
std::string_view TransferReasonName(TransferReason reason) { return kReasonNames[static_cast<int>(reason)]; }
std::optional<TransferReason> ParseTransferReason(std::string_view name) {
  return ParseName<TransferReason>(kReasonNames, name);
}

bool IsAllowedTransition(CaseStatus from, CaseStatus to) {
  return std::any_of(std::begin(kCaseTransitions), std::end(kCaseTransitions),
                     [&](const CaseTransition& t) { return t.from == from && t.to == to; });
}

bool IsResolved(CaseStatus status) {
  return status != CaseStatus::kRegistered && status != CaseStatus::kAccepted &&
         status != CaseStatus::kInvestigating;
}

std::string FormatCaseNumber(Office office, int year, int64_t serial) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s-%04d-%04lld", std::string(OfficeCode(office)).c_str(), year,
                static_cast<long long>(serial));
  return buf;
}

Status NormalizeAndValidate(EnforcementCase& c) {
  IPA_CHECK(NormalizeParty(c.complainant, "complainant"));
  IPA_CHECK(NormalizeParty(c.respondent, "respondent"));
  if (c.patents.size() > 50) return Fail(ErrorCode::kInvalidArgument, "patents: at most 50", "patents");
  std::vector<std::string> patents;
  for (size_t i = 0; i < c.patents.size(); ++i) {
    const std::string field = "patents[" + std::to_string(i) + "]";
    auto number = NormaliseApplicationNumber(c.patents[i]);
    if (!number) return Fail(ErrorCode::kInvalidArgument, field + ": " + number.error().message, field);
    if (std::find(patents.begin(), patents.end(), *number) == patents.end()) patents.push_back(*number);
  }
  c.patents = std::move(patents);
  if (c.places.size() > 20) return Fail(ErrorCode::kInvalidArgument, "places: at most 20", "places");
  for (size_t i = 0; i < c.places.size(); ++i) {
    const std::string field = "places[" + std::to_string(i) + "]";
    CasePlace& p = c.places[i];
    p.address = std::string(Trim(p.address));
    IPA_CHECK(ValidateRegionCode(p.region_code, field + ".region_code"));
    IPA_CHECK(CheckText(p.address, field + ".address", 500, false));
  }
  c.description = std::string(Trim(c.description));
  IPA_CHECK(CheckText(c.description, "description", 20000, false));
  if (c.period_from && c.period_to && *c.period_to < *c.period_from) {
    return Fail(ErrorCode::kInvalidArgument, "period_to: before period_from", "period_to");
  }
  return {};
}

std::optional<CaseDeadline> CurrentDeadline(const EnforcementCase& c, const CaseDeadlineRules& rules,
                                            Date today) {
  CaseDeadline d;
  if (c.status == CaseStatus::kRegistered) {
    d.kind = "acceptance";
    d.due = AddDays(c.registered_on, rules.accept_days);
  } else if (!IsResolved(c.status)) {
    d.kind = "resolution";
    d.due = AddDays(c.accepted_on.value_or(c.registered_on), rules.resolve_days);
  } else {
    return std::nullopt;
  }
  d.overdue = today > d.due;
  return d;
}

bool PeriodsOverlap(std::optional<Date> a_from, std::optional<Date> a_to,
                    std::optional<Date> b_from, std::optional<Date> b_to) {
  if ((!a_from && !a_to) || (!b_from && !b_to)) return false;
  const Date lo{INT32_MIN}, hi{INT32_MAX};
  return a_from.value_or(lo) <= b_to.value_or(hi) && b_from.value_or(lo) <= a_to.value_or(hi);
}

}  // namespace ipa::core
