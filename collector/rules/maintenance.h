#pragma once

// Maintenance windows: while one is active for an asset, its rules raise nothing.

#include <string>
#include <vector>

#include "collector/rules/rule_set.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"

namespace steward::collector::rules {

// "Mon-Fri 22:00-23:30; Sun 01:00-05:00": days (Mon..Sun, ranges, commas) and a UTC
// time range per span; an end at or before the start runs into the next day.
Result<std::vector<WeeklySpan>> parseWeekly(const std::string& text);

// Shell-style glob: '*' any run, '?' one character; everything else literal.
bool globMatch(const std::string& pattern, const std::string& text);

// True when `window` is active at `now` (UTC) and matches the asset id or hostname.
bool inWindow(const MaintenanceWindow& window, const std::string& asset_id,
              const std::string& hostname, Clock::WallTime now);

// The name of the first window suppressing this asset at `now`, or "" for none.
std::string activeWindow(const std::vector<MaintenanceWindow>& windows, const std::string& asset_id,
                         const std::string& hostname, Clock::WallTime now);

}  // namespace steward::collector::rules
