#pragma once

#include <optional>
#include <vector>

#include "agent/health/health_sampler.h"
#include "agent/health/linux/proc_stat.h"
#include "agent/health/linux/smart_monitor.h"
#include "agent/inventory/linux/proc_mounts.h"
#include "agent/inventory/linux/systemd_units.h"
#include "agent/platform/fs_root.h"
#include "agent/transport/clock_offset.h"

namespace steward::agent {

// Where the health fields that are not files come from; a null source leaves its
// field absent (failed units, clock offset) or empty (SMART).
struct HealthSources {
  const SystemdUnits* systemd = nullptr;
  SmartMonitor* smart = nullptr;
  const ClockOffset* clock_offset = nullptr;
};

// Reads /proc/{uptime,loadavg,meminfo,mounts,stat} and filesystem usage through
// FsRoot, and asks `sources` for the rest.
class LinuxHealthSampler final : public HealthSampler {
 public:
  explicit LinuxHealthSampler(const FsRoot& fs, HealthSources sources = {})
      : fs_(fs), sources_(sources) {}
  // CPU utilisation covers the time since the previous call: the first has none.
  HealthSample sample() override;
  HealthSample watchSample(const WatchNeeds& needs) override;

 private:
  void readLoad(HealthSample& sample, wire::Health& health) const;
  void readMemory(wire::Health& health) const;
  // Re-reads /proc/mounts into mounts_.
  void readMounts();
  void readFilesystems(wire::Health& health) const;

  const FsRoot& fs_;
  HealthSources sources_;
  std::optional<CpuTimes> previous_cpu_;
  // The mounts of the last full sample: a watch sample statvfs-es only these (a mount
  // added since is watched from the next heartbeat on) and does not parse /proc/mounts.
  std::vector<MountEntry> mounts_;
  bool mounts_read_ = false;
};

}  // namespace steward::agent
