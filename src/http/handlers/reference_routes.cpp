// /api/v1/regions and /api/v1/industries: reference tables.
#include "core/industry.hpp"
#include "core/region.hpp"
#include "http/handlers/mapping.hpp"
#include "http/handlers/routes.hpp"

namespace ipa::http {
namespace {

std::string_view LevelName(core::RegionLevel level) {
  switch (level) {
    case core::RegionLevel::kProvince: return "province";
    case core::RegionLevel::kCity: return "city";
    case core::RegionLevel::kDistrict: return "district";
  }
  return "district";
}

core::Result<Response> ListRegions(Context& ctx) {
  auto it = ctx.req.query.find("parent");
  const std::string parent = it == ctx.req.query.end() ? "" : it->second;
  if (!parent.empty() && !core::FindRegion(parent)) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "parent: not a known region code", "parent");
  }
  Json items = Json::array();
  for (const core::Region* r : core::RegionChildren(parent)) {
    items.push_back({{"code", r->code}, {"name", r->name}, {"parent", r->parent.empty() ? Json(nullptr) : Json(r->parent)},
                     {"level", LevelName(r->level)}, {"has_children", !core::RegionChildren(r->code).empty()}});
  }
  Response resp = JsonResponse({{"items", items}, {"next_cursor", nullptr}});
  resp.SetHeader("Cache-Control", "private, max-age=3600");
  return resp;
}

core::Result<Response> ListIndustries(Context&) {
  Json items = Json::array();
  for (const core::Industry& i : core::AllIndustries()) {
    items.push_back({{"code", i.code}, {"name_zh", i.name_zh}, {"name_en", i.name_en}});
  }
  Response resp = JsonResponse({{"items", items}, {"next_cursor", nullptr}});
  resp.SetHeader("Cache-Control", "private, max-age=3600");
  return resp;
}

}  // namespace

void RegisterReferenceRoutes(Router& router) {
  router.Add({"GET", "/api/v1/regions", Policy::AnyUser(), "GB/T 2260 regions (children of parent; provinces without)", "reference", ListRegions, {{"parent", "region code"}}});
  router.Add({"GET", "/api/v1/industries", Policy::AnyUser(), "GB/T 4754 industry sections", "reference", ListIndustries});
}

}  // namespace ipa::http
