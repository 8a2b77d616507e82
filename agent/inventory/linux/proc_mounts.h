#pragma once

// /proc/mounts (fstab(5) format): "device mount_point type options dump pass".

#include <string>
#include <string_view>
#include <vector>

namespace steward::agent {

struct MountEntry {
  std::string device;
  std::string mount_point;
  std::string type;
  std::string options;
};

// Every well-formed line, octal escapes ("\040" for a space) decoded. Lines with
// fewer than three fields are skipped.
std::vector<MountEntry> parseProcMounts(std::string_view text);

// True for filesystems that hold no user data and would only be noise in an
// inventory: kernel interfaces (proc, sysfs, cgroup...), memory-backed (tmpfs,
// devtmpfs, ramfs), read-only images (squashfs: snaps), container layers (overlay
// other than "/"), desktop FUSE helpers (gvfsd-fuse, portal, lxcfs).
bool isPseudoFilesystem(const MountEntry& entry);

// True for network filesystems, where statvfs can hang on a dead server.
bool isNetworkFilesystem(std::string_view type);

// The mounts an inventory reports: pseudo filesystems dropped and, when a mount
// point was mounted over, only the last (visible) mount kept, in first-seen order.
std::vector<MountEntry> inventoryMounts(const std::vector<MountEntry>& all);

}  // namespace steward::agent
