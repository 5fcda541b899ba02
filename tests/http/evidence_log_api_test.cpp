// /api/v1/evidence/...: who may call what, the answers' shapes, and the remote witness
// endpoints' checks, through the real router with a running service::EvidenceLog.
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "evidence/base64.hpp"
#include "evidence/leaf.hpp"
#include "evidence/merkle.hpp"
#include "evidence/witness.hpp"
#include "http/api_fixture.hpp"
#include "service/evidence_log.hpp"
#include "service/office_keys.hpp"

namespace ipa::testing {
namespace {

using namespace std::chrono_literals;

std::string Leaf(int n) {
  evidence::EvidenceRecord r;
  r.office = "HE";
  r.case_id = "HE-2026-000007";
  r.evidence_id = "ev-" + std::to_string(n);
  r.sha256 = std::string(64, 'b');
  r.media_type = "application/pdf";
  r.size = 10;
  r.captured_by = "李四";
  r.captured_at = "2026-11-25T10:00:00Z";
  r.recorded_at = "2026-11-25T10:00:01Z";
  return *evidence::EncodeLeaf(r);
}

std::string LeafBody(const std::string& leaf) {
  return http::Json{{"leaf", evidence::Base64Encode(leaf)}}.dump();
}

class EvidenceLogApiTest : public ApiTest {
 protected:
  void Start(std::vector<evidence::VerifierKey> remote = {}) {
    key_dir_ = std::filesystem::temp_directory_path() / ("ipa-evapi-" + std::to_string(::getpid()));
    std::filesystem::remove_all(key_dir_);
    service::EvidenceLogOptions o;
    o.key_dir = key_dir_.string();
    o.checkpoint_interval = 50ms;
    o.remote_witnesses = std::move(remote);
    auto log = service::EvidenceLog::Open(api().db(), o);
    ASSERT_TRUE(log.has_value()) << log.error().message;
    log_ = std::move(*log);
    api().router().app().evidence = log_.get();
  }
  void TearDown() override {
    if (api_) api().router().app().evidence = nullptr;
    log_.reset();
    if (!key_dir_.empty()) std::filesystem::remove_all(key_dir_);
  }
  std::unique_ptr<service::EvidenceLog> log_;
  std::filesystem::path key_dir_;
};

TEST_F(EvidenceLogApiTest, AdminsAppendAndEveryRoleSeesWhatItMay) {
  Start();
  Caller admin = api().NewCaller(core::Role::kAdmin);
  Caller office = api().NewCaller(core::Role::kOffice, core::Office::kTianjin);
  Caller member = api().NewCaller(core::Role::kMember, std::nullopt, api().NewOrg("120101"));

  auto created = api().Call("POST", "/api/v1/evidence/leaves", LeafBody(Leaf(0)), &admin);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(ApiClient::Body(created)["leaf_index"], 0);
  EXPECT_EQ(api().Call("POST", "/api/v1/evidence/leaves", LeafBody(Leaf(1)), &office).status, 403);
  EXPECT_EQ(api().Call("POST", "/api/v1/evidence/leaves", LeafBody("not a leaf"), &admin).status, 400);
  EXPECT_EQ(api().Call("POST", "/api/v1/evidence/leaves", R"({"leaf":"@@"})", &admin).status, 400);
  ASSERT_EQ(api().Call("POST", "/api/v1/evidence/leaves", LeafBody(Leaf(1)), &admin).status, 201);
  ASSERT_TRUE(log_->WaitForCheckpoint(2, 10s));

  auto keys = api().Call("GET", "/api/v1/evidence/keys");  // anonymous
  ASSERT_EQ(keys.status, 200);
  EXPECT_EQ(ApiClient::Body(keys)["public_keys"].size(), 4u);

  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/checkpoint").status, 401);
  auto cp = api().Call("GET", "/api/v1/evidence/checkpoint", "", &member);
  ASSERT_EQ(cp.status, 200);
  EXPECT_EQ(cp.body.substr(0, 27), "jjj-ip-alliance/evidence\n2\n");

  auto inclusion = api().Call("GET", "/api/v1/evidence/proof/inclusion?index=1", "", &member);
  ASSERT_EQ(inclusion.status, 200) << inclusion.body;
  EXPECT_EQ(ApiClient::Body(inclusion)["tree_size"], 2);
  EXPECT_EQ(ApiClient::Body(inclusion)["inclusion_path"].size(), 1u);
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/proof/inclusion?index=5", "", &member).status, 400);
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/proof/inclusion?index=-1", "", &member).status, 400);
  auto consistency = api().Call("GET", "/api/v1/evidence/proof/consistency?first=1&second=2", "", &member);
  ASSERT_EQ(consistency.status, 200);
  EXPECT_EQ(ApiClient::Body(consistency)["consistency"].size(), 1u);

  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/leaves/1", "", &member).status, 403);
  auto leaf = api().Call("GET", "/api/v1/evidence/leaves/1", "", &office);
  ASSERT_EQ(leaf.status, 200);
  EXPECT_EQ(*evidence::Base64Decode(ApiClient::Body(leaf)["leaf"].get<std::string>()), Leaf(1));
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/leaves/9", "", &office).status, 404);
  auto receipt = api().Call("GET", "/api/v1/evidence/leaves/1/receipt", "", &office);
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  auto parsed = evidence::ParseReceipt(receipt.body);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(evidence::VerifyReceipt(*parsed, std::nullopt, {"ipa-log", "ipa-BJ", "ipa-TJ", "ipa-HE"}).has_value());
}

TEST_F(EvidenceLogApiTest, WitnessEndpointsAcceptOnlyTheRegisteredOfficeSignature) {
  auto tj = evidence::SigningKey::Generate("ipa-TJ");
  ASSERT_TRUE(tj.has_value());
  Start({tj->verifier()});
  ASSERT_TRUE(log_->Append(Leaf(0)).has_value());
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/witness/BJ/pending").status, 404);  // embedded
  http::Response pending;
  for (int i = 0; i < 100; ++i) {
    pending = api().Call("GET", "/api/v1/evidence/witness/TJ/pending?from=0");
    if (pending.status == 200) break;
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(pending.status, 200) << pending.body;
  const std::string note = ApiClient::Body(pending)["note"];

  auto impostor = evidence::SigningKey::Generate("ipa-TJ");
  evidence::Witness fake(*impostor, std::string(service::kEvidenceOrigin));
  auto forged = fake.Cosign(note, {});
  ASSERT_TRUE(forged.has_value());
  EXPECT_EQ(api().Call("POST", "/api/v1/evidence/witness/TJ/cosignature", http::Json{{"note", *forged}}.dump()).status, 400);
  EXPECT_EQ(api().Call("POST", "/api/v1/evidence/witness/TJ/cosignature", http::Json{{"note", note}}.dump()).status, 400);

  evidence::Witness real(*tj, std::string(service::kEvidenceOrigin), std::nullopt, log_->Keys().front());
  auto cosigned = real.Cosign(note, {});
  ASSERT_TRUE(cosigned.has_value());
  auto ok = api().Call("POST", "/api/v1/evidence/witness/TJ/cosignature", http::Json{{"note", *cosigned}}.dump());
  EXPECT_EQ(ok.status, 204) << ok.body;
  ASSERT_TRUE(log_->WaitForCheckpoint(1, 5s));
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/witness/TJ/pending?from=1").status, 204);
  // Replaying the old cosignature after publication is stale.
  EXPECT_EQ(api().Call("POST", "/api/v1/evidence/witness/TJ/cosignature", http::Json{{"note", *cosigned}}.dump()).status, 409);
}

TEST_F(EvidenceLogApiTest, WithoutARunningLogTheRoutesAnswerUnavailable) {
  Caller admin = api().NewCaller(core::Role::kAdmin);
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/keys").status, 503);
  EXPECT_EQ(api().Call("GET", "/api/v1/evidence/checkpoint", "", &admin).status, 503);
}

}  // namespace
}  // namespace ipa::testing
