#include "importer_test_util.hpp"

#include <gtest/gtest.h>
#include <iconv.h>

#include <atomic>
#include <fstream>
#include <random>

#include "core/date.hpp"

namespace ipa::importer::testing {

Drained Drain(RecordReader& reader) {
  Drained out;
  while (true) {
    auto item = reader.Next();
    if (!item) {
      out.fatal = true;
      out.fatal_message = item.error().message;
      break;
    }
    if (!*item) break;
    ImportItem& it = **item;
    if (auto* p = std::get_if<core::Patent>(&it.value)) {
      out.patents.push_back(std::move(*p));
      out.patent_locations.push_back(it.where);
    } else if (auto* e = std::get_if<EventRecord>(&it.value)) {
      out.events.push_back(std::move(*e));
    } else {
      out.rejections.push_back(std::get<Rejection>(it.value));
    }
  }
  out.warnings = reader.Warnings();
  return out;
}

Drained DrainString(Format format, std::string data, const ReaderOptions& options) {
  auto reader = ReaderFromString(format, std::move(data), "input", options);
  return Drain(*reader);
}

Drained DrainFile(Format format, const std::string& path, const ReaderOptions& options) {
  auto reader = OpenReader(format, path, options);
  if (!reader) {
    Drained out;
    out.fatal = true;
    out.fatal_message = reader.error().message;
    return out;
  }
  return Drain(**reader);
}

std::map<std::string, int> CountReasons(const std::vector<Rejection>& rejections) {
  std::map<std::string, int> out;
  for (const auto& r : rejections) ++out[r.field + ": " + r.reason];
  return out;
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("ipa-importer-" + std::to_string(rd()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string SharedData(const std::string& relative) {
  return std::string(IPA_SOURCE_DIR) + "/../shared/data/" + relative;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string ToGbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t out_left = out.size();
  iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

namespace {

std::string Describe(const std::optional<core::Date>& d) {
  return d ? core::FormatDate(*d) : "none";
}

#define IPA_SAME(field) \
  if (!(a.field == b.field)) return ::testing::AssertionFailure() << #field " differs"
#define IPA_SAME_DATE(field)           \
  if (a.field != b.field)              \
  return ::testing::AssertionFailure() \
         << #field " differs: " << Describe(a.field) << " vs " << Describe(b.field)

::testing::AssertionResult SameEvent(const core::LegalEvent& a, const core::LegalEvent& b) {
  IPA_SAME(kind);
  IPA_SAME(date);
  IPA_SAME(patent_year);
  IPA_SAME(days);
  IPA_SAME(from);
  IPA_SAME(to);
  IPA_SAME(licence_type);
  IPA_SAME(licensee);
  IPA_SAME_DATE(term_start);
  IPA_SAME_DATE(term_end);
  IPA_SAME(territory);
  IPA_SAME(note);
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult SameParties(const core::Patent& a, const core::Patent& b) {
  if (a.applicants.size() != b.applicants.size())
    return ::testing::AssertionFailure() << "applicants";
  for (size_t i = 0; i < a.applicants.size(); ++i) {
    IPA_SAME(applicants[i].name);
    IPA_SAME(applicants[i].org_id);
  }
  if (a.priorities.size() != b.priorities.size())
    return ::testing::AssertionFailure() << "priorities";
  for (size_t i = 0; i < a.priorities.size(); ++i) {
    IPA_SAME(priorities[i].country);
    IPA_SAME(priorities[i].number);
    IPA_SAME_DATE(priorities[i].date);
  }
  IPA_SAME(pct.has_value());
  if (a.pct) {
    IPA_SAME(pct->application_number);
    IPA_SAME_DATE(pct->filing_date);
    IPA_SAME(pct->publication_number);
    IPA_SAME_DATE(pct->publication_date);
    IPA_SAME_DATE(pct->national_entry_date);
  }
  return ::testing::AssertionSuccess();
}

}  // namespace

::testing::AssertionResult SamePatent(const core::Patent& a, const core::Patent& b) {
  IPA_SAME(application_number);
  IPA_SAME(publication_number);
  IPA_SAME(grant_number);
  IPA_SAME(type);
  IPA_SAME(title_zh);
  IPA_SAME(title_en);
  IPA_SAME(abstract_zh);
  IPA_SAME(abstract_en);
  IPA_SAME(first_claim);
  IPA_SAME(ipc);
  IPA_SAME(cpc);
  IPA_SAME(inventors);
  IPA_SAME(applicant_address);
  IPA_SAME(region_code);
  IPA_SAME(region_rule);
  IPA_SAME(agency);
  IPA_SAME(agents);
  IPA_SAME_DATE(filing_date);
  IPA_SAME_DATE(publication_date);
  IPA_SAME_DATE(grant_date);
  IPA_SAME_DATE(examination_request_date);
  IPA_SAME(source);
  IPA_SAME(source_status);
  if (auto parties = SameParties(a, b); !parties) return parties;
  if (a.events.size() != b.events.size()) return ::testing::AssertionFailure() << "event count";
  for (size_t i = 0; i < a.events.size(); ++i) {
    if (auto same = SameEvent(a.events[i], b.events[i]); !same) {
      return same << " (event " << i << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace ipa::importer::testing
