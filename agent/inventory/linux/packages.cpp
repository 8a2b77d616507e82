#include "agent/inventory/linux/dpkg_status.h"
#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "shared/common/log.h"

namespace steward::agent {

namespace {
// A desktop with thousands of packages has a status file of a few MB.
constexpr std::size_t kMaxDpkgStatusBytes = 64 * 1024 * 1024;

// dpkg writes info/<name>.list (info/<name>:<arch>.list for Multi-Arch: same packages)
// when it unpacks a package and rewrites it on every upgrade, so its mtime is the time
// the installed version arrived. dpkg keeps no other install date; a file restored
// from a backup or touched by hand moves it, hence "where known".
void addInstallDates(const FsRoot& fs, std::vector<wire::Package>& packages) {
  std::size_t unknown = 0;
  for (auto& package : packages) {
    const std::string base = "/var/lib/dpkg/info/" + package.name;
    Result<std::int64_t> mtime = makeError("not_found", "");
    if (package.architecture) mtime = fs.modifiedTime(base + ":" + *package.architecture + ".list");
    if (!mtime) mtime = fs.modifiedTime(base + ".list");
    if (mtime) {
      package.installed_at = rfc3339FromUnix(*mtime);
    } else {
      ++unknown;
    }
  }
  if (unknown > 0) {
    logger("agent.inventory")
        .debug("/var/lib/dpkg/info: no readable .list file for " + std::to_string(unknown) +
               " packages; their install date is left out");
  }
}

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
  addInstallDates(fs, status.installed);
  return std::move(status.installed);
}

}  // namespace steward::agent
