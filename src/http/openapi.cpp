#include "http/openapi.hpp"

namespace ipa::http {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Json Problem() {
  return {{"description", "RFC 9457 problem document"},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

}  // namespace

Json BuildOpenApi(const Router& router) {
  Json paths = Json::object();
  for (const Route& r : router.routes()) {
    Json op = {{"summary", r.summary}, {"tags", {r.tag}}, {"x-access", r.policy.Describe()}};
    Json params = Json::array();
    for (size_t pos = r.pattern.find('{'); pos != std::string::npos; pos = r.pattern.find('{', pos + 1)) {
      const std::string name = r.pattern.substr(pos + 1, r.pattern.find('}', pos) - pos - 1);
      params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const QueryParam& q : r.query_params) {
      params.push_back({{"name", q.name}, {"in", "query"}, {"required", false}, {"description", q.description},
                        {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (r.raw_body) {
      Json schema = {{"type", "string"}, {"format", "binary"}};
      if (r.raw_body_type == "multipart/form-data") {
        Json file = schema;
        schema = {{"type", "object"}, {"properties", {{"file", file}}}};
      }
      op["requestBody"] = {{"required", true}, {"content", {{r.raw_body_type, {{"schema", schema}}}}}};
    } else if (r.has_body) {
      op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    }
    op["responses"] = {{std::to_string(r.success_status), {{"description", "success"}}}, {"default", Problem()}};
    if (r.policy.kind != Policy::Kind::kPublic) op["security"] = Json::array({{{"session", Json::array()}}, {{"bearer", Json::array()}}});
    paths[r.pattern][Lower(r.method)] = op;
  }
  return {
      {"openapi", "3.0.3"},
      {"info", {{"title", "ipalliance API"}, {"version", "1"},
                {"description", "Jing-Jin-Ji IP alliance platform. Conventions: docs/api.md."}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "ipa_session"}}},
          {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
        {"schemas",
         {{"Problem",
           {{"type", "object"},
            {"properties",
             {{"type", {{"type", "string"}}}, {"title", {{"type", "string"}}}, {"status", {{"type", "integer"}}},
              {"detail", {{"type", "string"}}}, {"field", {{"type", "string"}}}, {"request_id", {{"type", "string"}}}}}}}}}}},
  };
}

}  // namespace ipa::http
