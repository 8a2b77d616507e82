// PCI and USB readers on fixture trees: sandbox-vm is the real /sys/bus/pci of the VM
// this was written on (names as `lspci` prints them there); workstation is hand-made
// from a Dell OptiPlex 7090's devices. Both carry small pci.ids/usb.ids excerpts.

#include <gtest/gtest.h>

#include "agent/inventory/linux/readers.h"
#include "tests/agent/fake_fs_root.h"
#include "tests/agent/log_capture.h"
#include "tests/support/temp_dir.h"

namespace steward::agent {
namespace {

using steward::testing::fixturesDir;
using steward::testing::TempDir;
using testing::FakeFsRoot;
using testing::LogCapture;

std::string fixture(const std::string& machine) { return fixturesDir() + "/linux/" + machine; }

TEST(PciReaderTest, RealVmMatchesLspci) {
  FsRoot fs(fixture("sandbox-vm"));
  const auto devices = readPciDevices(fs);
  ASSERT_EQ(devices.size(), 5u + 1u);
  // lspci: "00:00.0 Host bridge: Intel Corporation Device 0d57"
  EXPECT_EQ(devices[0].address, "0000:00:00.0");
  EXPECT_EQ(devices[0].vendor, "Intel Corporation");
  EXPECT_FALSE(devices[0].name);  // 0d57 is not in pci.ids
  EXPECT_EQ(devices[0].class_name, "Host bridge");
  EXPECT_FALSE(devices[0].driver);
  EXPECT_FALSE(devices[0].subsystem);  // subsystem vendor 0000: none
  // lspci: "00:02.0 Mass storage controller: Red Hat, Inc. Virtio 1.0 block device (rev 01)"
  EXPECT_EQ(devices[2].vendor_id, "1af4");
  EXPECT_EQ(devices[2].device_id, "1042");
  EXPECT_EQ(devices[2].vendor, "Red Hat, Inc.");
  EXPECT_EQ(devices[2].name, "Virtio 1.0 block device");
  EXPECT_EQ(devices[2].class_code, "018000");
  EXPECT_EQ(devices[2].class_name, "Mass storage controller");
  EXPECT_EQ(devices[2].driver, "virtio-pci");
  EXPECT_EQ(devices[2].subsystem, "1af4:1042");
  // lspci: "00:01.0 Unassigned class [ffff]: Red Hat, Inc. Virtio 1.0 memory balloon"
  EXPECT_EQ(devices[1].class_name, "Unassigned class");
  EXPECT_EQ(devices[1].name, "Virtio 1.0 memory balloon");
  EXPECT_EQ(devices[3].class_name, "Ethernet controller");
  EXPECT_EQ(devices[5].address, "0000:00:05.0");
}

TEST(PciReaderTest, WorkstationDevicesAndAVendorMissingFromTheIds) {
  FsRoot fs(fixture("workstation"));
  const auto devices = readPciDevices(fs);
  ASSERT_EQ(devices.size(), 10u);
  EXPECT_EQ(devices[1].name, "CometLake-S GT2 [UHD Graphics 630]");
  EXPECT_EQ(devices[1].class_name, "VGA compatible controller");
  EXPECT_EQ(devices[1].driver, "i915");
  EXPECT_EQ(devices[1].subsystem, "1028:09a4");
  EXPECT_EQ(devices[5].class_name, "Audio device");
  EXPECT_EQ(devices[7].vendor, "Samsung Electronics Co Ltd");
  EXPECT_EQ(devices[7].name, "NVMe SSD Controller PM9A1/PM9A3/980PRO");
  EXPECT_EQ(devices[7].class_name, "Non-Volatile memory controller");
  // The card reader's vendor is not in the excerpt: ids stay, names are absent.
  EXPECT_EQ(devices[9].vendor_id, "10ec");
  EXPECT_FALSE(devices[9].vendor);
  EXPECT_FALSE(devices[9].name);
}

TEST(PciReaderTest, NoIdsFileKeepsIdsWithoutNames) {
  TempDir dir;
  dir.write("sys/bus/pci/devices/0000:00:1f.3/vendor", "0x8086\n");
  dir.write("sys/bus/pci/devices/0000:00:1f.3/device", "0x06C8\n");  // upper case on input
  dir.write("sys/bus/pci/devices/0000:00:1f.3/class", "0x040380\n");
  FsRoot fs(dir.path());
  LogCapture log;
  const auto devices = readPciDevices(fs);
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0].device_id, "06c8");
  EXPECT_FALSE(devices[0].vendor);
  EXPECT_FALSE(devices[0].class_name);
  EXPECT_TRUE(log.contains({"pci.ids not found", "names left out"}));
}

