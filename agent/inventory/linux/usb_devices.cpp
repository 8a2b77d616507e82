#include <cctype>
#include <cmath>

#include "agent/inventory/linux/hw_ids.h"
#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "shared/common/log.h"

namespace steward::agent {
namespace {

constexpr std::string_view kUsbDevices = "/sys/bus/usb/devices/";

// idVendor/idProduct ("046d\n") as four lower-case hex digits, else nullopt.
std::optional<std::string> hexId(const std::optional<std::string>& raw) {
  if (!raw) return std::nullopt;
  std::string value = toLower(trim(*raw));
  if (value.size() != 4) return std::nullopt;
  for (const char c : value) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return value;
}

std::optional<std::string> attribute(const FsRoot& fs, const std::string& dir,
                                     std::string_view name) {
  auto raw = readSource(fs, dir + "/" + std::string(name), false);
  return raw ? sysfsValue(*raw) : std::nullopt;
}

}  // namespace

std::vector<wire::UsbDevice> readUsbDevices(const FsRoot& fs) {
  auto names = fs.listDirectory(kUsbDevices);
  if (!names) {
    // No bus at all is normal in containers and many VMs; anything else is worth a note.
    const std::string message = "skipped " + std::string(kUsbDevices) + " (" + names.error().code +
                                "): " + names.error().message;
    auto& log = logger("agent.inventory");
    names.error().code == "not_found" ? log.debug(message) : log.warning(message);
    return {};
  }
  std::vector<wire::UsbDevice> devices;
  HwIdsLookup ids;
  for (const auto& port : *names) {
    // "1-4:1.0" are interfaces of device "1-4"; "usbN" are the host controllers' root
    // hubs, which the PCI list already shows as the controller itself.
    if (port.find(':') != std::string::npos || port.rfind("usb", 0) == 0) continue;
    const std::string dir = std::string(kUsbDevices) + port;
    auto vendor = hexId(attribute(fs, dir, "idVendor"));
    auto product = hexId(attribute(fs, dir, "idProduct"));
    if (!vendor || !product) {
      logger("agent.inventory").warning("skipped USB device " + port + ": no readable ids");
      continue;
    }
    wire::UsbDevice d{port, *vendor, *product};
    d.vendor = attribute(fs, dir, "manufacturer");
    d.product = attribute(fs, dir, "product");
    d.serial = attribute(fs, dir, "serial");
    d.device_class = attribute(fs, dir, "bDeviceClass");
    if (auto speed = attribute(fs, dir, "speed")) {
      // "1.5" (low speed), "12", "480", "5000"...
      if (auto mbps = parseDouble(*speed); mbps && *mbps >= 0 && *mbps < 1e6) {
        d.speed_mbps = static_cast<std::uint32_t>(std::floor(*mbps));
      }
    }
    ids.wantDevice(d.vendor_id, d.product_id);
    devices.push_back(std::move(d));
  }
  if (!devices.empty() && scanIdsFile(fs, "usb.ids", ids)) {
    // The database's names are consistent across units; a device's own strings are
    // often missing or generic, so they are only the fallback.
    for (auto& d : devices) {
      if (auto name = ids.vendorName(d.vendor_id)) d.vendor = std::move(name);
      if (auto name = ids.deviceName(d.vendor_id, d.product_id)) d.product = std::move(name);
    }
  }
  return devices;
}

}  // namespace steward::agent
