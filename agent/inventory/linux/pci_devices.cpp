#include <cctype>

#include "agent/inventory/linux/hw_ids.h"
#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "shared/common/log.h"

namespace steward::agent {
namespace {

constexpr std::string_view kPciDevices = "/sys/bus/pci/devices/";

// A sysfs id attribute ("0x8086\n") as `digits` lower-case hex digits, else nullopt.
std::optional<std::string> hexAttribute(const FsRoot& fs, const std::string& path,
                                        std::size_t digits) {
  auto raw = readSource(fs, path, false);
  if (!raw) return std::nullopt;
  std::string value = toLower(trim(*raw));
  if (value.rfind("0x", 0) == 0) value.erase(0, 2);
  if (value.size() != digits) return std::nullopt;
  for (const char c : value) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return value;
}

std::optional<std::string> boundDriver(const FsRoot& fs, const std::string& device_dir) {
  auto link = fs.readLink(device_dir + "/driver");
  if (!link) return std::nullopt;  // no driver bound: normal for bridges and unused devices
  const std::string& target = *link;
  const std::string name = target.substr(target.find_last_of('/') + 1);
  if (name.empty()) return std::nullopt;
  return name;
}

}  // namespace

std::vector<wire::PciDevice> readPciDevices(const FsRoot& fs) {
  auto names = fs.listDirectory(kPciDevices);
  if (!names) {
    // No bus at all is normal in containers and many VMs; anything else is worth a note.
    const std::string message = "skipped " + std::string(kPciDevices) + " (" + names.error().code +
                                "): " + names.error().message;
    auto& log = logger("agent.inventory");
    names.error().code == "not_found" ? log.debug(message) : log.warning(message);
    return {};
  }
  std::vector<wire::PciDevice> devices;
  HwIdsLookup ids;
  for (const auto& address : *names) {
    const std::string dir = std::string(kPciDevices) + address;
    auto vendor = hexAttribute(fs, dir + "/vendor", 4);
    auto device = hexAttribute(fs, dir + "/device", 4);
    if (!vendor || !device) {
      logger("agent.inventory").warning("skipped PCI device " + address + ": no readable ids");
      continue;
    }
    wire::PciDevice d{address, *vendor, *device};
    d.class_code = hexAttribute(fs, dir + "/class", 6);
    auto sub_vendor = hexAttribute(fs, dir + "/subsystem_vendor", 4);
    auto sub_device = hexAttribute(fs, dir + "/subsystem_device", 4);
    if (sub_vendor && sub_device && *sub_vendor != "0000") {
      d.subsystem = *sub_vendor + ":" + *sub_device;
    }
    d.driver = boundDriver(fs, dir);
    ids.wantDevice(d.vendor_id, d.device_id);
    if (d.class_code) ids.wantClass(d.class_code->substr(0, 2), d.class_code->substr(2, 2));
    devices.push_back(std::move(d));
  }
  if (!devices.empty() && scanIdsFile(fs, "pci.ids", ids)) {
    for (auto& d : devices) {
      d.vendor = ids.vendorName(d.vendor_id);
      d.name = ids.deviceName(d.vendor_id, d.device_id);
      if (d.class_code)
        d.class_name = ids.className(d.class_code->substr(0, 2), d.class_code->substr(2, 2));
    }
  }
  return devices;
}

}  // namespace steward::agent
