// /healthz, /metrics, /api/v1/openapi.json.
#include "http/handlers/routes.hpp"
#include "http/json_io.hpp"
#include "http/metrics.hpp"
#include "http/openapi.hpp"

namespace ipa::http {
namespace {

core::Result<Response> Health(Context& ctx) {
  IPA_CHECK(ctx.app.db.Read([](store::Tx& tx) -> core::Status {
    IPA_CHECK(tx.Query("SELECT 1"));
    return {};
  }));
  return JsonResponse({{"status", "ok"}});
}

core::Result<Response> MetricsText(Context& ctx) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = ctx.app.metrics.Render();
  return r;
}

}  // namespace

void RegisterSystemRoutes(Router& router) {
  router.Add({"GET", "/healthz", Policy::Public(), "Liveness and database check", "system", Health});
  router.Add({"GET", "/metrics", Policy::Public(), "Prometheus metrics", "system", MetricsText});
  Router* self = &router;
  router.Add({"GET", "/api/v1/openapi.json", Policy::Public(), "This API's OpenAPI 3 document", "system",
              [self](Context&) -> core::Result<Response> { return JsonResponse(BuildOpenApi(*self)); }});
}

void RegisterAllRoutes(Router& router) {
  RegisterSystemRoutes(router);
  RegisterAuthRoutes(router);
  RegisterUserRoutes(router);
  RegisterOrganizationRoutes(router);
  RegisterReferenceRoutes(router);
  RegisterAuditRoutes(router);
  RegisterPatentRoutes(router);
  RegisterSearchRoutes(router);
  RegisterStatisticsRoutes(router);
  RegisterEvidenceLogRoutes(router);
  RegisterCaseRoutes(router);
  RegisterEvidenceItemRoutes(router);  // after the evidence log's fixed /api/v1/evidence/... routes
  RegisterJointOpRoutes(router);
}

}  // namespace ipa::http
