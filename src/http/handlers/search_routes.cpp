// /api/v1/saved-searches: each user's named queries.
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"
#include "service/saved_search_service.hpp"

namespace ipa::http {
namespace {

Json ToJson(const service::SavedSearch& s) {
  return {{"id", s.id}, {"name", s.name}, {"query", s.query}, {"sort", s.sort},
          {"created_at", s.created_at}};
}

core::Result<Response> ListSavedSearches(Context& ctx) {
  IPA_TRY(list, service::SavedSearchService(ctx.app.db).List(ctx.actor));
  Json items = Json::array();
  for (const auto& s : list) items.push_back(ToJson(s));
  return JsonResponse({{"items", items}, {"next_cursor", nullptr}});
}

core::Result<Response> CreateSavedSearch(Context& ctx) {
  IPA_TRY(body, ParseJsonObject(ctx.req.body));
  FieldReader f(body);
  IPA_TRY(name, f.RequiredString("name"));
  IPA_TRY(query, f.RequiredString("query"));
  IPA_TRY(sort, f.String("sort"));
  IPA_CHECK(f.Finish());
  IPA_TRY(created, service::SavedSearchService(ctx.app.db)
                       .Create(ctx.actor, name, query, sort.value_or("relevance")));
  return JsonResponse(ToJson(created), 201);
}

core::Result<Response> DeleteSavedSearch(Context& ctx) {
  IPA_TRY(id, ParseId(ctx.Param("id"), "saved search"));
  IPA_CHECK(service::SavedSearchService(ctx.app.db).Delete(ctx.actor, id));
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void RegisterSearchRoutes(Router& router) {
  router.Add({"GET", "/api/v1/saved-searches", Policy::AnyUser(), "My saved searches", "search",
              ListSavedSearches});
  router.Add({"POST", "/api/v1/saved-searches", Policy::AnyUser(),
              "Save a search (name, query in the search language, sort)", "search", CreateSavedSearch,
              {}, true, 201});
  router.Add({"DELETE", "/api/v1/saved-searches/{id}", Policy::AnyUser(), "Delete one of my saved searches",
              "search", DeleteSavedSearch});
}

}  // namespace ipa::http
