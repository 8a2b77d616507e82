#include "agent/inventory/linux/proc_cpuinfo.h"
#include "agent/inventory/linux/readers.h"
#include "shared/common/log.h"

namespace steward::agent {

wire::Cpu readCpu(const FsRoot& fs) {
  wire::Cpu cpu;
  if (auto text = readSource(fs, "/proc/cpuinfo", true)) {
    auto info = parseProcCpuinfo(*text);
    if (info) {
      cpu.model = info->model;
      cpu.vendor = info->vendor;
      cpu.sockets = info->sockets;
      cpu.cores = info->cores;
      cpu.threads = info->threads;
    } else {
      logger("agent.inventory").warning("/proc/cpuinfo unusable: " + info.error().message);
    }
  }
  // Absent in most VMs and containers: no frequency scaling driver.
  if (auto text = readSource(fs, "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", false)) {
    cpu.max_mhz = parseCpuinfoMaxFreq(*text);
  }
  return cpu;
}

}  // namespace steward::agent
