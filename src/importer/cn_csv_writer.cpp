#include "importer/cn_csv_writer.hpp"

#include <array>
#include <cassert>
#include <cctype>
#include <optional>
#include <vector>

#include "core/region.hpp"
#include "core/region_inference.hpp"

namespace ipa::importer {
namespace {

using core::EventKind;
using core::Patent;

// The header of patents_sample.csv (../shared/data/cn-patents-fullschema-sample), in order.
// clang-format off
constexpr std::array<std::string_view, 61> kColumns = {
    "序号", "申请日", "公开日", "授权公告日", "申请人", "发明人", "申请号", "公开号", "授权公告号",
    "专利类型", "专利名称", "授权名称", "申请摘要", "主权项", "申请人地址", "法律状态", "主分类号",
    "分类号", "国省代码", "专利代理人", "专利代理机构", "优先权", "优先权日", "优先权数量",
    "全文链接", "第一发明人", "第一权利人", "申请人类型", "当前发明人", "当前权利人",
    "当前著录项联系人通讯地址", "当前专利代理人", "当前专利代理机构", "变更前代理机构", "法律事件",
    "引证专利", "非专利引证", "引证数", "同族专利", "专利转移次数", "许可次数", "质押次数",
    "简单同族数量", "转让日期", "失效日期", "质押日期", "许可日期", "无效宣告日期", "CPC主分类号",
    "CPC分类号", "FI主分类号", "FI分类号", "国际申请号", "国际申请日", "国际公开号", "国际公开日",
    "进入国家日期", "颁证日", "审查员", "审查时长", "实质审查日",
};
// clang-format on

// The index of a column by name; a misspelt name does not compile.
consteval size_t Col(std::string_view name) {
  for (size_t i = 0; i < kColumns.size(); ++i) {
    if (kColumns[i] == name) return i;
  }
  throw "not a column of the 61-column layout";
}

// Whether a date column writes "0" (the exports' integer-typed columns) or "" for no date.
enum class NoDate { kZero, kEmpty };

void AppendField(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendYmd(std::string& out, core::Date d) {
  int year = 0;
  unsigned month = 0, day = 0;
  core::SplitDate(d, year, month, day);
  unsigned v = static_cast<unsigned>(year) * 10000 + month * 100 + day;
  char digits[8];
  for (int i = 7; i >= 0; --i, v /= 10) digits[i] = static_cast<char>('0' + v % 10);
  out.append(digits, sizeof digits);
}

// Appends one row's fields in ascending column order; columns not written stay empty.
class RowWriter {
 public:
  explicit RowWriter(std::string& out) : out_(out) {}

  void Text(size_t column, std::string_view text) {
    MoveTo(column);
    AppendField(out_, text);
  }
  // The items, each made text by `to_text`, joined with ';'.
  template <class Items, class ToText>
  void Joined(size_t column, const Items& items, ToText to_text) {
    scratch_.clear();
    for (const auto& item : items) {
      if (!scratch_.empty()) scratch_ += ';';
      to_text(scratch_, item);
    }
    Text(column, scratch_);
  }
  void List(size_t column, const std::vector<std::string>& items) {
    Joined(column, items, [](std::string& out, const std::string& s) { out += s; });
  }
  void Date(size_t column, const std::optional<core::Date>& date, NoDate none) {
    MoveTo(column);
    if (date) {
      AppendYmd(out_, *date);
    } else if (none == NoDate::kZero) {
      out_ += '0';
    }
  }
  void Count(size_t column, size_t n) { Text(column, std::to_string(n)); }
  void Finish() { PadTo(kColumns.size()); }

 private:
  // Writes the separators of the columns before `column` (those not written stay empty).
  void PadTo(size_t column) {
    for (; next_ < column; ++next_) {
      if (next_ > 0) out_ += ',';
    }
  }
  void MoveTo(size_t column) {
    assert(column >= next_ && column < kColumns.size());
    PadTo(column + 1);
  }

  std::string& out_;
  std::string scratch_;
  size_t next_ = 0;
};

bool IsGranted(const Patent& p) { return p.grant_date.has_value() || !p.grant_number.empty(); }

std::string_view TypeText(const Patent& p) {
  switch (p.type) {
    case core::PatentType::kUtilityModel:
      return "实用新型";
    case core::PatentType::kDesign:
      return "外观设计";
    case core::PatentType::kInvention:
      break;
  }
  return IsGranted(p) ? "发明公开;发明授权" : "发明公开";
}

std::string ApplicationNumberText(const std::string& number) {
  const bool chinese = !number.empty() && std::isdigit(static_cast<unsigned char>(number[0]));
  return chinese ? "CN" + number : number;
}

// "天津(12)" for any code in Tianjin; "" when the code names no province.
std::string ProvinceText(std::string_view region_code) {
  static const std::array<std::string, 100> kByPrefix = [] {
    std::array<std::string, 100> out;
    for (const core::Region& r : core::AllRegions()) {
      if (r.level != core::RegionLevel::kProvince || r.code.size() != 6) continue;
      const std::string prefix = r.code.substr(0, 2);
      out[static_cast<size_t>(std::stoi(prefix))] =
          core::RegionShortName(r.name, r.level) + "(" + prefix + ")";
    }
    return out;
  }();
  if (region_code.size() < 2 || !std::isdigit(static_cast<unsigned char>(region_code[0])) ||
      !std::isdigit(static_cast<unsigned char>(region_code[1]))) {
    return {};
  }
  return kByPrefix[static_cast<size_t>((region_code[0] - '0') * 10 + (region_code[1] - '0'))];
}

std::optional<core::Date> EarliestEvent(const Patent& p, EventKind kind) {
  std::optional<core::Date> earliest;
  for (const core::LegalEvent& e : p.events) {
    if (e.kind == kind && (!earliest || e.date < *earliest)) earliest = e.date;
  }
  return earliest;
}

size_t CountEvents(const Patent& p, EventKind kind) {
  size_t n = 0;
  for (const core::LegalEvent& e : p.events) n += e.kind == kind ? 1 : 0;
  return n;
}

void AppendApplicant(std::string& out, const core::Applicant& a) { out += a.name; }

// 当前权利人: the assignee of the last recorded transfer, else the applicants.
void WriteCurrentOwners(RowWriter& w, const Patent& p) {
  for (auto it = p.events.rbegin(); it != p.events.rend(); ++it) {
    if (it->kind == EventKind::kTransfer && !it->to.empty()) {
      w.Text(Col("当前权利人"), it->to);
      return;
    }
  }
  w.Joined(Col("当前权利人"), p.applicants, AppendApplicant);
}

// 申请日 .. 法律状态.
void WriteBibliography(RowWriter& w, const Patent& p) {
  w.Date(Col("申请日"), p.filing_date, NoDate::kZero);
  w.Date(Col("公开日"), p.publication_date, NoDate::kZero);
  w.Date(Col("授权公告日"), p.grant_date, NoDate::kZero);
  w.Joined(Col("申请人"), p.applicants, AppendApplicant);
  w.List(Col("发明人"), p.inventors);
  w.Text(Col("申请号"), ApplicationNumberText(p.application_number));
  w.Text(Col("公开号"), p.publication_number);
  w.Text(Col("授权公告号"), p.grant_number);
  w.Text(Col("专利类型"), TypeText(p));
  w.Text(Col("专利名称"), p.title_zh);
  if (IsGranted(p)) w.Text(Col("授权名称"), p.title_zh);
  w.Text(Col("申请摘要"), p.abstract_zh);
  w.Text(Col("主权项"), p.first_claim);
  w.Text(Col("申请人地址"), p.applicant_address);
  w.Text(Col("法律状态"), p.source_status);
}

// 主分类号 .. 简单同族数量.
void WriteClassesAndParties(RowWriter& w, const Patent& p) {
  if (!p.ipc.empty()) w.Text(Col("主分类号"), p.ipc.front());
  w.List(Col("分类号"), p.ipc);
  w.Text(Col("国省代码"), ProvinceText(p.region_code));
  w.List(Col("专利代理人"), p.agents);
  w.Text(Col("专利代理机构"), p.agency);
  w.Joined(Col("优先权"), p.priorities, [](std::string& out, const core::PriorityClaim& c) {
    out += c.country;
    out += c.number;
  });
  w.Joined(Col("优先权日"), p.priorities, [](std::string& out, const core::PriorityClaim& c) {
    if (c.date) {
      AppendYmd(out, *c.date);
    } else {
      out += '0';
    }
  });
  w.Count(Col("优先权数量"), p.priorities.size());
  if (!p.inventors.empty()) w.Text(Col("第一发明人"), p.inventors.front());
  if (!p.applicants.empty()) w.Text(Col("第一权利人"), p.applicants.front().name);
  w.List(Col("当前发明人"), p.inventors);
  WriteCurrentOwners(w, p);
  w.Text(Col("当前著录项联系人通讯地址"), p.applicant_address);
  w.List(Col("当前专利代理人"), p.agents);
  w.Text(Col("当前专利代理机构"), p.agency);
  w.Count(Col("专利转移次数"), CountEvents(p, EventKind::kTransfer));
  w.Count(Col("许可次数"), CountEvents(p, EventKind::kLicence));
  w.Count(Col("质押次数"), CountEvents(p, EventKind::kPledgeRegistered));
}

// 转让日期 .. 无效宣告日期: the first event of each kind.
void WriteEventDates(RowWriter& w, const Patent& p) {
  w.Date(Col("转让日期"), EarliestEvent(p, EventKind::kTransfer), NoDate::kEmpty);
  w.Date(Col("失效日期"), EarliestEvent(p, EventKind::kLapseNonPayment), NoDate::kZero);
  w.Date(Col("质押日期"), EarliestEvent(p, EventKind::kPledgeRegistered), NoDate::kEmpty);
  w.Date(Col("许可日期"), EarliestEvent(p, EventKind::kLicence), NoDate::kEmpty);
  w.Date(Col("无效宣告日期"), EarliestEvent(p, EventKind::kInvalidationFull), NoDate::kEmpty);
}

// CPC主分类号 .. 实质审查日.
void WriteCpcAndPct(RowWriter& w, const Patent& p) {
  if (!p.cpc.empty()) w.Text(Col("CPC主分类号"), p.cpc.front());
  w.List(Col("CPC分类号"), p.cpc);
  if (p.pct) {
    w.Text(Col("国际申请号"), p.pct->application_number);
    w.Date(Col("国际申请日"), p.pct->filing_date, NoDate::kEmpty);
    w.Text(Col("国际公开号"), p.pct->publication_number);
    w.Date(Col("国际公开日"), p.pct->publication_date, NoDate::kEmpty);
    w.Date(Col("进入国家日期"), p.pct->national_entry_date, NoDate::kEmpty);
  }
  w.Date(Col("实质审查日"), p.examination_request_date, NoDate::kZero);
}

}  // namespace

std::string CnCsvHeader() {
  std::string out;
  for (const std::string_view name : kColumns) {
    if (!out.empty()) out += ',';
    out.append(name);
  }
  return out;
}

std::string ToCnCsvRow(const Patent& patent) {
  std::string out;
  out.reserve(512 + patent.abstract_zh.size() + patent.first_claim.size());
  RowWriter w(out);
  WriteBibliography(w, patent);
  WriteClassesAndParties(w, patent);
  WriteEventDates(w, patent);
  WriteCpcAndPct(w, patent);
  w.Finish();
  return out;
}

}  // namespace ipa::importer
