#include "agent/health/health_watch.h"

#include <algorithm>
#include <cstdio>

namespace steward::agent {

namespace {

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::string format(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

bool isFlag(const wire::WatchLevel& level) { return level.signal == "filesystem_read_only"; }

}  // namespace

void HealthWatch::setLevels(const std::vector<wire::WatchLevel>& levels) {
  if (levels == levels_) return;
  std::map<Key, bool> reported;
  std::map<Key, Mono> follow_up;
  std::vector<bool> kept_level(levels.size(), false);
  for (std::size_t i = 0; i < levels_.size(); ++i) {
    const auto kept = std::find(levels.begin(), levels.end(), levels_[i]);
    if (kept == levels.end()) continue;
    const auto j = static_cast<std::size_t>(kept - levels.begin());
    kept_level[j] = true;
    for (const auto& [key, faulty] : reported_) {
      if (key.level == i) reported[Key{j, key.subject}] = faulty;
    }
    for (const auto& [key, due] : follow_up_) {
      if (key.level == i) follow_up[Key{j, key.subject}] = due;
    }
  }
  levels_ = levels;
  // New levels arrive in the reply to a report the collector judged with the rules
  // they come from: the last heartbeat's values are what it saw of them.
  if (last_health_) {
    for (const auto& [key, reading] : readings(*last_health_, last_cpus_)) {
      if (!kept_level[key.level]) reported[key] = side(levels_[key.level], reading.value, false);
    }
  }
  reported_ = std::move(reported);
  follow_up_ = std::move(follow_up);
}

WatchNeeds HealthWatch::needs() const {
  WatchNeeds needs;
  for (const auto& level : levels_) {
    const std::string& s = level.signal;
    needs.memory = needs.memory || s == "memory_usage" || s == "swap_usage";
    needs.load = needs.load || s == "load_per_cpu";
    needs.filesystems = needs.filesystems || s == "filesystem_usage" || s == "inode_usage" ||
                        s == "filesystem_read_only";
  }
  return needs;
}

// The same quantities the collector's rules compute (collector/rules/health_observations.cpp).
std::map<HealthWatch::Key, HealthWatch::Reading> HealthWatch::readings(
    const wire::Health& h, std::optional<int> cpus) const {
  std::map<Key, Reading> out;
  for (std::size_t i = 0; i < levels_.size(); ++i) {
    const std::string& signal = levels_[i].signal;
    if (signal == "filesystem_usage") {
      for (const auto& f : h.filesystems) {
        const auto usable = f.used_bytes + f.available_bytes;
        if (usable == 0) continue;
        out[Key{i, f.mount_point}] = {percent(f.used_bytes, usable), "usage of " + f.mount_point};
      }
    } else if (signal == "inode_usage") {
      for (const auto& f : h.filesystems) {
        if (!f.inodes_total || !f.inodes_free || *f.inodes_total == 0) continue;
        const auto used = *f.inodes_total - std::min(*f.inodes_free, *f.inodes_total);
        out[Key{i, f.mount_point}] = {percent(used, *f.inodes_total),
                                      "inode usage of " + f.mount_point};
      }
    } else if (signal == "filesystem_read_only") {
      for (const auto& f : h.filesystems) {
        out[Key{i, f.mount_point}] = {f.read_only ? 1.0 : 0.0, f.mount_point};
      }
    } else if (signal == "memory_usage") {
      if (!h.memory_total_bytes || !h.memory_available_bytes || *h.memory_total_bytes == 0) {
        continue;
      }
      const auto total = *h.memory_total_bytes;
      out[Key{i, ""}] = {percent(total - std::min(*h.memory_available_bytes, total), total),
                         "memory usage"};
    } else if (signal == "swap_usage") {
      if (!h.swap_total_bytes || !h.swap_free_bytes || *h.swap_total_bytes == 0) continue;
      const auto total = *h.swap_total_bytes;
      out[Key{i, ""}] = {percent(total - std::min(*h.swap_free_bytes, total), total), "swap usage"};
    } else if (signal == "load_per_cpu") {
      if (!h.load5) continue;
      out[Key{i, ""}] = {cpus && *cpus > 0 ? *h.load5 / *cpus : *h.load5, "load5 per CPU"};
    }
  }
  return out;
}

bool HealthWatch::side(const wire::WatchLevel& level, double value, bool before) const {
  if (isFlag(level)) return value != 0;
  if (value >= level.raise) return true;
  if (value <= level.clear) return false;
  return before;  // inside the hysteresis band
}

void HealthWatch::reported(const wire::Health& health, std::optional<int> cpus, Mono now) {
  std::map<Key, bool> sides;
  for (const auto& [key, reading] : readings(health, cpus)) {
    const auto before = reported_.find(key);
    const bool was = before != reported_.end() && before->second;
    const bool faulty = side(levels_[key.level], reading.value, was);
    sides[key] = faulty;
    const std::int64_t duration = levels_[key.level].duration_ms;
    if (faulty && !was && duration > 0) {
      follow_up_[key] = now + std::chrono::milliseconds(duration) + kFollowUpMargin;
    }
  }
  // A follow-up is done once a heartbeat went at its time; a fault gone needs none.
  std::erase_if(follow_up_, [&](const auto& entry) {
    const auto s = sides.find(entry.first);
    return entry.second <= now || s == sides.end() || !s->second;
  });
  reported_ = std::move(sides);
  last_report_ = now;
  last_health_ = health;
  last_cpus_ = cpus;
}

std::optional<std::string> HealthWatch::check(const wire::Health& health, std::optional<int> cpus,
                                              Mono now, std::chrono::milliseconds min_gap) const {
  if (levels_.empty()) return std::nullopt;
  if (last_report_ && now - *last_report_ < min_gap) return std::nullopt;
  for (const auto& [key, reading] : readings(health, cpus)) {
    const wire::WatchLevel& level = levels_[key.level];
    const auto before = reported_.find(key);
    const bool was = before != reported_.end() && before->second;
    const bool faulty = side(level, reading.value, was);
    if (isFlag(level)) {
      if (faulty != was) return reading.what + (faulty ? " is read-only" : " is writable again");
      continue;
    }
    if (faulty != was) {
      return reading.what + " is " + format(reading.value) +
             (faulty ? " (raise at " + format(level.raise) + ")"
                     : " (clear at " + format(level.clear) + ")");
    }
    const auto due = follow_up_.find(key);
    if (due != follow_up_.end() && due->second <= now && reading.value >= level.raise) {
      return reading.what + " is still " + format(reading.value) + " after " +
             std::to_string(level.duration_ms) + " ms";
    }
  }
  return std::nullopt;
}

}  // namespace steward::agent
