#pragma once

// Linux inventory readers: each reads its sources through FsRoot, hands the text to
// a pure parser and fills one part of the wire report. A source that is missing or
// unreadable leaves its fields absent and logs why (logger "agent.inventory"); no
// reader fails the whole inventory.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/inventory/linux/smbios_table.h"
#include "agent/platform/address_provider.h"
#include "agent/platform/fs_root.h"
#include "shared/wire/inventory.h"

namespace steward::agent {

// The content of `path`, or nullopt with the reason logged. `expected` sources
// (present on every Linux machine) log a missing file at warning level; optional
// ones (a disk's model, DMI on a VM) at debug level.
std::optional<std::string> readSource(const FsRoot& fs, std::string_view path, bool expected,
                                      std::size_t max_bytes = FsRoot::kDefaultMaxBytes);

// /proc/sys/kernel/{hostname,osrelease,arch}, /etc/os-release (or /usr/lib/os-release).
// `fallback_arch` (uname's machine, from main) is used when the kernel has no
// /proc/sys/kernel/arch (before Linux 6.1).
wire::SystemInfo readSystemInfo(const FsRoot& fs, const std::optional<std::string>& fallback_arch);
// Adds uptime (/proc/uptime), timezone (/etc/timezone, else the /etc/localtime link)
// and virtualization (virtualization.h: DMI, cpuinfo, /proc/1/{environ,cgroup},
// /.dockerenv, /run/.containerenv) to `info`; call after readSystemInfo (uses kernel).
void readSystemExtras(const FsRoot& fs, wire::SystemInfo& info);
// Default gateways from /proc/net/route and /proc/net/ipv6_route.
std::vector<std::string> readDefaultGateways(const FsRoot& fs);
// Name servers from /etc/resolv.conf; empty when it is missing.
std::vector<std::string> readDnsServers(const FsRoot& fs);
// /proc/cpuinfo and /sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq.
wire::Cpu readCpu(const FsRoot& fs);
// /proc/meminfo; total_bytes stays 0 when it cannot be read.
wire::Memory readMemory(const FsRoot& fs);
// /sys/class/dmi/id: system (sys_vendor, product_*), bios_*, board_*, chassis_*.
wire::HardwareIdentity readDmiId(const FsRoot& fs);
// /sys/firmware/dmi/tables/{smbios_entry_point,DMI} (root only); nullopt when absent,
// unreadable or unusable (reason logged). A truncated table yields what came before.
std::optional<SmbiosInfo> readSmbiosTable(const FsRoot& fs);
// `primary` (the raw table) with each absent field taken from `fallback` (sysfs).
wire::HardwareIdentity mergeHardware(wire::HardwareIdentity primary,
                                     const wire::HardwareIdentity& fallback);
// /sys/block: physical disks only, sorted by name.
std::vector<wire::Disk> readBlockDevices(const FsRoot& fs);
// /proc/mounts plus statvfs of each mount point.
std::vector<wire::Filesystem> readFilesystems(const FsRoot& fs);
// /sys/class/net (loopback left out) plus addresses from `addresses`.
std::vector<wire::NetworkInterface> readNetInterfaces(const FsRoot& fs,
                                                      const AddressProvider& addresses);
// /etc/passwd: root and uid >= 1000 (etc_passwd.h); empty when unreadable.
std::vector<wire::LocalUser> readLocalUsers(const FsRoot& fs);
// /var/lib/dpkg/status; empty on machines without dpkg. installed_at is the mtime of
// /var/lib/dpkg/info/<name>[:<arch>].list where that file is readable.
std::vector<wire::Package> readDpkgPackages(const FsRoot& fs);
// The RPM database's SQLite backend (/var/lib/rpm or /usr/lib/sysimage/rpm
// rpmdb.sqlite), opened read-only as immutable; empty without one (rpm_database.cpp).
std::vector<wire::Package> readRpmPackages(const FsRoot& fs);
// Sets last_login/last_login_from of `users` from /var/log/wtmp (wtmp.h).
void addLastLogins(const FsRoot& fs, std::vector<wire::LocalUser>& users);
// /sys/bus/pci/devices, named from pci.ids when present.
std::vector<wire::PciDevice> readPciDevices(const FsRoot& fs);
// /sys/bus/usb/devices (devices, not interfaces or root hubs), named from usb.ids
// when present, else from the device's own strings.
std::vector<wire::UsbDevice> readUsbDevices(const FsRoot& fs);
// Streams `file_name` ("pci.ids", "usb.ids") from /usr/share/misc or
// /usr/share/hwdata through `ids`; false (reason logged) when there is none.
class HwIdsLookup;
bool scanIdsFile(const FsRoot& fs, std::string_view file_name, HwIdsLookup& ids);
// Connected displays: /sys/class/drm/<card-connector>/edid (edid.h).
std::vector<wire::Monitor> readMonitors(const FsRoot& fs);
// /sys/class/power_supply entries of type Battery (not peripherals' batteries).
std::vector<wire::Battery> readBatteries(const FsRoot& fs);

}  // namespace steward::agent
