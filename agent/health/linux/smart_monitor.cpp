#include "agent/health/linux/smart_monitor.h"

#include <algorithm>

#include "shared/common/log.h"

namespace steward::agent {
namespace {

constexpr const char* kSmartctlPaths[] = {"/usr/sbin/smartctl", "/sbin/smartctl"};
constexpr std::size_t kMaxOutputBytes = 1024 * 1024;  // a disk's report is ~10 KiB

}  // namespace

std::vector<SmartDevice> sysBlockSmartDevices(const FsRoot& fs) {
  std::vector<SmartDevice> out;
  auto names = fs.listDirectory("/sys/block");
  if (!names) return out;
  for (const auto& name : *names) {
    const bool nvme_namespace = name.starts_with("nvme") && name.find('n', 4) != std::string::npos;
    if (name.starts_with("sd") || name.starts_with("hd") || nvme_namespace) {
      out.push_back({"/dev/" + name, ""});
    }
  }
  return out;
}

SmartMonitor::SmartMonitor(const FsRoot& fs, const CommandRunner& runner, const Clock& clock,
                           Options options)
    : fs_(fs), runner_(runner), clock_(clock), options_(options) {}

std::vector<wire::SmartHealth> SmartMonitor::sample() {
  const auto now = clock_.monotonic();
  if (last_run_ && now - *last_run_ < options_.interval) return cached_;
  last_run_ = now;
  std::optional<std::string> smartctl;
  for (const char* path : kSmartctlPaths) {
    if (runner_.executable(path)) {
      smartctl = path;
      break;
    }
  }
  if (!smartctl) {
    if (!reported_missing_) logger("agent.health").debug("smartctl not installed: no SMART health");
    reported_missing_ = true;
    cached_.clear();
    return cached_;
  }
  cached_ = readAll(*smartctl);
  return cached_;
}

std::vector<SmartDevice> SmartMonitor::devices(const std::string& smartctl) const {
  auto& log = logger("agent.health");
  const CommandLimits limits{options_.per_call, kMaxOutputBytes};
  auto scan = runner_.run({smartctl, "--scan-open", "--json"}, limits);
  if (scan) {
    auto devices = parseSmartctlScan(scan->output);
    if (devices) return std::move(*devices);
    log.warning(devices.error().message + "; asking the disks in /sys/block");
  } else {
    log.warning("smartctl --scan-open failed (" + scan.error().message +
                "); asking the disks in /sys/block");
  }
  return sysBlockSmartDevices(fs_);
}

std::vector<wire::SmartHealth> SmartMonitor::readAll(const std::string& smartctl) const {
  auto& log = logger("agent.health");
  const CommandLimits limits{options_.per_call, kMaxOutputBytes};
  std::vector<SmartDevice> list = devices(smartctl);
  if (list.size() > options_.max_devices) {
    log.warning("asking only the first " + std::to_string(options_.max_devices) + " of " +
                std::to_string(list.size()) + " disks for SMART health");
    list.resize(options_.max_devices);
  }
  std::vector<wire::SmartHealth> out;
  for (const auto& device : list) {
    // -n standby: a spun-down disk stays asleep (and has no verdict this round).
    std::vector<std::string> argv{smartctl, "--json", "-i", "-H", "-A", "-n", "standby"};
    if (!device.type.empty()) {
      argv.push_back("-d");
      argv.push_back(device.type);
    }
    argv.push_back(device.name);
    auto run = runner_.run(argv, limits);
    if (!run) {
      log.warning("SMART health of " + device.name + ": " + run.error().message);
      continue;
    }
    // smartctl's exit status is a bit mask that is non-zero for a failing disk too;
    // the JSON says what it could find out.
    auto health = parseSmartctlHealth(run->output, device.name);
    if (!health) {
      log.debug(health.error().message);
      continue;
    }
    out.push_back(std::move(*health));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.device < b.device; });
  return out;
}

}  // namespace steward::agent
