#include "agent/inventory/linux/linux_collector.h"

#include <iterator>

#include "agent/inventory/linux/readers.h"
#include "agent/version.h"
#include "shared/common/id.h"

namespace steward::agent {

LinuxCollector::LinuxCollector(const FsRoot& fs, const AddressProvider& addresses,
                               const Clock& clock, std::string agent_id,
                               std::optional<std::string> fallback_arch,
                               InventorySections sections)
    : fs_(fs),
      addresses_(addresses),
      clock_(clock),
      agent_id_(std::move(agent_id)),
      fallback_arch_(std::move(fallback_arch)),
      sections_(sections) {}

wire::InventoryReport LinuxCollector::collect() {
  wire::InventoryReport report;
  report.report_id = newUuidV7(clock_);
  report.agent_id = agent_id_;
  report.collected_at = formatRfc3339(clock_.now());
  report.agent_version = kAgentVersion;
  report.system = readSystemInfo(fs_, fallback_arch_);
  readSystemExtras(fs_, report.system);
  if (sections_.cpu) report.cpu = readCpu(fs_);
  if (sections_.memory) report.memory = readMemory(fs_);
  if (sections_.hardware) {
    report.hardware = readDmiId(fs_);
    if (auto smbios = readSmbiosTable(fs_)) {
      report.hardware = mergeHardware(std::move(smbios->hardware), report.hardware);
      if (sections_.memory) report.memory.modules = std::move(smbios->memory_modules);
      // Many VMs and older kernels have no cpufreq; the firmware still knows the rating.
      if (sections_.cpu && !report.cpu.max_mhz) {
        for (const auto& processor : smbios->processors) {
          if (processor.populated && processor.max_mhz &&
              (!report.cpu.max_mhz || *processor.max_mhz > *report.cpu.max_mhz)) {
            report.cpu.max_mhz = *processor.max_mhz;
          }
        }
      }
    }
  }
  if (sections_.disks) report.disks = readBlockDevices(fs_);
  if (sections_.filesystems) report.filesystems = readFilesystems(fs_);
  if (sections_.network) {
    report.interfaces = readNetInterfaces(fs_, addresses_);
    report.default_gateways = readDefaultGateways(fs_);
    report.dns_servers = readDnsServers(fs_);
  }
  if (sections_.users) {
    report.users = readLocalUsers(fs_);
    addLastLogins(fs_, report.users);
  }
  if (sections_.packages) {
    report.packages = readDpkgPackages(fs_);
    auto rpm = readRpmPackages(fs_);
    report.packages.insert(report.packages.end(), std::make_move_iterator(rpm.begin()),
                           std::make_move_iterator(rpm.end()));
  }
  if (sections_.pci) report.pci_devices = readPciDevices(fs_);
  if (sections_.usb) report.usb_devices = readUsbDevices(fs_);
  if (sections_.monitors) report.monitors = readMonitors(fs_);
  if (sections_.batteries) report.batteries = readBatteries(fs_);
  return report;
}

}  // namespace steward::agent
