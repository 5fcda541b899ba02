// S13: the OpenAPI document lists exactly the router's routes, and problem statuses are one
// table.
#include "http/api_fixture.hpp"
#include "http/problem.hpp"

namespace ipa::testing {
namespace {

class OpenApiTest : public ApiTest {};

TEST_F(OpenApiTest, DocumentAgreesWithTheRouter) {
  http::Response r = api().Call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  http::Json doc = ApiClient::Body(r);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  std::set<std::string> documented, routed;
  for (auto& [path, ops] : doc["paths"].items()) {
    for (auto& [method, op] : ops.items()) {
      std::string m = method;
      for (char& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.insert(m + " " + path);
      EXPECT_TRUE(op.contains("x-access")) << path;
      EXPECT_TRUE(op["responses"].contains("default")) << path;
    }
  }
  for (const auto& route : api().router().routes()) routed.insert(route.method + " " + route.pattern);
  EXPECT_EQ(documented, routed);
}

TEST(ProblemTest, EveryErrorCodeHasAStatusAndSlug) {
  std::set<std::string> slugs;
  for (core::ErrorCode code : core::kAllErrorCodes) {
    const int status = http::HttpStatusFor(code);
    EXPECT_GE(status, 400);
    EXPECT_LT(status, 600);
    EXPECT_TRUE(slugs.insert(std::string(core::ErrorSlug(code))).second);
    http::Response r = http::ProblemResponse({code, "m", "f", "secret detail", 7}, "rid");
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.body.find("secret detail"), std::string::npos) << "details are only logged";
  }
  EXPECT_EQ(http::HttpStatusFor(core::ErrorCode::kPreconditionFailed), 412);
  EXPECT_EQ(http::HttpStatusFor(core::ErrorCode::kTooManyRequests), 429);
}

}  // namespace
}  // namespace ipa::testing
