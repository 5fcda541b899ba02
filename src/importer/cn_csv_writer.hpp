// The 61-column CSV layout of Chinese patent-database exports, writing side: a patent as one
// row in the column order and value formats of the real exports (patents_sample.csv), so that
// the cn-csv reader can be exercised and benchmarked on generated data.
#pragma once

#include <string>
#include <string_view>

#include "core/patent.hpp"

namespace ipa::importer {

// Rows end with CR LF, as in the real exports and RFC 4180.
inline constexpr std::string_view kCnCsvLineEnd = "\r\n";

// The 61 Chinese column names in the order of the real exports (序号,申请日,...,实质审查日),
// comma-separated, without a line end.
std::string CnCsvHeader();

// The patent as one row of CnCsvHeader()'s columns, without a line end. RFC 4180: a field with
// a comma, a quote or a line break is quoted, quotes doubled. Values as the exports write them:
//  - dates YYYYMMDD; none is "0" in the integer-typed date columns of the exports (申请日,
//    公开日, 授权公告日, 失效日期, 实质审查日) and empty in the others;
//  - 申请号 "CN" + the number when it starts with a digit; 专利类型 发明公开, 发明公开;发明授权
//    (granted), 实用新型 or 外观设计;
//  - lists joined with ';' (a name that itself contains ';' is split when read back);
//  - 国省代码 "天津(12)" from the province of region_code, empty without a region;
//  - 转让/许可/质押/失效/无效宣告日期 from the first transfer, licence, pledge_registered,
//    lapse_non_payment and invalidation_full event; other events are not written;
//  - columns with no counterpart in core::Patent (序号, 全文链接, 引证专利, 审查员, ...) empty.
// Not written, as the layout has no place for them: title_en, abstract_en, applicants' org ids,
// region_rule, district-level region codes, source, and the events other than the five above.
// Thread-safe.
std::string ToCnCsvRow(const core::Patent& patent);

}  // namespace ipa::importer
