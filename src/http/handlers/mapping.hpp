// JSON shapes of the API's objects (allow-listed: nothing is serialised by accident).
#pragma once

#include "core/date.hpp"
#include "core/organization.hpp"
#include "core/user.hpp"
#include "http/json_io.hpp"
#include "service/case_service.hpp"
#include "service/joint_op_service.hpp"
#include "service/org_service.hpp"
#include "service/page.hpp"
#include "store/audit_repo.hpp"
#include "store/user_repo.hpp"

namespace ipa::http {

Json ToJson(const service::OrgView& view);
Json ToJson(const core::User& user);
Json ToJson(const store::AuditEntry& entry);
Json ToJson(const store::TokenRow& token);

// Enforcement cases: the full shape, or only the summary fields (number, type, owner, status,
// respondent name, patents, dates) when view.access is kSummary.
Json ToJson(const service::CaseView& view);
Json ToJson(const service::RelatedCase& related);
Json ToJson(const store::CaseHistoryEntry& entry);
Json ToJson(const store::CaseTransfer& transfer);
Json ToJson(const store::JoinRequest& request);
Json ToJson(const store::JointOperation& op);
Json ToJson(const store::JointOpTask& task);
Json ToJson(const store::JointOpOutcome& outcome);
Json ToJson(const service::JointOpDetail& detail);
Json ToJson(const service::JointOpReport& report);

template <class T>
Json PageJson(const service::Page<T>& page) {
  Json items = Json::array();
  for (const T& item : page.items) items.push_back(ToJson(item));
  return Json{{"items", std::move(items)},
              {"next_cursor", page.next_cursor ? Json(*page.next_cursor) : Json(nullptr)}};
}

// The query parameter `name` as a date (YYYY-MM-DD); `fallback` when absent or empty.
core::Result<core::Date> DateParam(const Request& req, const char* name, core::Date fallback);

// One CSV field, always quoted ("" for a quote; line breaks become spaces).
std::string CsvField(std::string_view s);

// A JSON response with an ETag for a versioned object.
Response VersionedResponse(const Json& body, int64_t version, int status = 200);

}  // namespace ipa::http
