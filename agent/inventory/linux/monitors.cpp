#include "agent/inventory/linux/edid.h"
#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "shared/common/log.h"

namespace steward::agent {

std::vector<wire::Monitor> readMonitors(const FsRoot& fs) {
  auto& log = logger("agent.inventory");
  auto names = fs.listDirectory("/sys/class/drm");
  if (!names) {
    // Servers and VMs without a DRM driver have no /sys/class/drm.
    log.debug("skipped /sys/class/drm (" + names.error().code + "): " + names.error().message);
    return {};
  }
  std::vector<wire::Monitor> monitors;
  for (const auto& name : *names) {
    // Connectors are "card0-DP-1"; "card0" and "renderD128" are the devices themselves.
    if (name.find('-') == std::string::npos) continue;
    const std::string dir = "/sys/class/drm/" + name;
    if (!fs.exists(dir + "/edid")) continue;
    // An unconnected connector has an empty edid file.
    auto edid = readSource(fs, dir + "/edid", false, 64 * 1024);
    if (!edid || edid->empty()) continue;
    auto monitor = parseEdid(*edid, name);
    if (!monitor) {
      log.warning("skipped monitor on " + name + ": " + monitor.error().message);
      continue;
    }
    monitors.push_back(std::move(monitor).value());
  }
  return monitors;
}

}  // namespace steward::agent
