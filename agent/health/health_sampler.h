#pragma once

// What a heartbeat says about the machine's health, sampled just before sending.

#include <optional>

#include "shared/wire/inventory.h"

namespace steward::agent {

struct HealthSample {
  std::optional<double> uptime_seconds;
  std::optional<double> load1;
  std::optional<wire::Health> health = {};  // the rest; absent when nothing could be read
};

// What a watch sample (agent/health/health_watch.h) has to read.
struct WatchNeeds {
  bool memory = false;       // memory and swap
  bool load = false;         // load averages
  bool filesystems = false;  // usage, inodes and read-only flags of the mounts
};

class HealthSampler {
 public:
  virtual ~HealthSampler() = default;
  // Never fails: values that cannot be read are absent.
  virtual HealthSample sample() = 0;
  // Only the cheap signals `needs` asks for, every watch interval: files and statvfs,
  // never a process (no systemctl, no smartctl) and no CPU-utilisation bookkeeping.
  virtual HealthSample watchSample(const WatchNeeds& needs) = 0;
};

}  // namespace steward::agent
