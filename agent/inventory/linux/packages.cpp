#include "agent/inventory/linux/dpkg_status.h"
#include "agent/inventory/linux/readers.h"
#include "shared/common/log.h"

namespace steward::agent {

namespace {
// A desktop with thousands of packages has a status file of a few MB.
constexpr std::size_t kMaxDpkgStatusBytes = 64 * 1024 * 1024;
}  // namespace

std::vector<wire::Package> readDpkgPackages(const FsRoot& fs) {
  auto text = readSource(fs, "/var/lib/dpkg/status", false, kMaxDpkgStatusBytes);
  if (!text) return {};
  auto status = parseDpkgStatus(*text);
  if (status.skipped > 0) {
    logger("agent.inventory")
        .warning("/var/lib/dpkg/status: skipped " + std::to_string(status.skipped) +
                 " incomplete package entries");
  }
  return std::move(status.installed);
}

}  // namespace steward::agent
