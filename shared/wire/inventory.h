#pragma once

// The inventory report an agent sends to its collector: plain types, no JSON here
// (the codec is in shared/wire/inventory_codec.h). Optional fields are absent when
// the agent could not read them; an absent field is never the same as an empty one.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/wire/inventory_devices.h"

namespace steward::wire {

// Major version: a receiver rejects a report whose major it does not know.
// Minor version: additive changes; unknown fields are ignored.
inline constexpr int kSchemaMajor = 1;
inline constexpr int kSchemaMinor = 3;

struct SchemaVersion {
  int major = kSchemaMajor;
  int minor = kSchemaMinor;
  friend bool operator==(const SchemaVersion&, const SchemaVersion&) = default;
};

struct SystemInfo {
  std::string hostname;
  std::optional<std::string> fqdn;
  std::optional<std::string> os_id;       // os-release ID, e.g. "debian"
  std::optional<std::string> os_name;     // os-release PRETTY_NAME
  std::optional<std::string> os_version;  // os-release VERSION_ID
  std::optional<std::string> kernel;      // /proc/sys/kernel/osrelease
  std::optional<std::string> architecture;
  // Since 1.1. Fields added after 1.0 have default initializers so positional
  // aggregate initialization elsewhere keeps compiling.
  std::optional<double> uptime_seconds = {};
  std::optional<std::string> timezone = {};  // IANA name, e.g. "Europe/Berlin"
  // "none", a hypervisor ("kvm", "vmware", "hyperv", "xen", "virtualbox", "qemu",
  // "parallels", "bhyve", "amazon", "google"...) or a container ("docker", "podman",
  // "lxc", "systemd-nspawn", "wsl"); absent when it cannot be told.
  std::optional<std::string> virtualization = {};
  friend bool operator==(const SystemInfo&, const SystemInfo&) = default;
};

// SMBIOS type 0 (since 1.1).
struct Bios {
  std::optional<std::string> vendor;
  std::optional<std::string> version;
  std::optional<std::string> date;  // as the firmware writes it, usually MM/DD/YYYY
  friend bool operator==(const Bios&, const Bios&) = default;
};

// SMBIOS type 2, the mainboard (since 1.1).
struct Board {
  std::optional<std::string> vendor;
  std::optional<std::string> model;
  std::optional<std::string> serial;
  friend bool operator==(const Board&, const Board&) = default;
};

// SMBIOS type 3 (since 1.1).
struct Chassis {
  std::optional<std::string> type;  // "Desktop", "Notebook", "Rack Mount Chassis"...
  std::optional<std::string> serial;
  std::optional<std::string> asset_tag;
  friend bool operator==(const Chassis&, const Chassis&) = default;
};

// SMBIOS system identity (raw table, else /sys/class/dmi/id). Values are as the firmware reports them,
// placeholders included: deciding what is bogus is the collector's job.
struct HardwareIdentity {
  std::optional<std::string> vendor;
  std::optional<std::string> model;
  std::optional<std::string> serial;
  std::optional<std::string> uuid;  // SMBIOS system UUID, lower case
  std::optional<std::string> sku = {};     // since 1.1
  std::optional<std::string> family = {};  // since 1.1
  std::optional<Bios> bios = {};
  std::optional<Board> board = {};
  std::optional<Chassis> chassis = {};
  friend bool operator==(const HardwareIdentity&, const HardwareIdentity&) = default;
};

struct Cpu {
  std::optional<std::string> model;
  std::optional<std::string> vendor;
  std::uint32_t sockets = 0;
  std::uint32_t cores = 0;    // physical cores, all sockets
  std::uint32_t threads = 0;  // logical CPUs
  std::optional<double> max_mhz;
  friend bool operator==(const Cpu&, const Cpu&) = default;
};

// One populated SMBIOS type 17 memory device (since 1.1); empty slots are left out.
struct MemoryModule {
  std::string slot;  // device locator, e.g. "DIMM A1", "ChannelA-DIMM0"
  std::optional<std::uint64_t> size_bytes;
  std::optional<std::string> type;  // "DDR4", "LPDDR5"...
  std::optional<std::uint32_t> speed_mts;
  std::optional<std::string> manufacturer;
  std::optional<std::string> serial;
  std::optional<std::string> part_number;
  friend bool operator==(const MemoryModule&, const MemoryModule&) = default;
};

struct Memory {
  std::uint64_t total_bytes = 0;
  std::optional<std::uint64_t> swap_total_bytes;
  std::vector<MemoryModule> modules = {};  // since 1.1; needs root (raw SMBIOS table)
  friend bool operator==(const Memory&, const Memory&) = default;
};

struct Disk {
  std::string name;  // kernel name, e.g. "sda", "nvme0n1"
  std::optional<std::string> model;
  std::optional<std::string> serial;
  std::uint64_t size_bytes = 0;
  std::optional<bool> rotational;
  friend bool operator==(const Disk&, const Disk&) = default;
};

struct Filesystem {
  std::string mount_point;
  std::string device;
  std::string type;
  std::optional<std::uint64_t> size_bytes;
  std::optional<std::uint64_t> used_bytes;
  friend bool operator==(const Filesystem&, const Filesystem&) = default;
};

struct NetworkInterface {
  std::string name;
  std::optional<std::string> mac;  // lower case, colon separated
  std::vector<std::string> ipv4;   // "192.0.2.10/24"
  std::vector<std::string> ipv6;   // "2001:db8::1/64"
  bool is_virtual = false;         // no backing device (bridge, veth, tun, loopback...)
  std::optional<std::uint32_t> speed_mbps = {};  // since 1.1; absent when down or unknown
  std::optional<std::string> oper_state = {};    // since 1.1; "up", "down", "dormant"...
  // Since 1.1: "physical", "wireless", "bridge", "bond", "vlan", "veth", "tun",
  // "loopback" or "virtual" (any other software device).
  std::optional<std::string> kind = {};
  friend bool operator==(const NetworkInterface&, const NetworkInterface&) = default;
};

struct Package {
  std::string name;
  std::string version;
  std::optional<std::string> architecture;
  std::string source = "dpkg";  // package manager that reported it
  std::optional<std::string> installed_at = {};  // since 1.1; RFC 3339 UTC, where known
  // Since 1.2: RPM Vendor, else Packager; dpkg Maintainer. Absent when not recorded.
  std::optional<std::string> vendor = {};
  friend bool operator==(const Package&, const Package&) = default;
};

// A local account people log in with (since 1.1): root and uid >= 1000, from
// /etc/passwd. Never a password hash.
struct LocalUser {
  std::string name;
  std::uint32_t uid = 0;
  std::optional<std::string> full_name;  // first GECOS field
  std::optional<std::string> home;
  std::optional<std::string> shell;
  // Since 1.2, from /var/log/wtmp where known: the latest login (RFC 3339 UTC) and
  // the remote host it came from (absent for a console login).
  std::optional<std::string> last_login = {};
  std::optional<std::string> last_login_from = {};
  friend bool operator==(const LocalUser&, const LocalUser&) = default;
};

// A systemd service unit (since 1.2), from systemctl. States are systemd's own words;
// a unit that is installed but not loaded has no load/active/sub state.
struct Service {
  std::string name;                            // "ssh.service", "getty@tty1.service"
  std::optional<std::string> description;
  std::optional<std::string> load_state;       // "loaded", "not-found", "masked"...
  std::optional<std::string> active_state;     // "active", "inactive", "failed"...
  std::optional<std::string> sub_state;        // "running", "exited", "dead"...
  std::optional<std::string> unit_file_state;  // "enabled", "disabled", "static", "masked"...
  friend bool operator==(const Service&, const Service&) = default;
};

struct InventoryReport {
  SchemaVersion schema;
  std::string report_id;     // unique per report, made by the agent (idempotency key)
  std::string agent_id;      // stable per agent installation
  std::string collected_at;  // RFC 3339 UTC
  std::string agent_version;
  SystemInfo system;
  HardwareIdentity hardware;
  Cpu cpu;
  Memory memory;
  std::vector<Disk> disks;
  std::vector<Filesystem> filesystems;
  std::vector<NetworkInterface> interfaces;
  std::vector<Package> packages;
  std::vector<std::string> default_gateways = {};  // since 1.1; "192.0.2.1", "fe80::1%eth0"
  std::vector<std::string> dns_servers = {};       // since 1.1; /etc/resolv.conf order
  std::vector<LocalUser> users = {};               // since 1.1
  // Since 1.2. Absent without a running systemd or with [inventory] services off.
  std::optional<std::vector<Service>> services = {};
  std::vector<PciDevice> pci_devices = {};         // since 1.2
  std::vector<UsbDevice> usb_devices = {};         // since 1.2
  std::vector<Monitor> monitors = {};              // since 1.2
  std::vector<Battery> batteries = {};             // since 1.2
  // Since 1.3: delivery facts from the agent's offline spool (agent/spool/spool.h).
  // Per-agent number, increasing in the order reports were queued; restarts at 1
  // only when the agent's spool is reset.
  std::optional<std::uint64_t> sequence = {};
  // Reports the agent's spool discarded (its bound was hit) since the last report
  // that carried this count; the collector adds it up per agent.
  std::optional<std::uint64_t> dropped_reports = {};
  // Since 1.3: section name ("system", "packages"...) -> opaque hash of that section
  // without volatile fields (agent/inventory/section_hashes.h). The collector keeps the
  // hashes of the last inventory and compares heartbeats with them.
  std::map<std::string, std::string> section_hashes = {};
  friend bool operator==(const InventoryReport&, const InventoryReport&) = default;
};

// One mounted filesystem's usage in a heartbeat (since 1.1).
struct FilesystemHealth {
  std::string mount_point;
  std::string device;
  std::uint64_t size_bytes = 0;
  std::uint64_t used_bytes = 0;
  std::uint64_t available_bytes = 0;  // for unprivileged users
  std::optional<std::uint64_t> inodes_total;
  std::optional<std::uint64_t> inodes_free;
  bool read_only = false;  // a block-device filesystem mounted "ro"
  friend bool operator==(const FilesystemHealth&, const FilesystemHealth&) = default;
};

// One disk's SMART verdict (since 1.2), from `smartctl` when it is installed.
struct SmartHealth {
  std::string device;  // "/dev/sda"
  bool passed = true;  // smartctl's overall-health self-assessment
  std::optional<std::string> model;
  std::optional<std::string> serial;
  std::optional<std::int64_t> temperature_celsius;
  std::optional<std::uint64_t> reallocated_sectors;
  friend bool operator==(const SmartHealth&, const SmartHealth&) = default;
};

// The machine's health in a heartbeat (since 1.1). Absent values could not be read.
struct Health {
  std::optional<double> load5;
  std::optional<double> load15;
  std::optional<std::uint64_t> memory_total_bytes;
  std::optional<std::uint64_t> memory_available_bytes;  // MemAvailable
  std::optional<std::uint64_t> swap_total_bytes;
  std::optional<std::uint64_t> swap_free_bytes;
  std::vector<FilesystemHealth> filesystems;
  std::optional<bool> reboot_required;  // /var/run/reboot-required (Debian, Ubuntu)
  // Since 1.2. Busy share of all CPUs since the previous sample, 0..100.
  std::optional<double> cpu_utilisation_percent = {};
  // Since 1.2. Names of systemd units in the "failed" state; absent without systemd.
  std::optional<std::vector<std::string>> failed_units = {};
  // Since 1.2. One entry per disk smartctl could assess; empty without smartctl.
  std::vector<SmartHealth> smart = {};
  // Since 1.2. This machine's clock minus the collector's (from its Date header),
  // seconds; positive means the agent is ahead.
  std::optional<double> clock_offset_seconds = {};
  friend bool operator==(const Health&, const Health&) = default;
};

// Sent every interval between inventories: proof of life plus a little health.
struct Heartbeat {
  SchemaVersion schema;
  std::string heartbeat_id;  // unique per heartbeat (idempotency key)
  std::string agent_id;
  std::string sent_at;  // RFC 3339 UTC
  std::optional<double> uptime_seconds;
  std::optional<double> load1;
  std::optional<Health> health = {};  // since 1.1
  // Since 1.3, as in InventoryReport. A heartbeat's section_hashes that differ from
  // the collector's last inventory get 409 "inventory_required".
  std::optional<std::uint64_t> sequence = {};
  std::optional<std::uint64_t> dropped_reports = {};
  std::map<std::string, std::string> section_hashes = {};
  friend bool operator==(const Heartbeat&, const Heartbeat&) = default;
};

}  // namespace steward::wire
