// The real 61-column sample carries the source's legal status (法律状态). Imported through the
// real pipeline, our computed status must agree with it on a day when the export was current.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/legal_status.hpp"
#include "service/patent_import.hpp"
#include "store/patent_repo.hpp"
#include "support/test_db.hpp"

namespace ipa::testing {
namespace {

// The reading of 法律状态's first part: 有权 (in force), 审中 (under examination), 无权 (no right).
std::string Expected(const std::string& source_status) {
  if (source_status.starts_with("有权")) return "in force";
  if (source_status.starts_with("审中")) return "pending";
  if (source_status.starts_with("无权")) return "ended";
  return "unknown";
}

std::string Computed(core::LegalStatus s) {
  if (core::IsInForce(s)) return "in force";
  if (s == core::LegalStatus::kPending) return "pending";
  return "ended";
}

TEST(SampleStatusTest, ComputedStatusAgreesWithTheSourcesLegalStatus) {
  const std::string path = std::string(IPA_SOURCE_DIR) + "/../shared/data/cn-patents-fullschema-sample/patents_sample.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "../shared/data is absent; " << path;
  TestDatabase tdb(Backend::kSqlite);
  ASSERT_TRUE(tdb.ok());
  service::ImportOptions options;
  options.format = importer::Format::kCnCsv;
  options.files = {path};
  auto summary = service::ImportPatents(tdb.db(), {}, options, /*system=*/true);
  ASSERT_TRUE(summary.has_value()) << summary.error().message;
  EXPECT_EQ(summary->imported, 10);
  EXPECT_EQ(summary->rejected, 0);
  auto rows = store::ReadValue<std::vector<std::pair<core::PatentId, core::Patent>>>(
      tdb.db(), [](store::Tx& tx) { return store::ListPatents(tx, {}, 0, 100); });
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 10u);
  // The newest date in the file is a grant announced on 2024-04-05: the export is at least that
  // recent. No record carries annuity payments or lapses, so the status is the same any day
  // from then until the utility models' terms end (2031).
  const core::Date export_day = core::MakeDate(2024, 6, 30);
  int agree = 0;
  for (const auto& [id, p] : *rows) {
    const core::LegalStatus s = core::LegalStatusOn(core::CompileFacts(p), export_day);
    EXPECT_EQ(Computed(s), Expected(p.source_status))
        << p.application_number << ": source says " << p.source_status << ", computed " << core::LegalStatusName(s);
    agree += Computed(s) == Expected(p.source_status);
  }
  RecordProperty("agreeing", agree);
  EXPECT_EQ(agree, 10);
}

}  // namespace
}  // namespace ipa::testing
