// Parse and write throughput of the importers on generated records of realistic size
// (bench/README.md has the command and the recorded numbers).
#include <benchmark/benchmark.h>

#include <string>

#include "core/date.hpp"
#include "importer/jsonl_writer.hpp"
#include "importer/record.hpp"

namespace {

using namespace ipa;

constexpr int kRecords = 10000;

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// About 1.4 KB of JSON: a granted invention with abstract, claim, IPC, parties and 3 events.
core::Patent TypicalPatent(int i) {
  const auto d = [](int y, unsigned m, unsigned day) { return core::MakeDate(y, m, day); };
  core::Patent p;
  p.application_number = "2017" + std::to_string(10000000 + i) + ".3";
  p.publication_number = "CN" + std::to_string(107000000 + i) + "A";
  p.grant_number = "CN" + std::to_string(107000000 + i) + "B";
  p.title_zh = "一种锂离子电池正极材料及其制备方法";
  p.abstract_zh = Repeat("本发明公开了一种锂离子电池正极材料及其制备方法，", 6);
  p.first_claim = "1. 一种锂离子电池正极材料，其特征在于，包括……";
  p.ipc = {"H01M 10/0525", "H01M 4/36", "H01M 4/62"};
  p.applicants = {{"北京示例大学", std::nullopt}, {"天津示例科技有限公司", std::nullopt}};
  p.inventors = {"张三", "李四", "王五"};
  p.applicant_address = "100084北京市海淀区清华园1号";
  p.region_code = "110000";
  p.region_rule = core::RegionRule::kProvinceCode;
  p.agency = "北京示例专利代理事务所";
  p.agents = {"赵六"};
  p.filing_date = d(2017, 7, 25);
  p.publication_date = d(2017, 12, 1);
  p.grant_date = d(2019, 3, 1);
  p.events = {{.kind = core::EventKind::kGrant, .date = d(2019, 3, 1)},
              {.kind = core::EventKind::kAnnuityPaid, .date = d(2019, 7, 1), .patent_year = 3},
              {.kind = core::EventKind::kTransfer,
               .date = d(2020, 1, 1),
               .from = "北京示例大学",
               .to = "天津示例科技有限公司"}};
  p.source = "jsonl";
  p.source_status = "有权";
  return p;
}

// A 61-column export row of about 1.3 KB (the header of Chinese patent-database exports).
const char* kCnHeader =
    "序号,申请日,公开日,授权公告日,申请人,发明人,申请号,公开号,授权公告号,专利类型,专利名称,"
    "授权名称,申请摘要,主权项,申请人地址,法律状态,主分类号,分类号,国省代码,专利代理人,专利代理机构,"
    "优先权,优先权日,优先权数量,全文链接,第一发明人,第一权利人,申请人类型,当前发明人,当前权利人,"
    "当前著录项联系人通讯地址,当前专利代理人,当前专利代理机构,变更前代理机构,法律事件,引证专利,"
    "非专利引证,引证数,同族专利,专利转移次数,许可次数,质押次数,简单同族数量,转让日期,失效日期,"
    "质押日期,许可日期,无效宣告日期,CPC主分类号,CPC分类号,FI主分类号,FI分类号,国际申请号,"
    "国际申请日,国际公开号,国际公开日,进入国家日期,颁证日,审查员,审查时长,实质审查日\n";

std::string CnRow(int i) {
  const std::string n = std::to_string(10000000 + i);
  return std::to_string(i) +
         ",20171225,20180601,20200310,天津示例科技有限公司;北京示例大学,"
         "张三;李四;王五,CN2017" +
         n + ".3,CN1" + n + "A,CN1" + n +
         "B,发明公开;发明授权,"
         "一种锂离子电池正极材料,一种锂离子电池正极材料,\"" +
         Repeat("本发明公开了一种锂离子电池正极材料及其制备方法，", 6) +
         "\",\"1.一种锂离子电池正极材料，其特征在于，包括……\",300384天津市西青区,有权-审定授权,"
         "H01M10/0525,H01M10/0525;H01M4/36,天津(12),赵六,天津示例专利代理事务所,,,0,查看,张三,"
         "天津示例科技有限公司,企业,张三;李四;王五,天津示例科技有限公司,天津市西青区,赵六,"
         "天津示例专利代理事务所,,,,,0,,1,0,0,,20210301,0,,,,,,,,,,,,,,,0,20180620\n";
}

std::string JsonlCorpus() {
  std::string text;
  for (int i = 0; i < kRecords; ++i) text += importer::ToJsonLine(TypicalPatent(i)) + "\n";
  return text;
}

std::string CnCorpus() {
  std::string text = kCnHeader;
  for (int i = 0; i < kRecords; ++i) text += CnRow(i);
  return text;
}

void Drain(benchmark::State& state, importer::Format format, const std::string& text) {
  for (auto _ : state) {
    auto reader = importer::ReaderFromString(format, text, "bench");
    int64_t patents = 0;
    while (true) {
      auto item = reader->Next();
      if (!item || !*item) break;
      patents += std::holds_alternative<core::Patent>((*item)->value);
    }
    if (patents != kRecords) state.SkipWithError("records were rejected");
  }
  state.SetItemsProcessed(state.iterations() * kRecords);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

void BM_JsonlParse(benchmark::State& state) {
  Drain(state, importer::Format::kJsonl, JsonlCorpus());
}
void BM_CnCsvParse(benchmark::State& state) { Drain(state, importer::Format::kCnCsv, CnCorpus()); }

void BM_JsonlWrite(benchmark::State& state) {
  const core::Patent p = TypicalPatent(1);
  for (auto _ : state) benchmark::DoNotOptimize(importer::ToJsonLine(p));
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_JsonlParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CnCsvParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JsonlWrite);

}  // namespace

BENCHMARK_MAIN();
