#include "agent/inventory/linux/virtualization.h"

#include <gtest/gtest.h>

#include "agent/inventory/linux/readers.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::fixturesDir;
using steward::testing::TempDir;

TEST(VirtualizationTest, HypervisorsByDmiVendor) {
  VirtualizationFacts f;
  f.cpu_hypervisor_flag = true;
  f.sys_vendor = "VMware, Inc.";
  EXPECT_EQ(detectVirtualization(f), "vmware");
  f.sys_vendor = "QEMU";
  f.product_name = "Standard PC (Q35 + ICH9, 2009)";
  EXPECT_EQ(detectVirtualization(f), "qemu");
  f.sys_vendor = "Microsoft Corporation";
  f.product_name = "Virtual Machine";
  EXPECT_EQ(detectVirtualization(f), "hyperv");
  f.sys_vendor = "innotek GmbH";
  EXPECT_EQ(detectVirtualization(f), "virtualbox");
  f.sys_vendor = "Amazon EC2";
  EXPECT_EQ(detectVirtualization(f), "amazon");
}

TEST(VirtualizationTest, FlagWithoutKnownVendorIsOtherAndBareMetalIsNone) {
  VirtualizationFacts f;
  f.cpu_hypervisor_flag = true;
  EXPECT_EQ(detectVirtualization(f), "other");
  f.cpu_hypervisor_flag = false;
  f.sys_vendor = "Dell Inc.";
  f.product_name = "OptiPlex 7090";
  EXPECT_EQ(detectVirtualization(f), "none");
  f.sys_vendor = "Microsoft Corporation";  // a Surface is not a VM
  f.product_name = "Surface Laptop 5";
  EXPECT_EQ(detectVirtualization(f), "none");
}

TEST(VirtualizationTest, ContainersWinOverTheHypervisorBelow) {
  VirtualizationFacts f;
  f.cpu_hypervisor_flag = true;
  f.sys_vendor = "QEMU";
  f.dockerenv = true;
  EXPECT_EQ(detectVirtualization(f), "docker");
  f.dockerenv = false;
  f.containerenv = true;
  EXPECT_EQ(detectVirtualization(f), "podman");
  f.containerenv = false;
  f.pid1_cgroup = "0::/lxc.payload.web01/init.scope\n";
  EXPECT_EQ(detectVirtualization(f), "lxc");
  f.pid1_container = "systemd-nspawn";
  EXPECT_EQ(detectVirtualization(f), "systemd-nspawn");
  f.pid1_container = "oci";
  EXPECT_EQ(detectVirtualization(f), "podman");
  VirtualizationFacts wsl;
  wsl.kernel_release = "5.15.153.1-microsoft-standard-WSL2";
  EXPECT_EQ(detectVirtualization(wsl), "wsl");
}

TEST(VirtualizationTest, EnvironAndCpuinfoParsers) {
  EXPECT_EQ(parseEnvironContainer(std::string("HOME=/\0container=lxc\0TERM=linux", 30)), "lxc");
  EXPECT_EQ(parseEnvironContainer("HOME=/"), "");
  EXPECT_EQ(parseEnvironContainer(std::string("container=docker", 16)), "docker");  // no final NUL
  EXPECT_TRUE(cpuinfoHasHypervisorFlag("processor\t: 0\nflags\t\t: fpu vme hypervisor lahf_lm\n"));
  EXPECT_FALSE(cpuinfoHasHypervisorFlag("flags\t\t: fpu vme hypervisorx\n"));
  EXPECT_FALSE(cpuinfoHasHypervisorFlag("garbage"));
}

TEST(SystemExtrasReaderTest, DebianVm) {
  wire::SystemInfo info;
  readSystemExtras(FsRoot(fixturesDir() + "/linux/debian12-vm"), info);
  EXPECT_EQ(info.timezone, "Etc/UTC");
  EXPECT_TRUE(info.uptime_seconds.has_value());
  EXPECT_EQ(info.virtualization, "other");  // hypervisor flag, no DMI at all
}

TEST(SystemExtrasReaderTest, WorkstationTimezoneFromLocaltimeLink) {
  wire::SystemInfo info;
  readSystemExtras(FsRoot(fixturesDir() + "/linux/workstation"), info);
  EXPECT_EQ(info.timezone, "Europe/Berlin");
  EXPECT_EQ(info.virtualization, "none");
}

TEST(SystemExtrasReaderTest, DockerContainerAndMissingFiles) {
  TempDir dir;
  dir.write(".dockerenv", "");
  wire::SystemInfo info;
  readSystemExtras(FsRoot(dir.path()), info);
  EXPECT_EQ(info.virtualization, "docker");
  EXPECT_FALSE(info.timezone);
  EXPECT_FALSE(info.uptime_seconds);
}

}  // namespace
}  // namespace steward::agent
