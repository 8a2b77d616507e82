// The Linux readers on fixture trees: tests/fixtures/linux/debian12-vm was captured
// from a Debian 12 VM (virtio disk and NIC, no DMI); workstation is a Dell OptiPlex
// 7090 running Ubuntu 22.04 with an NVMe and a SATA disk, Wi-Fi and Docker.

#include "agent/inventory/linux/readers.h"

#include <gtest/gtest.h>

#include "tests/agent/fake_fs_root.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::agent::testing::FakeFsRoot;
using steward::testing::fixturesDir;
using steward::testing::TempDir;

std::string fixture(const std::string& machine) { return fixturesDir() + "/linux/" + machine; }

TEST(SystemReaderTest, DebianVm) {
  FsRoot fs(fixture("debian12-vm"));
  const auto info = readSystemInfo(fs, std::nullopt);
  EXPECT_EQ(info.hostname, "vm");
  EXPECT_EQ(info.os_id, "debian");
  EXPECT_EQ(info.os_name, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(info.os_version, "12");
  EXPECT_EQ(info.kernel, "6.18.44-fc-v782");
  EXPECT_EQ(info.architecture, "x86_64");
}

TEST(SystemReaderTest, FallsBackToUsrLibOsRelease) {
  FsRoot fs(fixture("workstation"));  // has only /usr/lib/os-release, as Ubuntu
  const auto info = readSystemInfo(fs, std::nullopt);
  EXPECT_EQ(info.hostname, "ws-fin-042");
  EXPECT_EQ(info.os_id, "ubuntu");
  EXPECT_EQ(info.os_name, "Ubuntu 22.04.4 LTS");
  EXPECT_EQ(info.os_version, "22.04");
}

TEST(SystemReaderTest, MissingSourcesLeaveFieldsAbsent) {
  TempDir dir;
  dir.write("proc/sys/kernel/hostname", "lonely\n");
  FsRoot fs(dir.path());
  const auto info = readSystemInfo(fs, std::string("aarch64"));
  EXPECT_EQ(info.hostname, "lonely");
  EXPECT_FALSE(info.os_id);
  EXPECT_FALSE(info.os_name);
  EXPECT_FALSE(info.kernel);
  EXPECT_EQ(info.architecture, "aarch64");  // uname's answer when the kernel has no arch file
}

TEST(CpuReaderTest, DebianVm) {
  FsRoot fs(fixture("debian12-vm"));
  const auto cpu = readCpu(fs);
  EXPECT_EQ(cpu.model, "AMD EPYC");
  EXPECT_EQ(cpu.vendor, "AuthenticAMD");
  EXPECT_EQ(cpu.threads, 2u);
  EXPECT_EQ(cpu.cores, 2u);
  EXPECT_EQ(cpu.sockets, 1u);
  EXPECT_FALSE(cpu.max_mhz);  // no cpufreq in the VM
}

TEST(CpuReaderTest, WorkstationWithHyperthreadingAndMaxFrequency) {
  FsRoot fs(fixture("workstation"));
  const auto cpu = readCpu(fs);
  EXPECT_EQ(cpu.model, "Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz");
  EXPECT_EQ(cpu.threads, 16u);
  EXPECT_EQ(cpu.cores, 8u);
  EXPECT_EQ(cpu.sockets, 1u);
  EXPECT_EQ(cpu.max_mhz, 4800.0);
}

TEST(MemoryReaderTest, Fixtures) {
  const auto vm = readMemory(FsRoot(fixture("debian12-vm")));
  EXPECT_EQ(vm.total_bytes, 24683656ull * 1024);
  EXPECT_EQ(vm.swap_total_bytes, 0u);
  const auto ws = readMemory(FsRoot(fixture("workstation")));
  EXPECT_EQ(ws.total_bytes, 32559236ull * 1024);
  EXPECT_EQ(ws.swap_total_bytes, 2097148ull * 1024);
}

TEST(MemoryReaderTest, UnreadableMeminfoLeavesZero) {
  FakeFsRoot fs(fixture("workstation"));
  fs.deny("/proc/meminfo");
  const auto memory = readMemory(fs);
  EXPECT_EQ(memory.total_bytes, 0u);
  EXPECT_FALSE(memory.swap_total_bytes);
}

TEST(DmiIdReaderTest, WorkstationIdentity) {
  FsRoot fs(fixture("workstation"));
  const auto id = readDmiId(fs);
  EXPECT_EQ(id.vendor, "Dell Inc.");
  EXPECT_EQ(id.model, "OptiPlex 7090");
  EXPECT_EQ(id.serial, "7XK4L53");
  EXPECT_EQ(id.uuid, "4c4c4544-0058-4b10-8034-b7c04f4c3533");
}

TEST(DmiIdReaderTest, NonRootAgentOmitsSerialAndUuid) {
  FakeFsRoot fs(fixture("workstation"));
  fs.deny("/sys/class/dmi/id/product_serial");
  fs.deny("/sys/class/dmi/id/product_uuid");
  const auto id = readDmiId(fs);
  EXPECT_EQ(id.vendor, "Dell Inc.");
  EXPECT_EQ(id.model, "OptiPlex 7090");
  EXPECT_FALSE(id.serial);
  EXPECT_FALSE(id.uuid);
}

TEST(DmiIdReaderTest, UuidIsLowerCasedAndBlankFieldsOmitted) {
  TempDir dir;
  dir.write("sys/class/dmi/id/product_uuid", "4C4C4544-0058-4B10-8034-B7C04F4C3533\n");
  dir.write("sys/class/dmi/id/product_serial", "   \n");
  const auto id = readDmiId(FsRoot(dir.path()));
  EXPECT_EQ(id.uuid, "4c4c4544-0058-4b10-8034-b7c04f4c3533");
  EXPECT_FALSE(id.serial);
  EXPECT_FALSE(id.vendor);
}

TEST(DmiIdReaderTest, VmWithoutDmiHasNoIdentity) {
  const auto id = readDmiId(FsRoot(fixture("debian12-vm")));
  EXPECT_EQ(id, wire::HardwareIdentity{});
}

TEST(BlockDevicesReaderTest, DebianVmHasOneVirtioDiskAndNoLoopOrZram) {
  const auto disks = readBlockDevices(FsRoot(fixture("debian12-vm")));
  ASSERT_EQ(disks.size(), 1u);
  EXPECT_EQ(disks[0].name, "vda");
  EXPECT_EQ(disks[0].size_bytes, 274877906944u);  // 256 GiB
  EXPECT_EQ(disks[0].serial, "1996637625625892");
  EXPECT_FALSE(disks[0].model);
  EXPECT_EQ(disks[0].rotational, true);
}

TEST(BlockDevicesReaderTest, WorkstationNvmeAndSataDisk) {
  const auto disks = readBlockDevices(FsRoot(fixture("workstation")));
  ASSERT_EQ(disks.size(), 2u);  // loop0 and dm-0 are not disks
  EXPECT_EQ(disks[0].name, "nvme0n1");
  EXPECT_EQ(disks[0].model, "PM9A1 NVMe Samsung 512GB");
  EXPECT_EQ(disks[0].serial, "S64ENX0R612345");
  EXPECT_EQ(disks[0].size_bytes, 512110190592u);
  EXPECT_EQ(disks[0].rotational, false);
  EXPECT_EQ(disks[1].name, "sda");
  EXPECT_EQ(disks[1].model, "ST2000DM008-2FR1");
  EXPECT_EQ(disks[1].serial, "ZFL5K1AB");
  EXPECT_EQ(disks[1].size_bytes, 2000398934016u);
  EXPECT_EQ(disks[1].rotational, true);
}

TEST(BlockDevicesReaderTest, MissingSysBlockOrUnreadableSizeSkipsQuietly) {
  TempDir dir;
  EXPECT_TRUE(readBlockDevices(FsRoot(dir.path())).empty());
  dir.write("sys/block/sda/device/model", "Samsung SSD 870\n");
  dir.write("sys/block/sda/size", "garbage\n");
  dir.write("sys/block/sdb/device/model", "WDC WD40EFRX-68N\n");
  dir.write("sys/block/sdb/size", "7814037168\n");
  const auto disks = readBlockDevices(FsRoot(dir.path()));
  ASSERT_EQ(disks.size(), 1u);
  EXPECT_EQ(disks[0].name, "sdb");
  EXPECT_FALSE(disks[0].rotational);  // no queue/rotational file: unknown, not false
  EXPECT_FALSE(disks[0].serial);
}

TEST(FilesystemsReaderTest, WorkstationMountsWithSizes) {
  FakeFsRoot fs(fixture("workstation"));
  fs.setStats("/", FsStats{500'000'000'000, 200'000'000'000, 175'000'000'000, 0, 0});
  fs.setStats("/srv/data backup", FsStats{2'000'000'000'000, 1'500'000'000'000, 0, 0, 0});
  const auto filesystems = readFilesystems(fs);
  ASSERT_EQ(filesystems.size(), 4u);
  EXPECT_EQ(filesystems[0].mount_point, "/");
  EXPECT_EQ(filesystems[0].device, "/dev/nvme0n1p2");
  EXPECT_EQ(filesystems[0].type, "ext4");
  EXPECT_EQ(filesystems[0].size_bytes, 500'000'000'000u);
  EXPECT_EQ(filesystems[0].used_bytes, 300'000'000'000u);
  EXPECT_EQ(filesystems[1].mount_point, "/boot/efi");
  EXPECT_FALSE(filesystems[1].size_bytes);  // statvfs failed: size unknown
  EXPECT_EQ(filesystems[2].mount_point, "/srv/data backup");
  EXPECT_EQ(filesystems[2].used_bytes, 500'000'000'000u);
  EXPECT_EQ(filesystems[3].mount_point, "/mnt/nas");
  EXPECT_EQ(filesystems[3].type, "nfs4");
  EXPECT_FALSE(filesystems[3].size_bytes);  // never statvfs a network mount
}

TEST(FilesystemsReaderTest, DebianVmRootOnly) {
  FakeFsRoot fs(fixture("debian12-vm"));
  const auto filesystems = readFilesystems(fs);
  ASSERT_EQ(filesystems.size(), 1u);
  EXPECT_EQ(filesystems[0].device, "/dev/vda");
}

TEST(NetInterfacesReaderTest, WorkstationPhysicalAndVirtualNics) {
  const auto nics = readNetInterfaces(FsRoot(fixture("workstation")), StaticAddressProvider());
  std::vector<std::string> physical, virtual_nics;
  for (const auto& nic : nics) {
    (nic.is_virtual ? virtual_nics : physical).push_back(nic.name + "=" + nic.mac.value_or("-"));
  }
  EXPECT_EQ(physical,
            (std::vector<std::string>{"eno1=b0:7b:25:4e:91:0c", "wlp0s20f3=5c:87:9c:3d:22:a7"}));
  EXPECT_EQ(virtual_nics, (std::vector<std::string>{"docker0=02:42:7c:5e:1a:90",
                                                    "veth3c1f2a7=6e:2d:91:a4:0b:5f", "wg0=-"}));
}

TEST(NetInterfacesReaderTest, DebianVm) {
  const auto nics = readNetInterfaces(FsRoot(fixture("debian12-vm")), StaticAddressProvider());
  ASSERT_EQ(nics.size(), 2u);
  EXPECT_EQ(nics[0].name, "eth0");
  EXPECT_EQ(nics[0].mac, "02:fc:00:00:00:01");
  EXPECT_FALSE(nics[0].is_virtual);
  EXPECT_EQ(nics[1].name, "ifb0");
  EXPECT_TRUE(nics[1].is_virtual);
}

TEST(DpkgPackagesReaderTest, DebianVmHasFortyPackages) {
  const auto packages = readDpkgPackages(FsRoot(fixture("debian12-vm")));
  ASSERT_EQ(packages.size(), 40u);
  EXPECT_EQ(packages[0].name, "adduser");
  EXPECT_EQ(packages[0].version, "3.134");
  EXPECT_EQ(packages[0].architecture, "all");
}

TEST(DpkgPackagesReaderTest, WorkstationSkipsRemovedHeldAndHalfConfigured) {
  const auto packages = readDpkgPackages(FsRoot(fixture("workstation")));
  std::vector<std::string> names;
  for (const auto& p : packages) names.push_back(p.name + ":" + p.architecture.value_or("?"));
  EXPECT_EQ(names,
            (std::vector<std::string>{"base-files:amd64", "code:amd64", "libc6:amd64", "libc6:i386",
                                      "openssh-server:amd64", "python3:amd64"}));
}

TEST(DpkgPackagesReaderTest, NoDpkgOrDeniedMeansNoPackages) {
  TempDir dir;
  EXPECT_TRUE(readDpkgPackages(FsRoot(dir.path())).empty());
  FakeFsRoot fs(fixture("workstation"));
  fs.deny("/var/lib/dpkg/status");
  EXPECT_TRUE(readDpkgPackages(fs).empty());
}

}  // namespace
}  // namespace steward::agent
