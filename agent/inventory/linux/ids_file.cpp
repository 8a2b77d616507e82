#include "agent/inventory/linux/hw_ids.h"
#include "agent/inventory/linux/readers.h"
#include "shared/common/log.h"

namespace steward::agent {

bool scanIdsFile(const FsRoot& fs, std::string_view file_name, HwIdsLookup& ids) {
  // Debian's pci.ids/usb.ids packages use /usr/share/misc; Red Hat and SUSE ship
  // hwdata in /usr/share/hwdata.
  for (const std::string_view dir : {"/usr/share/misc/", "/usr/share/hwdata/"}) {
    const std::string path = std::string(dir) + std::string(file_name);
    if (!fs.exists(path)) continue;
    // 16 MiB: today's pci.ids is 1.3 MB; anything far bigger is not a ids file.
    auto scanned = fs.forEachLine(
        path,
        [&](std::string_view line) {
          ids.feedLine(line);
          return true;
        },
        16 * 1024 * 1024);
    if (scanned) return true;
    logger("agent.inventory")
        .warning("skipped " + path + " (" + scanned.error().code + "): " + scanned.error().message +
                 "; device names left out");
    return false;
  }
  logger("agent.inventory")
      .information(std::string(file_name) + " not found (package " + std::string(file_name) +
                   "); device names left out");
  return false;
}

}  // namespace steward::agent
