#include "collector/rules/maintenance.h"

#include <array>
#include <cctype>
#include <sstream>

#include "shared/common/glob.h"
#include "shared/common/text.h"

namespace steward::collector::rules {

// "Mon-Fri 22:00-23:30; Sun 01:00-05:00": days (Mon..Sun, ranges, commas) and a
// UTC time range; an end at or before the start runs into the next day.
Result<std::vector<WeeklySpan>> parseWeekly(const std::string& text) {
  static const std::array<std::string, 7> kDays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  const auto day = [&](std::string name) -> int {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int i = 0; i < 7; ++i) {
      if (kDays[static_cast<std::size_t>(i)] == name) return i;
    }
    return -1;
  };
  const auto minute = [](const std::string& hm) -> int {
    if (hm.size() != 5 || hm[2] != ':') return -1;
    for (int i : {0, 1, 3, 4}) {
      if (!std::isdigit(static_cast<unsigned char>(hm[static_cast<std::size_t>(i)]))) return -1;
    }
    const int h = std::stoi(hm.substr(0, 2)), m = std::stoi(hm.substr(3, 2));
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
    return h * 60 + m;
  };
  std::vector<WeeklySpan> spans;
  std::istringstream parts(text);
  for (std::string part; std::getline(parts, part, ';');) {
    part = trimmed(part);
    const auto space = part.find(' ');
    if (space == std::string::npos) {
      return makeError("weekly",
                       "'" + part + "' is not 'DAYS HH:MM-HH:MM' (e.g. Mon-Fri 22:00-23:30)");
    }
    const std::string days = part.substr(0, space), times = trimmed(part.substr(space));
    const auto dash = times.find('-');
    const int start = dash == std::string::npos ? -1 : minute(times.substr(0, dash));
    const int end = dash == std::string::npos ? -1 : minute(times.substr(dash + 1));
    if (start < 0 || end < 0 || start >= 24 * 60) {
      return makeError("weekly", "'" + times + "' is not a time range HH:MM-HH:MM");
    }
    const int length = end > start ? end - start : end + 24 * 60 - start;
    std::istringstream list(days);
    for (std::string item; std::getline(list, item, ',');) {
      const auto range = item.find('-');
      const int first = day(item.substr(0, range));
      const int last = range == std::string::npos ? first : day(item.substr(range + 1));
      if (first < 0 || last < 0) {
        return makeError("weekly", "'" + item + "' is not a day or day range (Mon..Sun)");
      }
      for (int d = first;; d = (d + 1) % 7) {
        spans.push_back(WeeklySpan{d, start, length});
        if (d == last) break;
      }
    }
  }
  if (spans.empty()) return makeError("weekly", "no days given");
  return spans;
}

bool globMatch(const std::string& pattern, const std::string& text) {
  return steward::globMatch(std::string_view(pattern), std::string_view(text));
}

bool inWindow(const MaintenanceWindow& window, const std::string& asset_id,
              const std::string& hostname, Clock::WallTime now) {
  bool matches = false;
  for (const auto& pattern : window.match) {
    matches = matches || globMatch(pattern, asset_id) ||
              (!hostname.empty() && globMatch(pattern, hostname));
  }
  if (!matches) return false;
  if (window.from && now < *window.from) return false;
  if (window.until && now >= *window.until) return false;
  if (window.weekly.empty()) return true;

  using namespace std::chrono;
  const auto minutes_since_epoch = duration_cast<minutes>(now.time_since_epoch()).count();
  // 1970-01-01 was a Thursday (day 3 when Monday is 0).
  constexpr std::int64_t kWeek = 7 * 24 * 60;
  const std::int64_t minute_of_week = ((minutes_since_epoch + 3 * 24 * 60) % kWeek + kWeek) % kWeek;
  for (const auto& span : window.weekly) {
    const std::int64_t start = span.day * 24 * 60 + span.start_minute;
    const std::int64_t offset = ((minute_of_week - start) % kWeek + kWeek) % kWeek;
    if (offset < span.length_minutes) return true;
  }
  return false;
}

std::string activeWindow(const std::vector<MaintenanceWindow>& windows, const std::string& asset_id,
                         const std::string& hostname, Clock::WallTime now) {
  for (const auto& window : windows) {
    if (inWindow(window, asset_id, hostname, now)) return window.name;
  }
  return "";
}

}  // namespace steward::collector::rules
