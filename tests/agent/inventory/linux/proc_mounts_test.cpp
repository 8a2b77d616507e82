#include "agent/inventory/linux/proc_mounts.h"

#include <gtest/gtest.h>

namespace steward::agent {
namespace {

TEST(ProcMountsParserTest, ReadsFieldsAndDecodesOctalEscapes) {
  auto entries = parseProcMounts(
      "/dev/sda1 /srv/data\\040backup ext4 rw,relatime 0 0\n"
      "/dev/sdb1 /media/usb\\011tab\\134x vfat rw 0 0\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].device, "/dev/sda1");
  EXPECT_EQ(entries[0].mount_point, "/srv/data backup");
  EXPECT_EQ(entries[0].type, "ext4");
  EXPECT_EQ(entries[0].options, "rw,relatime");
  EXPECT_EQ(entries[1].mount_point, "/media/usb\ttab\\x");
}

TEST(ProcMountsParserTest, SkipsShortLinesAndKeepsTruncatedOnes) {
  auto entries = parseProcMounts("garbage\n/dev/vda /\n\n/dev/vda / ext4");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].type, "ext4");
  EXPECT_EQ(entries[0].options, "");
  EXPECT_TRUE(parseProcMounts("").empty());
}

TEST(ProcMountsParserTest, BadEscapeIsKeptLiterally) {
  auto entries = parseProcMounts("/dev/sda1 /a\\9z ext4 rw 0 0\n/dev/sda2 /b\\04 ext4 rw 0 0\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].mount_point, "/a\\9z");
  EXPECT_EQ(entries[1].mount_point, "/b\\04");
}

TEST(ProcMountsParserTest, InventoryKeepsDisksAndDropsPseudoFilesystems) {
  auto kept = inventoryMounts(parseProcMounts(
      "proc /proc proc rw 0 0\nsysfs /sys sysfs rw 0 0\ntmpfs /run tmpfs rw 0 0\n"
      "cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n/dev/nvme0n1p2 / ext4 rw 0 0\n"
      "/dev/loop0 /snap/core22/1380 squashfs ro 0 0\n/dev/nvme0n1p1 /boot/efi vfat rw 0 0\n"
      "overlay /var/lib/docker/overlay2/x/merged overlay rw 0 0\n"
      "gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw 0 0\n"
      "nas:/export /mnt/nas nfs4 rw 0 0\n"));
  std::vector<std::string> points;
  for (const auto& m : kept) points.push_back(m.mount_point);
  EXPECT_EQ(points, (std::vector<std::string>{"/", "/boot/efi", "/mnt/nas"}));
}

TEST(ProcMountsParserTest, ContainerOverlayRootIsKept) {
  auto kept =
      inventoryMounts(parseProcMounts("overlay / overlay rw 0 0\nproc /proc proc rw 0 0\n"));
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].type, "overlay");
}

TEST(ProcMountsParserTest, MountedOverPointKeepsTheVisibleMount) {
  auto kept = inventoryMounts(parseProcMounts(
      "/dev/sda1 /data ext4 rw 0 0\n/dev/sdb1 /home xfs rw 0 0\n/dev/sdc1 /data btrfs rw 0 0\n"));
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].mount_point, "/data");
  EXPECT_EQ(kept[0].device, "/dev/sdc1");
  EXPECT_EQ(kept[0].type, "btrfs");
}

TEST(ProcMountsParserTest, NetworkFilesystemsAreRecognised) {
  EXPECT_TRUE(isNetworkFilesystem("nfs4"));
  EXPECT_TRUE(isNetworkFilesystem("cifs"));
  EXPECT_FALSE(isNetworkFilesystem("ext4"));
}

}  // namespace
}  // namespace steward::agent
