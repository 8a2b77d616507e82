#include "shared/http/http_date.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace steward::http {
namespace {

constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> digits(std::string_view text) {
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string formatHttpDate(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(t);
  const auto days = floor<std::chrono::days>(seconds);
  const year_month_day ymd(days);
  const hh_mm_ss hms(seconds - days);
  const weekday wd(days);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02ld:%02ld:%02ld GMT",
                std::string(kDays[wd.c_encoding()]).c_str(), static_cast<unsigned>(ymd.day()),
                std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]).c_str(),
                static_cast<int>(ymd.year()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()));
  return buffer;
}

std::optional<std::chrono::system_clock::time_point> parseHttpDate(std::string_view text) {
  using namespace std::chrono;
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 characters.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  bool known_day = false;
  for (const auto d : kDays) known_day = known_day || text.substr(0, 3) == d;
  if (!known_day) return std::nullopt;
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (text.substr(8, 3) == kMonths[i]) month = i + 1;
  }
  const auto day = digits(text.substr(5, 2));
  const auto y = digits(text.substr(12, 4));
  const auto h = digits(text.substr(17, 2));
  const auto m = digits(text.substr(20, 2));
  const auto s = digits(text.substr(23, 2));
  if (month == 0 || !day || !y || !h || !m || !s || *h > 23 || *m > 59 || *s > 60) {
    return std::nullopt;
  }
  const year_month_day ymd{year(*y), std::chrono::month(month),
                           std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return std::nullopt;
  return sys_days(ymd) + hours(*h) + minutes(*m) + seconds(*s);
}

}  // namespace steward::http
