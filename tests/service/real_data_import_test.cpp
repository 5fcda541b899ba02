// Every real file in ../shared/data goes through the whole import pipeline (reader,
// normalisation, storage) with its counts, and every rejection has its reason.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "service/patent_import.hpp"
#include "support/test_db.hpp"

namespace ipa::testing {
namespace {

namespace fs = std::filesystem;

const std::string kData = std::string(IPA_SOURCE_DIR) + "/../shared/data";

class RealDataImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kData)) GTEST_SKIP() << "../shared/data is absent";
    tmp_ = fs::temp_directory_path() / ("ipa-real-" + std::to_string(::getpid()));
    fs::create_directories(tmp_);
    tdb_ = std::make_unique<TestDatabase>(Backend::kSqlite);
    ASSERT_TRUE(tdb_->ok());
  }
  void TearDown() override { fs::remove_all(tmp_); }

  std::string Unxz(const std::string& rel, const std::string& name) {
    const std::string out = (tmp_ / name).string();
    const std::string cmd = "xz -dc '" + kData + "/" + rel + "' > '" + out + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return out;
  }

  service::ImportSummary Import(importer::Format format, std::vector<std::string> files) {
    service::ImportOptions options;
    options.format = format;
    options.files = std::move(files);
    auto summary = service::ImportPatents(tdb_->db(), {}, options, /*system=*/true);
    EXPECT_TRUE(summary.has_value()) << (summary ? "" : summary.error().message);
    return summary.value_or(service::ImportSummary{});
  }

  fs::path tmp_;
  std::unique_ptr<TestDatabase> tdb_;
};

TEST_F(RealDataImportTest, ChinesePatentFiles) {
  auto sample = Import(importer::Format::kCnCsv, {kData + "/cn-patents-fullschema-sample/patents_sample.csv"});
  EXPECT_EQ(service::SummaryLine(sample), "imported 10, updated 0, rejected 0");
  auto ipc = Import(importer::Format::kCnCsv, {Unxz("cn-ipc-benchmark/cn_title_ipc_subclass.csv.xz", "ipc.csv")});
  EXPECT_EQ(service::SummaryLine(ipc), "imported 7794, updated 0, rejected 0") << "keyed by publication number";
  // koi has no numbers at all: records are keyed by title, filing date, applicants and
  // inventors, and the scraper's repeats of one record (found under several search keywords)
  // update it instead of adding it twice.
  auto koi = Import(importer::Format::kCnCsv, {Unxz("cn-patents-koi/patent_info.csv.xz", "koi.csv")});
  EXPECT_EQ(koi.imported + koi.updated, 4800);
  EXPECT_EQ(koi.rejected, 0);
  EXPECT_GT(koi.imported, 4400);
  RecordProperty("koi", service::SummaryLine(koi));
}

TEST_F(RealDataImportTest, UsptoRedBookFilesWithEveryRejectionExplained) {
  const std::string dir = (tmp_ / "us").string();
  fs::create_directories(dir);
  const std::string cmd = "tar -xJf '" + kData + "/uspto-redbook-xml/uspto_xml_samples.tar.xz' -C '" + dir + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".xml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  auto us = Import(importer::Format::kUsptoXml, files);
  EXPECT_EQ(us.imported, 432) << service::SummaryLine(us);
  EXPECT_EQ(us.rejected, 14);
  for (const auto& r : us.rejections) {
    // Sequence listings, the pre-2005 SGML and application formats, CPC scheme files.
    EXPECT_TRUE(r.reason.starts_with("not a red-book patent document")) << r.where.file << ": " << r.reason;
  }
}

}  // namespace
}  // namespace ipa::testing
