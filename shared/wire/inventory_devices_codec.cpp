#include "shared/wire/inventory_devices_codec.h"

#include <boost/json/array.hpp>

namespace steward::wire::detail {

namespace json = boost::json;

namespace {

template <typename T>
void put(json::object& o, std::string_view key, const std::optional<T>& v) {
  if (v) o[key] = *v;
}

std::optional<std::uint32_t> optionalU32(const ObjectReader& r, std::string_view key) {
  const auto v = r.optionalUint(key);
  if (!v) return std::nullopt;
  if (*v > 0xFFFFFFFFULL) {
    throw DecodeFailure{"invalid_field",
                        r.path(key) + ": value " + std::to_string(*v) + " is out of range"};
  }
  return static_cast<std::uint32_t>(*v);
}

// Encodes `items` under `key` unless empty.
template <typename T, typename F>
void putArray(json::object& o, std::string_view key, const std::vector<T>& items, F encode) {
  if (items.empty()) return;
  json::array out;
  for (const auto& item : items) {
    json::object x;
    encode(x, item);
    out.emplace_back(std::move(x));
  }
  o[key] = std::move(out);
}

}  // namespace

void encodeDevices(json::object& o, const InventoryReport& r) {
  putArray(o, "pci_devices", r.pci_devices, [](json::object& x, const PciDevice& d) {
    x["address"] = d.address;
    x["vendor_id"] = d.vendor_id;
    x["device_id"] = d.device_id;
    put(x, "class_code", d.class_code);
    put(x, "class_name", d.class_name);
    put(x, "vendor", d.vendor);
    put(x, "name", d.name);
    put(x, "subsystem", d.subsystem);
    put(x, "driver", d.driver);
  });
  putArray(o, "usb_devices", r.usb_devices, [](json::object& x, const UsbDevice& d) {
    x["port"] = d.port;
    x["vendor_id"] = d.vendor_id;
    x["product_id"] = d.product_id;
    put(x, "vendor", d.vendor);
    put(x, "product", d.product);
    put(x, "serial", d.serial);
    put(x, "device_class", d.device_class);
    put(x, "speed_mbps", d.speed_mbps);
  });
  putArray(o, "monitors", r.monitors, [](json::object& x, const Monitor& m) {
    x["connector"] = m.connector;
    put(x, "manufacturer_id", m.manufacturer_id);
    put(x, "manufacturer", m.manufacturer);
    put(x, "model", m.model);
    put(x, "product_code", m.product_code);
    put(x, "serial", m.serial);
    put(x, "manufacture_year", m.manufacture_year);
    put(x, "width_mm", m.width_mm);
    put(x, "height_mm", m.height_mm);
  });
  putArray(o, "batteries", r.batteries, [](json::object& x, const Battery& b) {
    x["name"] = b.name;
    put(x, "manufacturer", b.manufacturer);
    put(x, "model", b.model);
    put(x, "serial", b.serial);
    put(x, "technology", b.technology);
    put(x, "status", b.status);
    put(x, "capacity_unit", b.capacity_unit);
    put(x, "design_capacity", b.design_capacity);
    put(x, "full_capacity", b.full_capacity);
    put(x, "cycle_count", b.cycle_count);
    put(x, "health_percent", b.health_percent);
  });
}

void decodeDevices(const ObjectReader& r, InventoryReport& report) {
  report.pci_devices =
      r.array<PciDevice>("pci_devices", [](const json::value& v, const std::string& p) {
        const ObjectReader x(v, p);
        PciDevice d{x.requiredString("address"), x.requiredString("vendor_id"),
                    x.requiredString("device_id")};
        d.class_code = x.optionalString("class_code");
        d.class_name = x.optionalString("class_name");
        d.vendor = x.optionalString("vendor");
        d.name = x.optionalString("name");
        d.subsystem = x.optionalString("subsystem");
        d.driver = x.optionalString("driver");
        return d;
      });
  report.usb_devices =
      r.array<UsbDevice>("usb_devices", [](const json::value& v, const std::string& p) {
        const ObjectReader x(v, p);
        UsbDevice d{x.requiredString("port"), x.requiredString("vendor_id"),
                    x.requiredString("product_id")};
        d.vendor = x.optionalString("vendor");
        d.product = x.optionalString("product");
        d.serial = x.optionalString("serial");
        d.device_class = x.optionalString("device_class");
        d.speed_mbps = optionalU32(x, "speed_mbps");
        return d;
      });
  report.monitors = r.array<Monitor>("monitors", [](const json::value& v, const std::string& p) {
    const ObjectReader x(v, p);
    Monitor m;
    m.connector = x.requiredString("connector");
    m.manufacturer_id = x.optionalString("manufacturer_id");
    m.manufacturer = x.optionalString("manufacturer");
    m.model = x.optionalString("model");
    m.product_code = optionalU32(x, "product_code");
    m.serial = x.optionalString("serial");
    m.manufacture_year = optionalU32(x, "manufacture_year");
    m.width_mm = optionalU32(x, "width_mm");
    m.height_mm = optionalU32(x, "height_mm");
    return m;
  });
  report.batteries = r.array<Battery>("batteries", [](const json::value& v, const std::string& p) {
    const ObjectReader x(v, p);
    Battery b{x.requiredString("name")};
    b.manufacturer = x.optionalString("manufacturer");
    b.model = x.optionalString("model");
    b.serial = x.optionalString("serial");
    b.technology = x.optionalString("technology");
    b.status = x.optionalString("status");
    b.capacity_unit = x.optionalString("capacity_unit");
    b.design_capacity = x.optionalUint("design_capacity");
    b.full_capacity = x.optionalUint("full_capacity");
    b.cycle_count = optionalU32(x, "cycle_count");
    b.health_percent = x.optionalDouble("health_percent");
    return b;
  });
}

}  // namespace steward::wire::detail
