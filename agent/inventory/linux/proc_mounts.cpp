#include "agent/inventory/linux/proc_mounts.h"

#include <algorithm>
#include <array>
#include <sstream>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

std::string decodeOctal(std::string_view field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      const auto digits = field.substr(i + 1, 3);
      if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '7'; })) {
        const int value = (digits[0] - '0') * 64 + (digits[1] - '0') * 8 + (digits[2] - '0');
        if (value <= 0xFF) {
          out += static_cast<char>(value);
          i += 3;
          continue;
        }
      }
    }
    out += field[i];
  }
  return out;
}

}  // namespace

std::vector<MountEntry> parseProcMounts(std::string_view text) {
  std::vector<MountEntry> entries;
  for (const auto line : splitLines(text)) {
    std::istringstream in{std::string(line)};
    std::string device, mount_point, type, options;
    if (!(in >> device >> mount_point >> type)) continue;
    in >> options;
    entries.push_back({decodeOctal(device), decodeOctal(mount_point), type, options});
  }
  return entries;
}

bool isPseudoFilesystem(const MountEntry& entry) {
  static constexpr std::array<std::string_view, 27> kPseudo = {
      "proc",        "sysfs",     "devtmpfs",  "devpts",      "tmpfs",
      "ramfs",       "cgroup",    "cgroup2",   "securityfs",  "debugfs",
      "tracefs",     "configfs",  "fusectl",   "mqueue",      "hugetlbfs",
      "pstore",      "bpf",       "autofs",    "binfmt_misc", "efivarfs",
      "rpc_pipefs",  "nsfs",      "selinuxfs", "squashfs",    "fuse.gvfsd-fuse",
      "fuse.portal", "fuse.lxcfs"};
  if (std::find(kPseudo.begin(), kPseudo.end(), entry.type) != kPseudo.end()) return true;
  // A container's root is an overlay and is its only real filesystem; elsewhere
  // overlays are container layers already counted on the disk below them.
  return entry.type == "overlay" && entry.mount_point != "/";
}

bool isNetworkFilesystem(std::string_view type) {
  static constexpr std::array<std::string_view, 8> kNetwork = {
      "nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "ceph", "glusterfs"};
  return std::find(kNetwork.begin(), kNetwork.end(), type) != kNetwork.end();
}

std::vector<MountEntry> inventoryMounts(const std::vector<MountEntry>& all) {
  std::vector<MountEntry> kept;
  for (const auto& entry : all) {
    if (isPseudoFilesystem(entry)) continue;
    auto same = std::find_if(kept.begin(), kept.end(), [&](const MountEntry& k) {
      return k.mount_point == entry.mount_point;
    });
    if (same != kept.end()) {
      *same = entry;  // mounted over: the later mount is the one in use
    } else {
      kept.push_back(entry);
    }
  }
  return kept;
}

}  // namespace steward::agent
