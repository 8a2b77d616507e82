#pragma once

// SMART verdicts of the local disks through smartctl, when smartmontools is
// installed. Asking a disk takes from milliseconds to seconds (and can wake a
// sleeping one, so "-n standby" skips those), so the answer is cached and the disks
// are asked again at most every `interval`; each smartctl call has its own deadline.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "agent/health/linux/smartctl_json.h"
#include "agent/platform/command_runner.h"
#include "agent/platform/fs_root.h"
#include "shared/common/clock.h"
#include "shared/wire/inventory.h"

namespace steward::agent {

class SmartMonitor {
 public:
  struct Options {
    std::chrono::seconds interval{std::chrono::minutes(30)};
    std::chrono::milliseconds per_call{std::chrono::seconds(10)};
    std::size_t max_devices = 32;  // a storage server's worth; the rest are left out
  };

  // `fs` lists /sys/block when smartctl cannot scan; `clock` paces the re-reads.
  SmartMonitor(const FsRoot& fs, const CommandRunner& runner, const Clock& clock, Options options);

  // The verdicts of every disk smartctl could assess, sorted by device; empty
  // without smartctl. Runs smartctl only when `interval` has passed since the last run.
  std::vector<wire::SmartHealth> sample();

 private:
  std::vector<SmartDevice> devices(const std::string& smartctl) const;
  std::vector<wire::SmartHealth> readAll(const std::string& smartctl) const;

  const FsRoot& fs_;
  const CommandRunner& runner_;
  const Clock& clock_;
  Options options_;
  std::optional<Clock::MonoTime> last_run_;
  std::vector<wire::SmartHealth> cached_;
  bool reported_missing_ = false;
};

// Disks under /sys/block that smartctl can usually ask (sd*, nvme*n*, hd*), for
// machines where `smartctl --scan-open` fails.
std::vector<SmartDevice> sysBlockSmartDevices(const FsRoot& fs);

}  // namespace steward::agent
