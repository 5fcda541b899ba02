// Builders for patent records in the core tests: dates from text, events, annuity payments.
#pragma once

#include <gtest/gtest.h>

#include "core/patent.hpp"

namespace ipa::testing {

using core::Date;
using core::EventKind;
using core::LegalEvent;
using core::Patent;
using core::PatentType;

inline Date D(const char* text) {
  auto d = core::ParseDateText(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date{});
}

inline Patent MakePatent(PatentType type, const char* filed, const char* granted = nullptr) {
  Patent p;
  p.type = type;
  p.filing_date = D(filed);
  if (granted) p.grant_date = D(granted);
  return p;
}

inline LegalEvent Event(EventKind kind, const char* date, int patent_year = 0, int days = 0) {
  LegalEvent e;
  e.kind = kind;
  e.date = D(date);
  e.patent_year = patent_year;
  e.days = days;
  return e;
}

inline LegalEvent Paid(int patent_year, const char* date) {
  return Event(EventKind::kAnnuityPaid, date, patent_year);
}

// A utility model filed 2015-03-10, granted in its first year; year 2 paid on time, year 3 in
// the second month of grace, year 4 never.
inline Patent LateThenUnpaid() {
  Patent p = MakePatent(PatentType::kUtilityModel, "2015-03-10", "2015-09-01");
  p.events = {Paid(2, "2016-03-01"), Paid(3, "2017-04-20")};
  return p;
}

}  // namespace ipa::testing
