#include "agent/inventory/linux/proc_meminfo.h"
#include "agent/inventory/linux/readers.h"
#include "shared/common/log.h"

namespace steward::agent {

wire::Memory readMemory(const FsRoot& fs) {
  wire::Memory memory;
  if (auto text = readSource(fs, "/proc/meminfo", true)) {
    auto info = parseProcMeminfo(*text);
    if (info) {
      memory.total_bytes = info->total_bytes;
      memory.swap_total_bytes = info->swap_total_bytes;
    } else {
      logger("agent.inventory").warning("/proc/meminfo unusable: " + info.error().message);
    }
  }
  return memory;
}

}  // namespace steward::agent
