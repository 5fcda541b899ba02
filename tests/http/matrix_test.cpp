// S1/S2: every route declares a policy, the route × role × method matrix is checked in
// (tests/http/route_matrix.txt) and every cell is exercised against the real router.
#include <fstream>
#include <sstream>

#include "http/api_fixture.hpp"

namespace ipa::testing {
namespace {

using core::Role;

struct Cell {
  std::string role;  // "anonymous" or a role name
  std::optional<Role> value;
};

std::vector<Cell> Cells() {
  std::vector<Cell> cells = {{"anonymous", std::nullopt}};
  for (Role r : core::kAllRoles) cells.push_back({std::string(core::RoleName(r)), r});
  return cells;
}

std::string Expected(const http::Policy& p, std::optional<Role> role) {
  if (p.Allows(role)) return "allow";
  return role ? "403" : "401";
}

std::string GenerateMatrix(const http::Router& router) {
  std::ostringstream out;
  out << "# route × role × method: allow = passes the route policy (object checks may still deny)\n";
  out << "# regenerate: IPA_UPDATE_MATRIX=1 ./build/release/tests/http_tests --gtest_filter=RouteMatrix*\n";
  for (const http::Route& r : router.routes()) {
    out << r.method << " " << r.pattern;
    for (const Cell& c : Cells()) out << " " << c.role << "=" << Expected(r.policy, c.value);
    out << "\n";
  }
  return out.str();
}

class RouteMatrixTest : public ApiTest {};

TEST_F(RouteMatrixTest, EveryRouteHasAPolicy) {
  ASSERT_FALSE(api().router().routes().empty());
  for (const http::Route& r : api().router().routes()) {
    EXPECT_NE(r.policy.kind, http::Policy::Kind::kUnset) << r.method << " " << r.pattern;
    EXPECT_FALSE(r.summary.empty()) << r.method << " " << r.pattern;
  }
}

TEST_F(RouteMatrixTest, MatchesTheCheckedInMatrix) {
  const std::string path = std::string(IPA_SOURCE_DIR) + "/tests/http/route_matrix.txt";
  const std::string generated = GenerateMatrix(api().router());
  if (std::getenv("IPA_UPDATE_MATRIX")) {
    std::ofstream(path) << generated;
  }
  std::ifstream in(path);
  std::stringstream checked_in;
  checked_in << in.rdbuf();
  EXPECT_EQ(checked_in.str(), generated)
      << "the route table's policies changed; review and regenerate " << path;
}

TEST_F(RouteMatrixTest, EveryCellAnswersAsThePolicySays) {
  std::map<std::string, Caller> callers;
  for (const Cell& c : Cells()) {
    if (c.value) callers[c.role] = api().NewCaller(*c.value);
  }
  int cells = 0;
  for (const http::Route& r : api().router().routes()) {
    std::string target = r.pattern;
    for (size_t pos; (pos = target.find('{')) != std::string::npos;) target.replace(pos, target.find('}') - pos + 1, "999999");
    for (const Cell& c : Cells()) {
      const Caller* caller = c.value ? &callers[c.role] : nullptr;
      const std::string body = r.has_body ? "{}" : "";
      http::Response resp = api().Call(r.method, target, body, caller);
      const std::string expected = Expected(r.policy, c.value);
      const std::string where = r.method + " " + r.pattern + " as " + c.role + ": " + resp.body.substr(0, 200);
      if (expected == "allow") {
        EXPECT_NE(resp.status, 401) << where;
        EXPECT_EQ(resp.body.find("your role"), std::string::npos) << where;
      } else {
        EXPECT_EQ(std::to_string(resp.status), expected) << where;
      }
      ++cells;
    }
  }
  EXPECT_EQ(cells, static_cast<int>(api().router().routes().size() * Cells().size()));
}

}  // namespace
}  // namespace ipa::testing
