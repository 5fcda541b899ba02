#include "core/time.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace ipa::core {

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatIsoTime(int64_t unix_ms) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(unix_ms)));
  const year_month_day ymd(day);
  int64_t ms_of_day = unix_ms - duration_cast<milliseconds>(day.time_since_epoch()).count();
  const int h = static_cast<int>(ms_of_day / 3'600'000);
  const int m = static_cast<int>(ms_of_day / 60'000 % 60);
  const int s = static_cast<int>(ms_of_day / 1000 % 60);
  const int ms = static_cast<int>(ms_of_day % 1000);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), h, m, s, ms);
  return buf;
}

Result<std::string> ParseDate(std::string_view text, std::string_view field) {
  auto bad = [&](std::string why) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string(field) + ": '" + std::string(text.substr(0, 32)) + "' " + why,
                std::string(field));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad("is not a date YYYY-MM-DD");
  int y = 0;
  unsigned mo = 0, d = 0;
  auto num = [&](std::string_view part, auto& out) {
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && p == part.data() + part.size();
  };
  if (!num(text.substr(0, 4), y) || !num(text.substr(5, 2), mo) || !num(text.substr(8, 2), d)) {
    return bad("is not a date YYYY-MM-DD");
  }
  if (y < 1900 || y > 2199) return bad("has a year outside 1900-2199");
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                        std::chrono::day(d)};
  if (!ymd.ok()) return bad("is not a day of the calendar");
  return std::string(text);
}

int64_t DaysFromCivil(int year, unsigned month, unsigned day) {
  using namespace std::chrono;
  return sys_days(year_month_day{std::chrono::year(year), std::chrono::month(month),
                                 std::chrono::day(day)})
      .time_since_epoch()
      .count();
}

}  // namespace ipa::core
