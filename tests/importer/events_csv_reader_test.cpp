#include "importer/events_csv_reader.hpp"

#include <gtest/gtest.h>

#include "core/date.hpp"
#include "importer_test_util.hpp"

namespace ipa::importer {
namespace {

using testing::DrainString;

const std::string kHeader =
    "application_number,kind,date,patent_year,days,from,to,licence_type,licensee,term_start,"
    "term_end,territory,note\n";

TEST(EventsCsvReaderTest, ReadsEveryKindOfField) {
  const auto out = DrainString(
      Format::kEventsCsv,
      kHeader +
          "201710601862.3,transfer,2021-03-04,,,北京示例大学,天津示例科技有限公司,,,,,,转让登记\n"
          "201710601862.3,licence,2022-01-10,,,,,exclusive,河北示例公司,2022-01-01,2026-12-31,"
          "河北省,\n"
          "201710601862.3,annuity_paid,2023-07-20,6,,,,,,,,,\n"
          "201710601862.3,term_compensation,2023-08-01,,120,,,,,,,,\n");
  ASSERT_TRUE(out.rejections.empty())
      << out.rejections[0].field << ": " << out.rejections[0].reason;
  ASSERT_EQ(out.events.size(), 4u);
  const auto& transfer = out.events[0];
  EXPECT_EQ(transfer.application_number, "201710601862.3");
  EXPECT_EQ(transfer.event.kind, core::EventKind::kTransfer);
  EXPECT_EQ(transfer.event.from, "北京示例大学");
  EXPECT_EQ(transfer.event.to, "天津示例科技有限公司");
  EXPECT_EQ(transfer.event.note, "转让登记");
  const auto& licence = out.events[1].event;
  EXPECT_EQ(licence.licence_type, core::LicenceType::kExclusive);
  EXPECT_EQ(licence.licensee, "河北示例公司");
  EXPECT_EQ(licence.term_end, core::MakeDate(2026, 12, 31));
  EXPECT_EQ(licence.territory, "河北省");
  EXPECT_EQ(out.events[2].event.patent_year, 6);
  EXPECT_EQ(out.events[3].event.days, 120);
}

TEST(EventsCsvReaderTest, ShuffledAndMissingOptionalColumns) {
  const auto out = DrainString(Format::kEventsCsv,
                               "date,kind,application_number,extra\n"
                               "20200101,grant,202010000004.5,x\n");
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].event.kind, core::EventKind::kGrant);
  EXPECT_EQ(out.events[0].event.date, core::MakeDate(2020, 1, 1));
  EXPECT_EQ(out.warnings.back(), "ignored columns: extra");
}

TEST(EventsCsvReaderTest, BadRowsAreRejectedNamingTheColumn) {
  const auto out = DrainString(Format::kEventsCsv,
                               kHeader +
                                   "A1,bogus,2020-01-01,,,,,,,,,,\n"
                                   "A2,grant,2021-02-29,,,,,,,,,,\n"
                                   "A3,annuity_paid,2021-03-01,,,,,,,,,,\n"
                                   "A4,licence,2021-03-01,,,,,weird,,,,,\n"
                                   "A5,licence,2021-03-01,,,,,sole,,2022-01-01,2021-01-01,,\n"
                                   ",grant,2021-03-01,,,,,,,,,,\n"
                                   "A7,grant,,,,,,,,,,,\n"
                                   "A8,annuity_paid,2021-03-01,x,,,,,,,,,\n"
                                   "A9,surrender,2021-03-01,,,,,,,,,,\n");
  const std::vector<std::string> fields = {"kind",         "date",       "patent_year",
                                           "licence_type", "term_end",   "application_number",
                                           "date",         "patent_year"};
  ASSERT_EQ(out.rejections.size(), fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    EXPECT_EQ(out.rejections[i].field, fields[i]) << out.rejections[i].reason;
    EXPECT_EQ(out.rejections[i].where.line, static_cast<int64_t>(i + 2));
  }
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].event.kind, core::EventKind::kSurrender);
}

TEST(EventsCsvReaderTest, HeaderMustNameTheRequiredColumns) {
  const auto out = DrainString(Format::kEventsCsv, "application_number,kind\nA1,grant\n");
  ASSERT_EQ(out.rejections.size(), 1u);
  EXPECT_EQ(out.rejections[0].field, "header");
  EXPECT_TRUE(out.events.empty());
}

}  // namespace
}  // namespace ipa::importer
