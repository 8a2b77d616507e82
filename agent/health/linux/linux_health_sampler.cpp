#include "agent/health/linux/linux_health_sampler.h"

#include <algorithm>

#include "agent/health/linux/proc_uptime.h"
#include "agent/inventory/linux/proc_meminfo.h"
#include "agent/inventory/linux/proc_mounts.h"
#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

// Filesystems whose read-only state means trouble: on a block device (an ext4 the
// kernel remounted ro after an I/O error), not read-only formats (CDs, snaps).
bool shouldBeWritable(const MountEntry& m) {
  if (!m.device.starts_with("/dev/")) return false;
  return m.type != "iso9660" && m.type != "udf" && m.type != "squashfs" && m.type != "erofs";
}

bool hasOption(std::string_view options, std::string_view option) {
  std::size_t pos = 0;
  while (pos <= options.size()) {
    const std::size_t end = std::min(options.find(',', pos), options.size());
    if (options.substr(pos, end - pos) == option) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

void LinuxHealthSampler::readLoad(HealthSample& sample, wire::Health& health) const {
  if (auto text = readSource(fs_, "/proc/loadavg", true)) {
    const auto loads = parseProcLoadavgAll(*text);
    sample.load1 = loads[0];
    health.load5 = loads[1];
    health.load15 = loads[2];
  }
}

void LinuxHealthSampler::readMemory(wire::Health& health) const {
  if (auto text = readSource(fs_, "/proc/meminfo", true)) {
    if (auto mem = parseProcMeminfo(*text)) {
      health.memory_total_bytes = mem->total_bytes;
      health.memory_available_bytes = mem->available_bytes;
      health.swap_total_bytes = mem->swap_total_bytes;
      health.swap_free_bytes = mem->swap_free_bytes;
    }
  }
}

void LinuxHealthSampler::readMounts() {
  mounts_read_ = true;
  mounts_.clear();
  if (auto text = readSource(fs_, "/proc/mounts", true)) {
    for (auto& m : inventoryMounts(parseProcMounts(*text))) {
      // statvfs on a dead NFS server blocks; the inventory reports those.
      if (!isNetworkFilesystem(m.type)) mounts_.push_back(std::move(m));
    }
  }
}

void LinuxHealthSampler::readFilesystems(wire::Health& health) const {
  for (const auto& m : mounts_) {
    auto stats = fs_.statvfs(m.mount_point);
    if (!stats) continue;
    wire::FilesystemHealth f;
    f.mount_point = m.mount_point;
    f.device = m.device;
    f.size_bytes = stats->total_bytes;
    f.used_bytes = stats->total_bytes - std::min(stats->free_bytes, stats->total_bytes);
    f.available_bytes = stats->available_bytes;
    if (stats->total_inodes != 0) {  // vfat, btrfs report 0: no inode limit
      f.inodes_total = stats->total_inodes;
      f.inodes_free = stats->free_inodes;
    }
    // statvfs also sees a read-only remount since /proc/mounts was read, and an
    // emergency one (errors=remount-ro) that marks only the superblock.
    f.read_only = shouldBeWritable(m) && (hasOption(m.options, "ro") || stats->read_only);
    health.filesystems.push_back(std::move(f));
  }
}

HealthSample LinuxHealthSampler::watchSample(const WatchNeeds& needs) {
  HealthSample sample;
  wire::Health health;
  if (needs.load) readLoad(sample, health);
  if (needs.memory) readMemory(health);
  if (needs.filesystems) {
    if (!mounts_read_) readMounts();
    readFilesystems(health);
  }
  sample.health = std::move(health);
  return sample;
}

HealthSample LinuxHealthSampler::sample() {
  HealthSample sample;
  if (auto text = readSource(fs_, "/proc/uptime", true))
    sample.uptime_seconds = parseProcUptime(*text);
  wire::Health health;
  readLoad(sample, health);
  readMemory(health);
  readMounts();
  readFilesystems(health);
  health.reboot_required = fs_.exists("/var/run/reboot-required");
  if (auto text = readSource(fs_, "/proc/stat", true)) {
    const auto now = parseProcStatCpu(*text);
    if (now && previous_cpu_)
      health.cpu_utilisation_percent = cpuUtilisationPercent(*previous_cpu_, *now);
    previous_cpu_ = now;
  }
  if (sources_.systemd != nullptr) health.failed_units = sources_.systemd->failedUnits();
  if (sources_.smart != nullptr) health.smart = sources_.smart->sample();
  if (sources_.clock_offset != nullptr)
    health.clock_offset_seconds = sources_.clock_offset->seconds();
  sample.health = std::move(health);
  return sample;
}

}  // namespace steward::agent
