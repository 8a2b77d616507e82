#pragma once

// Virtualization and container detection from files every Linux machine has, the way
// systemd-detect-virt does it without its CPUID and device-tree probes.

#include <optional>
#include <string>
#include <string_view>

namespace steward::agent {

struct VirtualizationFacts {
  // /sys/class/dmi/id values (absent on VMs without SMBIOS and on most ARM boards).
  std::optional<std::string> sys_vendor, product_name, bios_vendor, board_vendor;
  bool cpu_hypervisor_flag = false;  // "hypervisor" in /proc/cpuinfo flags (x86)
  std::string pid1_container;        // container= from /proc/1/environ (root only)
  bool dockerenv = false;            // /.dockerenv
  bool containerenv = false;         // /run/.containerenv (podman)
  std::string pid1_cgroup;           // /proc/1/cgroup
  std::string kernel_release;        // /proc/sys/kernel/osrelease (WSL says "microsoft")
};

// A container ("docker", "podman", "lxc", "systemd-nspawn", "wsl", or the
// container= value as given) wins over the hypervisor below it; then a hypervisor
// known by its DMI vendor ("kvm", "qemu", "vmware", "hyperv", "xen", "virtualbox",
// "parallels", "bhyve", "amazon", "google", "bochs"), "other" for a hypervisor flag
// without a known vendor, else "none".
std::string detectVirtualization(const VirtualizationFacts& facts);

// container= in a NUL-separated environ block; "" when absent.
std::string parseEnvironContainer(std::string_view environ);

// True when the "flags" line of /proc/cpuinfo lists "hypervisor".
bool cpuinfoHasHypervisorFlag(std::string_view cpuinfo);

}  // namespace steward::agent
