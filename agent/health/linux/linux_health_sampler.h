#pragma once

#include "agent/health/health_sampler.h"
#include "agent/platform/fs_root.h"

namespace steward::agent {

// Reads /proc/uptime and /proc/loadavg through FsRoot.
class LinuxHealthSampler final : public HealthSampler {
 public:
  explicit LinuxHealthSampler(const FsRoot& fs) : fs_(fs) {}
  HealthSample sample() override;

 private:
  const FsRoot& fs_;
};

}  // namespace steward::agent
