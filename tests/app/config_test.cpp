#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace ipa::app {
namespace {

TEST(ConfigTest, DefaultsThenFileThenEnvironmentThenFlags) {
  const auto path = std::filesystem::temp_directory_path() / "ipa-config-test.conf";
  std::ofstream(path) << "# comment\nIPA_LISTEN = 0.0.0.0:9000\nIPA_DATA_DIR=/srv/ipa\n";
  Config c;
  EXPECT_EQ(c.DatabaseUrl(), "sqlite:./ipa-data/ipalliance.db");
  auto settings = ReadConfigFile(path.string());
  ASSERT_TRUE(settings.has_value());
  (*settings)["IPA_DATA_DIR"] = "/from/env";       // the environment overrides the file
  (*settings)["IPA_LISTEN"] = "127.0.0.1:9001";    // a flag overrides both
  ASSERT_TRUE(ApplySettings(c, *settings).has_value());
  EXPECT_EQ(c.listen, "127.0.0.1:9001");
  EXPECT_EQ(c.DatabaseUrl(), "sqlite:/from/env/ipalliance.db");
  EXPECT_EQ(*c.Port(), 9001);
  EXPECT_EQ(c.Host(), "127.0.0.1");
  std::filesystem::remove(path);
}

TEST(ConfigTest, EvidenceWitnessSettings) {
  Config c;
  ASSERT_TRUE(ApplySettings(c, {{"IPA_EVIDENCE_REMOTE_WITNESSES", "ipa-TJ+1+a, ipa-HE+2+b ,"},
                                {"IPA_EVIDENCE_CHECKPOINT_MS", "250"}}).has_value());
  EXPECT_EQ(c.evidence_remote_witnesses, (std::vector<std::string>{"ipa-TJ+1+a", "ipa-HE+2+b"}));
  EXPECT_EQ(c.evidence_checkpoint_ms, 250);
}

TEST(ConfigTest, EvidenceUploadLimitDefaultsTo64MiB) {
  Config c;
  EXPECT_EQ(c.evidence_max_bytes, 64ull << 20);
  ASSERT_TRUE(ApplySettings(c, {{"IPA_EVIDENCE_MAX_BYTES", "1048576"}}).has_value());
  EXPECT_EQ(c.evidence_max_bytes, 1048576u);
}

TEST(ConfigTest, BadSettingsAreNamed) {
  struct Case {
    const char* key;
    const char* value;
  } cases[] = {{"IPA_LISTEN", "no-port"}, {"IPA_LISTEN", "host:99999"}, {"IPA_WORKERS", "0"},
               {"IPA_LOG_LEVEL", "loud"}, {"IPA_TYPO", "1"}, {"IPA_EVIDENCE_CHECKPOINT_MS", "10"},
               {"IPA_EVIDENCE_CHECKPOINT_MS", "soon"}, {"IPA_EVIDENCE_MAX_BYTES", "0"},
               {"IPA_EVIDENCE_MAX_BYTES", "64M"}};
  for (const Case& k : cases) {
    Config c;
    auto st = ApplySettings(c, {{k.key, k.value}});
    ASSERT_FALSE(st.has_value()) << k.key << "=" << k.value;
    EXPECT_EQ(st.error().field, k.key);
  }
}

TEST(ConfigTest, ConfigFileErrorsGiveTheLine) {
  const auto path = std::filesystem::temp_directory_path() / "ipa-config-bad.conf";
  std::ofstream(path) << "IPA_LISTEN=1.2.3.4:5\nthis line is wrong\n";
  auto r = ReadConfigFile(path.string());
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find(":2:"), std::string::npos) << r.error().message;
  EXPECT_FALSE(ReadConfigFile("/nonexistent/ipa.conf").has_value());
  std::filesystem::remove(path);
}

TEST(ConfigTest, OriginsIncludeTheListenAddress) {
  Config c;
  c.listen = "127.0.0.1:8080";
  c.allowed_origins = {"https://ip.example.cn"};
  auto origins = c.Origins();
  EXPECT_NE(std::find(origins.begin(), origins.end(), "http://127.0.0.1:8080"), origins.end());
  EXPECT_NE(std::find(origins.begin(), origins.end(), "http://localhost:8080"), origins.end());
  EXPECT_NE(std::find(origins.begin(), origins.end(), "https://ip.example.cn"), origins.end());
}

}  // namespace
}  // namespace ipa::app