TEST(PciReaderTest, BadEntriesAreSkippedWithAReason) {
  TempDir dir;
  dir.write("sys/bus/pci/devices/0000:00:00.0/vendor", "garbage\n");
  dir.write("sys/bus/pci/devices/0000:00:00.0/device", "0x1234\n");
  dir.write("sys/bus/pci/devices/0000:00:01.0/vendor", "0x8086");  // no device file
  dir.write("sys/bus/pci/devices/0000:00:02.0/vendor", "0x8086\n");
  dir.write("sys/bus/pci/devices/0000:00:02.0/device", "0x9bc5\n");
  dir.write("sys/bus/pci/devices/0000:00:02.0/class", "0x03\n");  // truncated class
  dir.write("usr/share/misc/pci.ids", std::string(5000, 'x') + "\n8086  Intel Corporation\n");
  FsRoot fs(dir.path());
  LogCapture log;
  const auto devices = readPciDevices(fs);
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0].address, "0000:00:02.0");
  EXPECT_FALSE(devices[0].class_code);
  EXPECT_EQ(devices[0].vendor, "Intel Corporation");  // after an overlong junk line
  EXPECT_TRUE(log.contains({"skipped PCI device 0000:00:00.0", "no readable ids"}));
  EXPECT_TRUE(log.contains({"skipped PCI device 0000:00:01.0"}));
}

TEST(PciReaderTest, DeniedIdsFileAndMissingBus) {
  FakeFsRoot fs(fixture("sandbox-vm"));
  fs.deny("/usr/share/misc/pci.ids");
  LogCapture log;
  const auto devices = readPciDevices(fs);
  ASSERT_EQ(devices.size(), 6u);
  EXPECT_FALSE(devices[2].name);
  EXPECT_TRUE(log.contains({"/usr/share/misc/pci.ids", "permission_denied"}));

  TempDir empty;
  FsRoot none(empty.path());
  EXPECT_TRUE(readPciDevices(none).empty());
  EXPECT_TRUE(log.contains({"/sys/bus/pci/devices", "not_found"}));
}

TEST(UsbReaderTest, WorkstationDevicesWithoutHubsOrInterfaces) {
  FsRoot fs(fixture("workstation"));
  const auto devices = readUsbDevices(fs);
  ASSERT_EQ(devices.size(), 6u);  // usb1, usb2 and the 1-x:1.0 interfaces are left out
  EXPECT_EQ(devices[0].port, "1-14");
  EXPECT_EQ(devices[0].vendor, "Intel Corp.");
  EXPECT_EQ(devices[0].product, "AX200 Bluetooth");  // no strings of its own
  EXPECT_EQ(devices[0].device_class, "e0");
  EXPECT_EQ(devices[1].port, "1-3");
  EXPECT_EQ(devices[1].vendor, "Logitech, Inc.");  // usb.ids wins over "Logitech"
  EXPECT_EQ(devices[1].product, "Unifying Receiver");
  EXPECT_EQ(devices[1].speed_mbps, 12u);
  EXPECT_EQ(devices[2].port, "1-4");
  EXPECT_EQ(devices[2].speed_mbps, 1u);  // low speed, 1.5 Mbit/s
  EXPECT_EQ(devices[4].port, "1-6.1");
  EXPECT_EQ(devices[4].serial, "4C530001230817117284");
  EXPECT_EQ(devices[4].product, "Ultra");
  // Not in usb.ids: the device's own strings.
  EXPECT_EQ(devices[5].port, "1-7");
  EXPECT_EQ(devices[5].vendor, "Acme Instruments");
  EXPECT_EQ(devices[5].product, "Bench Logger");
  EXPECT_EQ(devices[5].serial, "BL-000412");
}

TEST(UsbReaderTest, GarbageIdsAreSkippedAndMissingBusIsEmpty) {
  TempDir dir;
  dir.write("sys/bus/usb/devices/1-1/idVendor", "zzzz\n");
  dir.write("sys/bus/usb/devices/1-1/idProduct", "0001\n");
  dir.write("sys/bus/usb/devices/1-2/idVendor", "046d\n");
  dir.write("sys/bus/usb/devices/1-2/idProduct", "c52b\n");
  dir.write("sys/bus/usb/devices/1-2/speed", "fast\n");
  FsRoot fs(dir.path());
  LogCapture log;
  const auto devices = readUsbDevices(fs);
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0].port, "1-2");
  EXPECT_FALSE(devices[0].speed_mbps);
  EXPECT_FALSE(devices[0].vendor);
  EXPECT_TRUE(log.contains({"skipped USB device 1-1", "no readable ids"}));
  EXPECT_TRUE(log.contains({"usb.ids not found"}));

  TempDir empty;
  FsRoot none(empty.path());
  EXPECT_TRUE(readUsbDevices(none).empty());
}

}  // namespace
}  // namespace steward::agent
