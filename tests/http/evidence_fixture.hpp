// Opt-in for API tests that need the evidence log and case evidence: opens a real
// service::EvidenceLog on the test database (keys under a temporary data directory) and a
// service::EvidenceItems storing files there, and plugs both into the router's App.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "http/api_fixture.hpp"
#include "service/evidence_item_service.hpp"
#include "service/evidence_log.hpp"

namespace ipa::testing {

class EvidenceApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    static std::atomic<int> counter{0};
    data_dir_ = std::filesystem::temp_directory_path() /
                ("ipa-evitems-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(data_dir_);
    std::filesystem::create_directories(data_dir_);
    service::EvidenceLogOptions o;
    o.key_dir = (data_dir_ / "evidence-keys").string();
    o.checkpoint_interval = std::chrono::milliseconds(50);
    auto log = service::EvidenceLog::Open(api().db(), o);
    ASSERT_TRUE(log.has_value()) << log.error().message;
    log_ = std::move(*log);
    items_ = std::make_unique<service::EvidenceItems>(api().db(), *log_,
                                                      service::EvidenceItemsOptions{data_dir_.string(), max_bytes_});
    api().router().app().evidence = log_.get();
    api().router().app().evidence_items = items_.get();
  }
  void TearDown() override {
    if (api_) {
      api().router().app().evidence = nullptr;
      api().router().app().evidence_items = nullptr;
    }
    items_.reset();
    log_.reset();
    if (!data_dir_.empty()) std::filesystem::remove_all(data_dir_);
  }

  uint64_t max_bytes_ = 64ull << 20;
  std::filesystem::path data_dir_;
  std::unique_ptr<service::EvidenceLog> log_;
  std::unique_ptr<service::EvidenceItems> items_;
};

}  // namespace ipa::testing
