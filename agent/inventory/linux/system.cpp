#include "agent/inventory/linux/os_release.h"
#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "shared/common/log.h"

namespace steward::agent {
namespace {

std::optional<std::string> field(const std::map<std::string, std::string>& fields,
                                 const std::string& key) {
  const auto it = fields.find(key);
  if (it == fields.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

}  // namespace

wire::SystemInfo readSystemInfo(const FsRoot& fs, const std::optional<std::string>& fallback_arch) {
  wire::SystemInfo info;
  if (auto text = readSource(fs, "/proc/sys/kernel/hostname", true)) {
    info.hostname = sysfsValue(*text).value_or("");
  }
  if (info.hostname.empty()) {
    if (auto text = readSource(fs, "/etc/hostname", false)) {
      info.hostname = sysfsValue(*text).value_or("");
    }
  }
  // The wire requires a hostname; "(none)" is what the kernel itself shows for an
  // unset one, so the report is still accepted and the gap is visible.
  if (info.hostname.empty()) info.hostname = "(none)";
  if (auto text = readSource(fs, "/proc/sys/kernel/osrelease", true))
    info.kernel = sysfsValue(*text);
  if (auto text = readSource(fs, "/proc/sys/kernel/arch", false))
    info.architecture = sysfsValue(*text);
  if (!info.architecture) info.architecture = fallback_arch;

  // os-release(5): /etc/os-release wins, /usr/lib/os-release is the vendor fallback.
  auto text = readSource(fs, "/etc/os-release", false);
  if (!text) text = readSource(fs, "/usr/lib/os-release", true);
  if (text) {
    auto fields = parseOsRelease(*text);
    if (fields) {
      info.os_id = field(*fields, "ID");
      info.os_name = field(*fields, "PRETTY_NAME");
      if (!info.os_name) info.os_name = field(*fields, "NAME");
      info.os_version = field(*fields, "VERSION_ID");
    } else {
      logger("agent.inventory").warning("os-release unusable: " + fields.error().message);
    }
  }
  return info;
}

}  // namespace steward::agent
