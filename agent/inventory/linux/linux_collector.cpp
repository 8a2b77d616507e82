#include "agent/inventory/linux/linux_collector.h"

#include "agent/inventory/linux/readers.h"
#include "agent/version.h"
#include "shared/common/id.h"

namespace steward::agent {

LinuxCollector::LinuxCollector(const FsRoot& fs, const AddressProvider& addresses,
                               const Clock& clock, std::string agent_id,
                               std::optional<std::string> fallback_arch)
    : fs_(fs),
      addresses_(addresses),
      clock_(clock),
      agent_id_(std::move(agent_id)),
      fallback_arch_(std::move(fallback_arch)) {}

wire::InventoryReport LinuxCollector::collect() {
  wire::InventoryReport report;
  report.report_id = newUuidV7(clock_);
  report.agent_id = agent_id_;
  report.collected_at = formatRfc3339(clock_.now());
  report.agent_version = kAgentVersion;
  report.system = readSystemInfo(fs_, fallback_arch_);
  readSystemExtras(fs_, report.system);
  report.cpu = readCpu(fs_);
  report.memory = readMemory(fs_);
  report.hardware = readDmiId(fs_);
  if (auto smbios = readSmbiosTable(fs_)) {
    report.hardware = mergeHardware(std::move(smbios->hardware), report.hardware);
    report.memory.modules = std::move(smbios->memory_modules);
    // Many VMs and older kernels have no cpufreq; the firmware still knows the rating.
    if (!report.cpu.max_mhz) {
      for (const auto& processor : smbios->processors) {
        if (processor.populated && processor.max_mhz &&
            (!report.cpu.max_mhz || *processor.max_mhz > *report.cpu.max_mhz)) {
          report.cpu.max_mhz = *processor.max_mhz;
        }
      }
    }
  }
  report.disks = readBlockDevices(fs_);
  report.filesystems = readFilesystems(fs_);
  report.interfaces = readNetInterfaces(fs_, addresses_);
  report.default_gateways = readDefaultGateways(fs_);
  report.dns_servers = readDnsServers(fs_);
  report.users = readLocalUsers(fs_);
  report.packages = readDpkgPackages(fs_);
  return report;
}

}  // namespace steward::agent
