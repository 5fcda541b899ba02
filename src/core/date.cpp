#include "core/date.hpp"

#include <charconv>
#include <cstdio>
#include <chrono>

namespace ipa::core {
namespace {

using std::chrono::year_month_day;

year_month_day Ymd(Date d) { return year_month_day{std::chrono::sys_days{std::chrono::days{d.days}}}; }

Date FromYmd(year_month_day ymd) {
  return Date{static_cast<int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

}  // namespace

Date MakeDate(int year, unsigned month, unsigned day) {
  return FromYmd(year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}});
}

void SplitDate(Date d, int& year, unsigned& month, unsigned& day) {
  const year_month_day ymd = Ymd(d);
  year = static_cast<int>(ymd.year());
  month = static_cast<unsigned>(ymd.month());
  day = static_cast<unsigned>(ymd.day());
}

std::optional<Date> ParseDateText(std::string_view text) {
  int parts[3] = {0, 0, 0};
  if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    std::from_chars(text.data(), text.data() + 4, parts[0]);
    std::from_chars(text.data() + 4, text.data() + 6, parts[1]);
    std::from_chars(text.data() + 6, text.data() + 8, parts[2]);
  } else {
    size_t pos = 0;
    for (int i = 0; i < 3; ++i) {
      const char* b = text.data() + pos;
      const char* e = text.data() + text.size();
      auto [p, ec] = std::from_chars(b, e, parts[i]);
      if (ec != std::errc() || p == b || p - b > 4) return std::nullopt;
      pos = static_cast<size_t>(p - text.data());
      if (i < 2) {
        if (pos >= text.size() || (text[pos] != '-' && text[pos] != '.' && text[pos] != '/')) return std::nullopt;
        ++pos;
      }
    }
    if (pos != text.size()) return std::nullopt;
  }
  if (parts[0] < 1900 || parts[0] > 2199 || parts[1] < 1 || parts[1] > 12 || parts[2] < 1) return std::nullopt;
  const year_month_day ymd{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                           std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return std::nullopt;
  return FromYmd(ymd);
}

std::string FormatDate(Date d) {
  int y;
  unsigned m, day;
  SplitDate(d, y, m, day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, day);
  return buf;
}

Date AddYears(Date d, int years) {
  year_month_day ymd = Ymd(d);
  year_month_day out{ymd.year() + std::chrono::years{years}, ymd.month(), ymd.day()};
  if (!out.ok()) out = year_month_day{out.year(), out.month(), std::chrono::day{28}};
  return FromYmd(out);
}

Date AddMonths(Date d, int months) {
  year_month_day ymd = Ymd(d);
  year_month_day out = ymd + std::chrono::months{months};
  if (!out.ok()) {
    out = year_month_day{std::chrono::year_month_day_last{out.year(), std::chrono::month_day_last{out.month()}}};
  }
  return FromYmd(out);
}

Date Today() {
  using namespace std::chrono;
  return Date{static_cast<int32_t>(floor<days>(system_clock::now()).time_since_epoch().count())};
}

}  // namespace ipa::core
