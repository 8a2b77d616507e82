#pragma once

// Peripheral inventory added in schema 1.2: PCI and USB devices, monitors (EDID) and
// batteries. Plain types like the rest of inventory.h, which includes this file; the
// JSON codec is in inventory_devices_codec.cpp. Arrays of these default to empty and
// are left out of the JSON when empty, so 1.0 and 1.1 receivers never see them.

#include <cstdint>
#include <optional>
#include <string>

namespace steward::wire {

// One function on the PCI bus, from /sys/bus/pci/devices (since 1.2).
struct PciDevice {
  std::string address;    // domain:bus:device.function, "0000:00:1f.3"
  std::string vendor_id;  // four lower-case hex digits, "8086"
  std::string device_id;  // "a0c8"
  std::optional<std::string> class_code = {};   // six hex digits, "040380"
  std::optional<std::string> class_name = {};   // pci.ids class/subclass, "Audio device"
  std::optional<std::string> vendor = {};       // pci.ids vendor name
  std::optional<std::string> name = {};         // pci.ids device name
  std::optional<std::string> subsystem = {};    // "1028:0a1f" (subsystem vendor:device)
  std::optional<std::string> driver = {};       // bound kernel driver, "snd_hda_intel"
  friend bool operator==(const PciDevice&, const PciDevice&) = default;
};

// One USB device (not interface), from /sys/bus/usb/devices (since 1.2).
struct UsbDevice {
  std::string port;        // sysfs name: "usb1" for a root hub, "1-4.2" for a device
  std::string vendor_id;   // four lower-case hex digits, "046d"
  std::string product_id;  // "c52b"
  // usb.ids names when known, else the strings the device reports itself.
  std::optional<std::string> vendor = {};
  std::optional<std::string> product = {};
  std::optional<std::string> serial = {};
  std::optional<std::string> device_class = {};  // bDeviceClass, two hex digits, "09" = hub
  std::optional<std::uint32_t> speed_mbps = {};  // 1.5 Mbit/s low speed reads as 1
  friend bool operator==(const UsbDevice&, const UsbDevice&) = default;
};

// A connected display, from its EDID (/sys/class/drm/<card-connector>/edid) (since 1.2).
struct Monitor {
  std::string connector;                          // "card0-DP-1"
  std::optional<std::string> manufacturer_id;     // three-letter PNP id, "DEL"
  std::optional<std::string> manufacturer;        // "Dell" for well-known PNP ids
  std::optional<std::string> model;               // display name descriptor (0xFC)
  std::optional<std::uint32_t> product_code;      // EDID bytes 10-11, little-endian
  // Serial descriptor (0xFF) when present, else the 32-bit serial number in decimal.
  std::optional<std::string> serial;
  std::optional<std::uint32_t> manufacture_year;  // or model year when only that is given
  std::optional<std::uint32_t> width_mm;          // image size
  std::optional<std::uint32_t> height_mm;
  friend bool operator==(const Monitor&, const Monitor&) = default;
};

// A battery, from /sys/class/power_supply/<name> with type "Battery" (since 1.2).
// Capacities are in mWh when the kernel reports energy, in mAh when only charge.
struct Battery {
  std::string name;  // "BAT0"
  std::optional<std::string> manufacturer = {};
  std::optional<std::string> model = {};
  std::optional<std::string> serial = {};
  std::optional<std::string> technology = {};  // "Li-ion", "Li-poly"...
  std::optional<std::string> status = {};      // "Charging", "Discharging", "Full"...
  std::optional<std::string> capacity_unit = {};  // "mWh" or "mAh"
  std::optional<std::uint64_t> design_capacity = {};
  std::optional<std::uint64_t> full_capacity = {};  // last full charge
  std::optional<std::uint32_t> cycle_count = {};
  // full_capacity / design_capacity in percent; can exceed 100 on a new battery.
  std::optional<double> health_percent = {};
  friend bool operator==(const Battery&, const Battery&) = default;
};

}  // namespace steward::wire
