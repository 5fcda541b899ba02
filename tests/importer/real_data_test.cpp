// Every real file in ../shared/data that the importers cover, with counts and the rejection
// reasons printed. Skips when the shared data folder is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "core/patent_normalize.hpp"
#include "importer_test_util.hpp"

namespace ipa::importer {
namespace {

namespace fs = std::filesystem;
using testing::Drained;

// Runs the lead's normalisation step over the parsed records; the number that pass.
size_t ReportNormalised(const Drained& out) {
  std::map<std::string, int> problems;
  size_t ok = 0;
  if (out.patents.empty()) return 0;
  for (core::Patent p : out.patents) {
    const auto status = core::NormalizePatent(p);
    if (status) {
      ++ok;
    } else {
      ++problems[status.error().field + ": " + status.error().message];
    }
  }
  std::printf("  after core::NormalizePatent: %zu of %zu pass\n", ok, out.patents.size());
  for (const auto& [reason, count] : problems) std::printf("  %6d × %s\n", count, reason.c_str());
  return ok;
}

// Prints the counts and reasons; returns how many records pass normalisation.
size_t Report(const std::string& name, const Drained& out) {
  std::printf("%s: imported %zu, rejected %zu\n", name.c_str(), out.patents.size(),
              out.rejections.size());
  for (const auto& [reason, count] : testing::CountReasons(out.rejections)) {
    std::printf("  %6d × %s\n", count, reason.c_str());
  }
  for (const auto& w : out.warnings) std::printf("  note: %s\n", w.c_str());
  return ReportNormalised(out);
}

// Decompresses an .xz file into `dir` with the xz tool; "" when that fails.
std::string Unxz(const std::string& path, const testing::TempDir& dir) {
  const std::string target = dir.File(fs::path(path).stem().string());
  const std::string cmd = "xz -dc '" + path + "' > '" + target + "'";
  return std::system(cmd.c_str()) == 0 ? target : "";
}

#define IPA_NEED_SHARED(path) \
  if (!fs::exists(path)) GTEST_SKIP() << "shared data not present: " << (path)

TEST(RealDataTest, FullSchemaSample) {
  const std::string path = testing::SharedData("cn-patents-fullschema-sample/patents_sample.csv");
  IPA_NEED_SHARED(path);
  const Drained out = testing::DrainFile(Format::kCnCsv, path);
  EXPECT_EQ(Report("cn-patents-fullschema-sample", out), 10u);
  ASSERT_FALSE(out.fatal) << out.fatal_message;
  EXPECT_EQ(out.patents.size(), 10u);
  EXPECT_TRUE(out.rejections.empty());
  for (const auto& p : out.patents) {
    EXPECT_EQ(p.region_code, "410000");
    EXPECT_FALSE(p.application_number.empty());
    EXPECT_TRUE(p.filing_date.has_value());
    EXPECT_FALSE(p.ipc.empty());
  }
}

TEST(RealDataTest, KoiHasNoNumbersSoRowsAreKeptForContentKeys) {
  const std::string path = testing::SharedData("cn-patents-koi/patent_info.csv.xz");
  IPA_NEED_SHARED(path);
  testing::TempDir dir;
  const std::string csv = Unxz(path, dir);
  ASSERT_FALSE(csv.empty());
  const Drained out = testing::DrainFile(Format::kCnCsv, csv);
  EXPECT_EQ(Report("cn-patents-koi", out), 4800u);
  EXPECT_EQ(out.patents.size() + out.rejections.size(), 4800u);
  EXPECT_EQ(out.patents.size(), 4800u);
  for (const auto& p : out.patents) {
    ASSERT_TRUE(p.application_number.empty() && p.publication_number.empty());
    ASSERT_FALSE(p.title_zh.empty());
    ASSERT_TRUE(p.filing_date.has_value());
  }
}

TEST(RealDataTest, IpcBenchmarkIsKeyedByPublicationNumber) {
  const std::string path = testing::SharedData("cn-ipc-benchmark/cn_title_ipc_subclass.csv.xz");
  IPA_NEED_SHARED(path);
  testing::TempDir dir;
  const std::string csv = Unxz(path, dir);
  ASSERT_FALSE(csv.empty());
  const Drained out = testing::DrainFile(Format::kCnCsv, csv);
  EXPECT_EQ(Report("cn-ipc-benchmark", out), 7794u);
  EXPECT_EQ(out.patents.size(), 7794u);
  EXPECT_TRUE(out.rejections.empty());
  for (const auto& p : out.patents) {
    ASSERT_FALSE(p.publication_number.empty());
    ASSERT_FALSE(p.ipc.empty()) << p.publication_number;
  }
}

TEST(RealDataTest, UsptoRedBookSamples) {
  const std::string path = testing::SharedData("uspto-redbook-xml/uspto_xml_samples.tar.xz");
  IPA_NEED_SHARED(path);
  testing::TempDir dir;
  const std::string cmd = "tar -xJf '" + path + "' -C '" + dir.path().string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir.path())) {
    if (e.is_regular_file() && e.path().extension() == ".xml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  size_t grants = 0, total_patents = 0, total_rejected = 0;
  for (const auto& f : files) {
    const Drained out = testing::DrainFile(Format::kUsptoXml, f.string());
    ASSERT_FALSE(out.fatal) << out.fatal_message;
    EXPECT_EQ(Report(fs::relative(f, dir.path()).string(), out), out.patents.size());
    for (const auto& p : out.patents) grants += p.grant_date.has_value();
    total_patents += out.patents.size();
    total_rejected += out.rejections.size();
    for (const auto& p : out.patents) EXPECT_TRUE(p.application_number.starts_with("US"));
  }
  std::printf("uspto-redbook-xml: %zu files, imported %zu (%zu grants), rejected %zu\n",
              files.size(), total_patents, grants, total_rejected);
  EXPECT_GE(grants, 421u);  // the 421 grants of the PatentsView weekly samples, plus singles
}

}  // namespace
}  // namespace ipa::importer
