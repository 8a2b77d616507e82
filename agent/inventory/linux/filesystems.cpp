#include "agent/inventory/linux/proc_mounts.h"
#include "agent/inventory/linux/readers.h"
#include "shared/common/log.h"

namespace steward::agent {

std::vector<wire::Filesystem> readFilesystems(const FsRoot& fs) {
  auto text = readSource(fs, "/proc/mounts", true);
  if (!text) return {};
  std::vector<wire::Filesystem> out;
  for (const auto& mount : inventoryMounts(parseProcMounts(*text))) {
    wire::Filesystem item;
    item.mount_point = mount.mount_point;
    item.device = mount.device;
    item.type = mount.type;
    if (isNetworkFilesystem(mount.type)) {
      logger("agent.inventory").debug("not sizing network filesystem " + mount.mount_point);
    } else if (auto stats = fs.statvfs(mount.mount_point)) {
      item.size_bytes = stats->total_bytes;
      // As df(1) counts it: blocks in use, root's reserve not included.
      item.used_bytes = stats->total_bytes - stats->free_bytes;
    } else {
      logger("agent.inventory")
          .information("no size for " + mount.mount_point + ": " + stats.error().message);
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace steward::agent
