// Calendar dates as days since 1970-01-01: cheap to compare and to store in columns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipa::core {

struct Date {
  int32_t days = 0;  // days since 1970-01-01 (proleptic Gregorian)
  auto operator<=>(const Date&) const = default;
};

// "2016-03-29" → Date; also accepts "20160329" and "2016.03.29" / "2016/3/29". nullopt when the
// text is not a real date between 1900-01-01 and 2199-12-31.
std::optional<Date> ParseDateText(std::string_view text);
std::string FormatDate(Date d);  // "2016-03-29"
Date MakeDate(int year, unsigned month, unsigned day);  // precondition: a real date
void SplitDate(Date d, int& year, unsigned& month, unsigned& day);
// Same day `years` later; 29 February becomes 28 February in a common year.
Date AddYears(Date d, int years);
// Same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
Date AddMonths(Date d, int months);
inline Date AddDays(Date d, int32_t n) { return Date{d.days + n}; }
Date Today();

}  // namespace ipa::core
