// The columns of Chinese patent-database CSV exports (the 61-column layout and its subsets,
// plus the English headers of the koi and ipc-benchmark files), found by header name.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace ipa::importer {

enum class CnColumn {
  kApplicationNumber,
  kPublicationNumber,
  kGrantNumber,
  kType,
  kTitle,
  kTitleEn,
  kAbstract,
  kAbstractEn,
  kFirstClaim,
  kApplicants,
  kCurrentOwners,
  kInventors,
  kAddress,
  kProvince,
  kStatus,
  kMainIpc,
  kIpc,
  kMainCpc,
  kCpc,
  kAgency,
  kAgents,
  kPriority,
  kPriorityDate,
  kFilingDate,
  kPublicationDate,
  kGrantDate,
  kExaminationDate,
  kPctApplication,
  kPctFilingDate,
  kPctPublication,
  kPctPublicationDate,
  kNationalEntryDate,
  kTransferDate,
  kLapseDate,
  kPledgeDate,
  kLicenceDate,
  kInvalidationDate,
  kCount,
};
inline constexpr size_t kCnColumnCount = static_cast<size_t>(CnColumn::kCount);

// Where each known column sits in a file's header.
class CnColumns {
 public:
  // Header names are matched after trimming and folding full-width brackets; the first of
  // duplicate names wins. Columns that map to no patent field are listed in `ignored()`.
  explicit CnColumns(const std::vector<std::string>& header);

  bool Has(CnColumn c) const { return index_[Slot(c)] >= 0; }
  // The column's text in `fields` (untrimmed), "" when the file lacks the column.
  std::string_view Get(const std::vector<std::string>& fields, CnColumn c) const;
  // The header name as the file spells it, for rejections.
  const std::string& Name(CnColumn c) const { return names_[Slot(c)]; }
  const std::vector<std::string>& ignored() const { return ignored_; }
  bool empty() const { return known_ == 0; }

 private:
  static size_t Slot(CnColumn c) { return static_cast<size_t>(c); }
  std::array<int, kCnColumnCount> index_;
  std::array<std::string, kCnColumnCount> names_;
  std::vector<std::string> ignored_;
  size_t known_ = 0;
};

}  // namespace ipa::importer
