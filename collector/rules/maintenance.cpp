#include "collector/rules/maintenance.h"

namespace steward::collector::rules {

bool globMatch(const std::string& pattern, const std::string& text) {
  // Iterative matcher with one backtrack point: linear enough for hostnames.
  std::size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
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

std::string activeWindow(const std::vector<MaintenanceWindow>& windows,
                         const std::string& asset_id, const std::string& hostname,
                         Clock::WallTime now) {
  for (const auto& window : windows) {
    if (inWindow(window, asset_id, hostname, now)) return window.name;
  }
  return "";
}

}  // namespace steward::collector::rules
