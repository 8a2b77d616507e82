#include "shared/common/clock.h"

#include <cstdio>
#include <ctime>

namespace steward {

std::string formatRfc3339(Clock::WallTime t) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  int millis = static_cast<int>(ms % 1000);
  if (millis < 0) {
    millis += 1000;
    secs -= 1;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}

Result<Clock::WallTime> parseRfc3339(const std::string& text) {
  int year, mon, day, hour, min, sec;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &mon, &day, &hour, &min, &sec,
                  &consumed) != 6 ||
      consumed != 19) {
    return makeError("bad_time", "not an RFC 3339 UTC time: '" + text + "'");
  }
  std::size_t pos = 19;
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return makeError("bad_time", "empty fraction in time: '" + text + "'");
    for (int d = digits; d < 3; ++d) millis *= 10;
  }
  if (pos + 1 != text.size() || text[pos] != 'Z') {
    return makeError("bad_time", "time must be UTC and end in 'Z': '" + text + "'");
  }
  if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) {
    return makeError("bad_time", "time out of range: '" + text + "'");
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = min;
  tm.tm_sec = sec;
  const std::time_t secs = timegm(&tm);
  return Clock::WallTime{std::chrono::seconds(secs) + std::chrono::milliseconds(millis)};
}

}  // namespace steward
