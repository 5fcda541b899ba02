// The demo patent corpus: a deterministic synthetic stream of Chinese patents with realistic
// shares of types, filing years, provinces and IPC fields, composed Chinese titles and
// abstracts, and legal histories (grants, annuities, lapses, transfers and licences from
// Beijing universities and institutes to Tianjin and Hebei companies).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/organization.hpp"
#include "core/patent.hpp"

namespace ipa::service {

// A member organisation that may appear as applicant, transferee, licensee or agency.
struct DemoApplicant {
  core::OrgId id;
  std::string name;                              // as it will be written on the patents
  std::string region_code;                       // GB/T 2260 (district, city or province)
  core::OrgType type = core::OrgType::kCompany;  // companies, universities, institutes apply;
                                                 // agencies act as patent agencies
};

struct DemoPatentOptions {
  int64_t count = 0;
  uint64_t seed = 2016;
  std::vector<DemoApplicant> members;
  // Events after this date are not generated: the corpus as a database would show it then.
  core::Date as_of = core::MakeDate(2026, 6, 30);
};

// Generates `options.count` patents and hands each to `sink`, in order, holding only a few
// hundred kilobytes of state whatever the count (filing years 1990-2025; applications not yet
// published by `as_of` have no publication number). The same options give the same records;
// the first k records do not depend on the count. Application and publication numbers are
// unique up to about 10 million records. Not thread-safe per call; calls may run in parallel.
void GenerateDemoPatents(const DemoPatentOptions& options,
                         const std::function<void(core::Patent&&)>& sink);

// The generator's targets, for checks and for the documentation of a demo corpus.
struct DemoShare {
  std::string key;
  double share = 0;
};
// "invention", "utility_model", "design": expected shares over all filing years.
std::vector<DemoShare> DemoTypeTargets();
// Province codes ("110000", ...) and their shares of the corpus (sum 1).
std::vector<DemoShare> DemoProvinceTargets();
// IPC sections "A".."H": shares of main IPC codes among patents that carry IPC (not designs).
std::vector<DemoShare> DemoIpcSectionTargets();
// Filing years "1990".."2025" and their shares of the corpus.
std::vector<DemoShare> DemoFilingYearTargets();
// Number of rows in the embedded vocabulary (data/demo/patent_vocab.tsv).
size_t DemoVocabularySize();

}  // namespace ipa::service
