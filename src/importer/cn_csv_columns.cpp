#include "importer/cn_csv_columns.hpp"

#include <optional>
#include <utility>

#include "core/text.hpp"

namespace ipa::importer {
namespace {

using C = CnColumn;

// Header spellings seen in exports (full-width brackets are folded before the lookup).
constexpr std::pair<std::string_view, CnColumn> kAliases[] = {
    {"申请号", C::kApplicationNumber},
    {"专利申请号", C::kApplicationNumber},
    {"application_number", C::kApplicationNumber},
    {"公开号", C::kPublicationNumber},
    {"公开(公告)号", C::kPublicationNumber},
    {"公告号", C::kPublicationNumber},
    {"publication_number", C::kPublicationNumber},
    {"授权公告号", C::kGrantNumber},
    {"授权号", C::kGrantNumber},
    {"专利类型", C::kType},
    {"专利名称", C::kTitle},
    {"名称", C::kTitle},
    {"标题", C::kTitle},
    {"title", C::kTitle},
    {"英文名称", C::kTitleEn},
    {"英文标题", C::kTitleEn},
    {"申请摘要", C::kAbstract},
    {"摘要", C::kAbstract},
    {"英文摘要", C::kAbstractEn},
    {"主权项", C::kFirstClaim},
    {"申请人", C::kApplicants},
    {"申请(专利权)人", C::kApplicants},
    {"专利权人", C::kApplicants},
    {"applicants", C::kApplicants},
    {"当前权利人", C::kCurrentOwners},
    {"发明人", C::kInventors},
    {"发明(设计)人", C::kInventors},
    {"设计人", C::kInventors},
    {"inventors", C::kInventors},
    {"申请人地址", C::kAddress},
    {"地址", C::kAddress},
    {"国省代码", C::kProvince},
    {"法律状态", C::kStatus},
    {"当前法律状态", C::kStatus},
    {"主分类号", C::kMainIpc},
    {"IPC主分类号", C::kMainIpc},
    {"分类号", C::kIpc},
    {"IPC分类号", C::kIpc},
    {"ipc_subclasses_true", C::kIpc},
    {"CPC主分类号", C::kMainCpc},
    {"CPC分类号", C::kCpc},
    {"专利代理机构", C::kAgency},
    {"代理机构", C::kAgency},
    {"专利代理人", C::kAgents},
    {"代理人", C::kAgents},
    {"优先权", C::kPriority},
    {"优先权号", C::kPriority},
    {"优先权日", C::kPriorityDate},
    {"申请日", C::kFilingDate},
    {"filing_date", C::kFilingDate},
    {"公开日", C::kPublicationDate},
    {"公开(公告)日", C::kPublicationDate},
    {"公告日", C::kPublicationDate},
    {"publication_date", C::kPublicationDate},
    {"授权公告日", C::kGrantDate},
    {"授权日", C::kGrantDate},
    {"实质审查日", C::kExaminationDate},
    {"实审日", C::kExaminationDate},
    {"国际申请号", C::kPctApplication},
    {"国际申请日", C::kPctFilingDate},
    {"国际公开号", C::kPctPublication},
    {"国际公开日", C::kPctPublicationDate},
    {"进入国家日期", C::kNationalEntryDate},
    {"转让日期", C::kTransferDate},
    {"失效日期", C::kLapseDate},
    {"质押日期", C::kPledgeDate},
    {"许可日期", C::kLicenceDate},
    {"无效宣告日期", C::kInvalidationDate},
};

std::optional<CnColumn> Lookup(std::string_view header) {
  const std::string folded = core::FoldFullWidth(core::Trim(header));
  for (const auto& [name, column] : kAliases) {
    if (name == folded) return column;
  }
  return std::nullopt;
}

}  // namespace

CnColumns::CnColumns(const std::vector<std::string>& header) {
  index_.fill(-1);
  for (size_t i = 0; i < header.size(); ++i) {
    const auto column = Lookup(header[i]);
    if (!column || Has(*column)) {
      ignored_.push_back(header[i]);
      continue;
    }
    index_[Slot(*column)] = static_cast<int>(i);
    names_[Slot(*column)] = header[i];
    ++known_;
  }
}

std::string_view CnColumns::Get(const std::vector<std::string>& fields, CnColumn c) const {
  const int i = index_[Slot(c)];
  if (i < 0 || static_cast<size_t>(i) >= fields.size()) return {};
  return fields[static_cast<size_t>(i)];
}

}  // namespace ipa::importer
