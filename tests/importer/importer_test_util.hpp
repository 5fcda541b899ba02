// Helpers for the importer tests: drain a reader into lists, temporary folders, the shared
// real-data folder, GBK bytes made with iconv, and a field-by-field patent comparison.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "importer/record.hpp"

namespace ipa::importer::testing {

struct Drained {
  std::vector<core::Patent> patents;
  std::vector<EventRecord> events;
  std::vector<Rejection> rejections;
  std::vector<Location> patent_locations;
  std::vector<std::string> warnings;
  bool fatal = false;
  std::string fatal_message;
};

Drained Drain(RecordReader& reader);
Drained DrainString(Format format, std::string data, const ReaderOptions& options = {});
Drained DrainFile(Format format, const std::string& path, const ReaderOptions& options = {});

// Rejection reasons counted, for reports: "field: reason" → count.
std::map<std::string, int> CountReasons(const std::vector<Rejection>& rejections);

// A fresh empty folder under the system temp folder, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// IPA_SOURCE_DIR "/../shared/data/" + relative.
std::string SharedData(const std::string& relative);

void WriteFile(const std::string& path, const std::string& bytes);
// UTF-8 → GBK (GB18030) bytes with iconv(3).
std::string ToGbk(const std::string& utf8);

// Field-by-field equality with a readable failure message.
::testing::AssertionResult SamePatent(const core::Patent& a, const core::Patent& b);

}  // namespace ipa::importer::testing
