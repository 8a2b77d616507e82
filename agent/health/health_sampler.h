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

class HealthSampler {
 public:
  virtual ~HealthSampler() = default;
  // Never fails: values that cannot be read are absent.
  virtual HealthSample sample() = 0;
};

}  // namespace steward::agent
