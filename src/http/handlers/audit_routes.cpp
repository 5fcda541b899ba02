// /api/v1/audit.
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "service/audit_service.hpp"

namespace ipa::http {
namespace {

core::Result<Response> ListAudit(Context& ctx) {
  const auto& q = ctx.req.query;
  auto get = [&](const char* k) -> std::string {
    auto it = q.find(k);
    return it == q.end() ? std::string() : it->second.substr(0, 200);
  };
  store::AuditFilter filter;
  filter.actor_login = get("actor");
  filter.action = get("action");
  filter.object_type = get("object_type");
  filter.object_id = get("object_id");
  IPA_TRY(limit, ParseLimit(ctx.req));
  IPA_TRY(page, service::ListAuditEntries(ctx.app.db, ctx.actor, filter, get("cursor"), limit));
  return JsonResponse(PageJson(page));
}

}  // namespace

void RegisterAuditRoutes(Router& router) {
  router.Add({"GET", "/api/v1/audit", Policy::Roles({core::Role::kAdmin, core::Role::kOffice}),
              "The audit trail (offices: their own entries), newest first", "audit", ListAudit,
              {{"actor", "login"}, {"action", "e.g. org.update"}, {"object_type", "e.g. organization"},
               {"object_id", "id"}, {"cursor", "from next_cursor"}, {"limit", "1-200"}}});
}

}  // namespace ipa::http
