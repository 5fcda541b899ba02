#include <gtest/gtest.h>

#include "core/enforcement_case.hpp"

namespace ipa::core {
namespace {

using S = CaseStatus;

TEST(CaseWorkflow, TheTableAllowsExactlyTheDocumentedSteps) {
  const std::vector<std::pair<S, S>> allowed = {
      {S::kRegistered, S::kAccepted},     {S::kRegistered, S::kDismissed},   {S::kRegistered, S::kWithdrawn},
      {S::kAccepted, S::kInvestigating},  {S::kAccepted, S::kDismissed},     {S::kAccepted, S::kWithdrawn},
      {S::kInvestigating, S::kMediated},  {S::kInvestigating, S::kDecided},  {S::kInvestigating, S::kDismissed},
      {S::kInvestigating, S::kWithdrawn}, {S::kMediated, S::kClosed},        {S::kDecided, S::kClosed},
      {S::kDismissed, S::kClosed},        {S::kWithdrawn, S::kClosed}};
  int count = 0;
  for (S from : kAllCaseStatuses) {
    for (S to : kAllCaseStatuses) {
      const bool expected = std::find(allowed.begin(), allowed.end(), std::pair(from, to)) != allowed.end();
      EXPECT_EQ(IsAllowedTransition(from, to), expected) << CaseStatusName(from) << " -> " << CaseStatusName(to);
      count += expected;
    }
  }
  EXPECT_EQ(count, 14);
}

TEST(CaseWorkflow, ClosedIsFinalAndNothingReturnsToRegistered) {
  for (S to : kAllCaseStatuses) {
    EXPECT_FALSE(IsAllowedTransition(S::kClosed, to));
    EXPECT_FALSE(IsAllowedTransition(to, S::kRegistered));
    EXPECT_FALSE(IsAllowedTransition(to, to));
  }
  EXPECT_FALSE(IsAllowedTransition(S::kRegistered, S::kInvestigating));
  EXPECT_FALSE(IsAllowedTransition(S::kRegistered, S::kClosed));
}

TEST(CaseWorkflow, NamesRoundTrip) {
  for (S s : kAllCaseStatuses) EXPECT_EQ(ParseCaseStatus(CaseStatusName(s)), s);
  for (CaseType t : kAllCaseTypes) EXPECT_EQ(ParseCaseType(CaseTypeName(t)), t);
  EXPECT_EQ(ParseCaseType("counterfeit_marking"), CaseType::kCounterfeitMarking);
  EXPECT_FALSE(ParseCaseStatus("open").has_value());
  EXPECT_EQ(ParseTransferReason("respondent_domicile"), TransferReason::kRespondentDomicile);
  EXPECT_FALSE(ParseTransferReason("whim").has_value());
}

TEST(CaseNumber, OfficeYearAndFourDigitSerial) {
  EXPECT_EQ(FormatCaseNumber(Office::kTianjin, 2026, 7), "TJ-2026-0007");
  EXPECT_EQ(FormatCaseNumber(Office::kHebei, 2026, 12345), "HE-2026-12345");
  EXPECT_EQ(FormatCaseNumber(Office::kBeijing, 2027, 1), "BJ-2027-0001");
}

EnforcementCase Valid() {
  EnforcementCase c;
  c.complainant.name = "北京星河科技有限公司";
  c.respondent.name = " 沧州（河北）精工机械有限责任公司 ";
  c.respondent.credit_code = "91130100ma07l5xx0x";
  return c;
}

TEST(CaseValidation, NormalisesPartiesAndKeys) {
  EnforcementCase c = Valid();
  c.respondent.credit_code.clear();
  ASSERT_TRUE(NormalizeAndValidate(c).has_value());
  EXPECT_EQ(c.respondent.name, "沧州（河北）精工机械有限责任公司");
  EXPECT_FALSE(c.respondent.name_key.empty());
  EnforcementCase other = Valid();
  other.respondent.name = "沧州精工机械有限公司";
  other.respondent.credit_code.clear();
  ASSERT_TRUE(NormalizeAndValidate(other).has_value());
  EXPECT_EQ(other.respondent.name_key, c.respondent.name_key);
}

TEST(CaseValidation, NamesTheOffendingField) {
  auto field_of = [](EnforcementCase c) {
    auto st = NormalizeAndValidate(c);
    return st ? std::string("ok") : st.error().field;
  };
  EnforcementCase c = Valid();
  EXPECT_EQ(field_of(c), "respondent.credit_code");  // wrong check character
  c.respondent.credit_code.clear();
  EXPECT_EQ(field_of(c), "ok");
  EnforcementCase no_name = c;
  no_name.complainant.name = "  ";
  EXPECT_EQ(field_of(no_name), "complainant.name");
  EnforcementCase bad_patent = c;
  bad_patent.patents = {"201710601862.3", "12345"};
  EXPECT_EQ(field_of(bad_patent), "patents[1]");
  EnforcementCase bad_place = c;
  bad_place.places = {{"130902", "运河区"}, {"999999", "x"}};
  EXPECT_EQ(field_of(bad_place), "places[1].region_code");
  EnforcementCase bad_period = c;
  bad_period.period_from = MakeDate(2026, 5, 1);
  bad_period.period_to = MakeDate(2026, 4, 1);
  EXPECT_EQ(field_of(bad_period), "period_to");
}

TEST(CaseValidation, DuplicatePatentsCollapse) {
  EnforcementCase c = Valid();
  c.respondent.credit_code.clear();
  c.patents = {"201710601862.3", "201710601862.3"};
  ASSERT_TRUE(NormalizeAndValidate(c).has_value());
  EXPECT_EQ(c.patents.size(), 1u);
}

TEST(CaseDeadlines, AcceptanceThenResolutionThenNone) {
  EnforcementCase c;
  c.registered_on = MakeDate(2026, 11, 1);
  const CaseDeadlineRules rules{7, 90};
  auto d = CurrentDeadline(c, rules, MakeDate(2026, 11, 8));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, "acceptance");
  EXPECT_EQ(d->due, MakeDate(2026, 11, 8));
  EXPECT_FALSE(d->overdue);
  EXPECT_TRUE(CurrentDeadline(c, rules, MakeDate(2026, 11, 9))->overdue);
  c.status = CaseStatus::kInvestigating;
  c.accepted_on = MakeDate(2026, 11, 3);
  d = CurrentDeadline(c, rules, MakeDate(2027, 2, 1));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, "resolution");
  EXPECT_EQ(d->due, MakeDate(2027, 2, 1));
  EXPECT_FALSE(d->overdue);
  c.status = CaseStatus::kDecided;
  EXPECT_FALSE(CurrentDeadline(c, rules, MakeDate(2030, 1, 1)).has_value());
}

TEST(CasePeriods, OverlapWithOpenEnds) {
  const Date a = MakeDate(2026, 1, 1), b = MakeDate(2026, 6, 30), c = MakeDate(2026, 7, 1);
  EXPECT_TRUE(PeriodsOverlap(a, b, b, c));
  EXPECT_FALSE(PeriodsOverlap(a, b, c, std::nullopt));
  EXPECT_TRUE(PeriodsOverlap(a, std::nullopt, c, std::nullopt));
  EXPECT_FALSE(PeriodsOverlap(std::nullopt, std::nullopt, a, b));
}

}  // namespace
}  // namespace ipa::core
