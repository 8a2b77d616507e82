#include "agent/inventory/linux/virtualization.h"

#include <array>
#include <utility>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

bool contains(const std::optional<std::string>& value, std::string_view needle) {
  return value && toLower(*value).find(needle) != std::string::npos;
}

std::optional<std::string> hypervisorFromDmi(const VirtualizationFacts& f) {
  // Ordered: the more specific first (KVM guests often say "QEMU" in the BIOS).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kVendors = {{
      {"kvm", "kvm"},
      {"amazon ec2", "amazon"},
      {"vmware", "vmware"},
      {"innotek", "virtualbox"},
      {"virtualbox", "virtualbox"},
      {"xen", "xen"},
      {"parallels", "parallels"},
      {"bhyve", "bhyve"},
      {"google", "google"},
      {"bochs", "bochs"},
      {"qemu", "qemu"},
      {"openstack", "kvm"},
  }};
  for (const auto& [needle, name] : kVendors) {
    if (contains(f.sys_vendor, needle) || contains(f.product_name, needle) ||
        contains(f.board_vendor, needle) || contains(f.bios_vendor, needle)) {
      return std::string(name);
    }
  }
  if (contains(f.sys_vendor, "microsoft") && contains(f.product_name, "virtual machine")) {
    return "hyperv";
  }
  return std::nullopt;
}

}  // namespace

std::string detectVirtualization(const VirtualizationFacts& f) {
  if (!f.pid1_container.empty()) {
    if (f.pid1_container == "oci") return "podman";  // podman and buildah say "oci"
    return f.pid1_container;
  }
  if (f.dockerenv) return "docker";
  if (f.containerenv) return "podman";
  if (f.pid1_cgroup.find("/docker/") != std::string::npos ||
      f.pid1_cgroup.find("/docker-") != std::string::npos) {
    return "docker";
  }
  if (f.pid1_cgroup.find("/lxc/") != std::string::npos ||
      f.pid1_cgroup.find("/lxc.payload") != std::string::npos) {
    return "lxc";
  }
  if (toLower(f.kernel_release).find("microsoft") != std::string::npos) return "wsl";
  if (auto hypervisor = hypervisorFromDmi(f)) return *hypervisor;
  return f.cpu_hypervisor_flag ? "other" : "none";
}

std::string parseEnvironContainer(std::string_view environ) {
  std::size_t pos = 0;
  while (pos < environ.size()) {
    std::size_t end = environ.find('\0', pos);
    if (end == std::string_view::npos) end = environ.size();
    const auto entry = environ.substr(pos, end - pos);
    if (entry.starts_with("container=")) return std::string(trim(entry.substr(10)));
    pos = end + 1;
  }
  return "";
}

bool cpuinfoHasHypervisorFlag(std::string_view cpuinfo) {
  for (const auto line : splitLines(cpuinfo)) {
    if (!line.starts_with("flags")) continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string flags = " " + std::string(line.substr(colon + 1)) + " ";
    return flags.find(" hypervisor ") != std::string::npos;
  }
  return false;
}

}  // namespace steward::agent
