#include "http/handlers/mapping.hpp"

#include "core/region.hpp"
#include "core/time.hpp"

namespace ipa::http {
namespace {

Json NullIfEmpty(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

Json ToJson(const service::OrgView& view) {
  const core::Organization& o = view.org;
  const auto office = core::OwningOffice(o);
  Json j = {
      {"id", o.id.value},
      {"name_zh", o.name_zh},
      {"name_en", o.name_en},
      {"aliases", o.aliases},
      {"type", core::OrgTypeName(o.type)},
      {"credit_code", NullIfEmpty(o.credit_code)},
      {"region_code", o.region_code},
      {"region_name", core::RegionFullName(o.region_code)},
      {"address", o.address},
      {"industry", NullIfEmpty(o.industry)},
      {"membership",
       {{"joined_on", NullIfEmpty(o.membership.joined_on)},
        {"founding", o.membership.founding},
        {"status", core::MemberStatusName(o.membership.status)}}},
      {"office", office ? Json(core::OfficeCode(*office)) : Json(nullptr)},
      {"is_office", o.office_code.has_value()},
      {"version", o.version},
      {"created_at", core::FormatIsoTime(o.created_at)},
      {"updated_at", core::FormatIsoTime(o.updated_at)},
  };
  if (view.contact_visible) {
    j["contact"] = {{"name", o.contact.name}, {"phone", o.contact.phone}, {"email", o.contact.email}};
  }
  return j;
}

Json ToJson(const core::User& u) {
  return {
      {"id", u.id.value},
      {"login", u.login},
      {"display_name", u.display_name},
      {"role", core::RoleName(u.role)},
      {"org_id", u.org_id ? Json(u.org_id->value) : Json(nullptr)},
      {"office", u.office ? Json(core::OfficeCode(*u.office)) : Json(nullptr)},
      {"status", core::UserStatusName(u.status)},
      {"version", u.version},
      {"created_at", core::FormatIsoTime(u.created_at)},
  };
}

Json ToJson(const store::AuditEntry& e) {
  return {
      {"id", e.id},
      {"at", core::FormatIsoTime(e.at)},
      {"actor_id", e.actor_id ? Json(e.actor_id->value) : Json(nullptr)},
      {"actor_login", e.actor_login},
      {"action", e.action},
      {"object_type", e.object_type},
      {"object_id", e.object_id},
      {"outcome", e.outcome},
      {"request_id", e.request_id},
      {"ip", e.ip},
      {"office", NullIfEmpty(e.office)},
      {"detail", e.detail},
  };
}

Json ToJson(const store::TokenRow& t) {
  return {
      {"id", t.id.value},
      {"name", t.name},
      {"created_at", core::FormatIsoTime(t.created_at)},
      {"last_used_at", t.last_used_at ? Json(core::FormatIsoTime(*t.last_used_at)) : Json(nullptr)},
      {"revoked", t.revoked_at.has_value()},
  };
}

Response VersionedResponse(const Json& body, int64_t version, int status) {
  Response r = JsonResponse(body, status);
  r.SetHeader("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

core::Result<core::Date> DateParam(const Request& req, const char* name, core::Date fallback) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return fallback;
  auto d = core::ParseDateText(it->second);
  if (!d) return core::Fail(core::ErrorCode::kInvalidArgument, std::string(name) + ": not a date YYYY-MM-DD", name);
  return *d;
}

std::string CsvField(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  return out + "\"";
}

}  // namespace ipa::http
