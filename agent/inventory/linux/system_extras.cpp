#include "agent/health/linux/proc_uptime.h"
#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "agent/inventory/linux/virtualization.h"

namespace steward::agent {
namespace {

constexpr std::string_view kZoneinfo = "zoneinfo/";

std::optional<std::string> readTimezone(const FsRoot& fs) {
  // Debian and Ubuntu keep the name in /etc/timezone; elsewhere /etc/localtime is a
  // link into /usr/share/zoneinfo.
  if (auto text = readSource(fs, "/etc/timezone", false)) {
    const auto lines = splitLines(*text);
    if (!lines.empty()) {
      if (auto name = sysfsValue(lines.front())) return name;
    }
  }
  if (auto target = fs.readLink("/etc/localtime")) {
    const auto pos = target->rfind(kZoneinfo);
    if (pos != std::string::npos && pos + kZoneinfo.size() < target->size()) {
      return target->substr(pos + kZoneinfo.size());
    }
  }
  return std::nullopt;
}

}  // namespace

void readSystemExtras(const FsRoot& fs, wire::SystemInfo& info) {
  if (auto text = readSource(fs, "/proc/uptime", true))
    info.uptime_seconds = parseProcUptime(*text);
  info.timezone = readTimezone(fs);

  VirtualizationFacts facts;
  const auto dmi = [&](const char* name) -> std::optional<std::string> {
    auto text = readSource(fs, std::string("/sys/class/dmi/id/") + name, false);
    return text ? sysfsValue(*text) : std::nullopt;
  };
  facts.sys_vendor = dmi("sys_vendor");
  facts.product_name = dmi("product_name");
  facts.bios_vendor = dmi("bios_vendor");
  facts.board_vendor = dmi("board_vendor");
  if (auto text = readSource(fs, "/proc/cpuinfo", true)) {
    facts.cpu_hypervisor_flag = cpuinfoHasHypervisorFlag(*text);
  }
  // Root only; without it, the files below still tell docker and podman apart.
  if (auto text = readSource(fs, "/proc/1/environ", false)) {
    facts.pid1_container = parseEnvironContainer(*text);
  }
  facts.dockerenv = fs.exists("/.dockerenv");
  facts.containerenv = fs.exists("/run/.containerenv");
  facts.pid1_cgroup = readSource(fs, "/proc/1/cgroup", false).value_or("");
  facts.kernel_release = info.kernel.value_or("");
  info.virtualization = detectVirtualization(facts);
}

}  // namespace steward::agent
