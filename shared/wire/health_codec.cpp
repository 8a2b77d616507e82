#include "shared/wire/health_codec.h"

#include <boost/json/array.hpp>

namespace steward::wire::detail {

namespace json = boost::json;

namespace {

template <typename T>
void put(json::object& o, std::string_view key, const std::optional<T>& v) {
  if (v) o[key] = *v;
}

}  // namespace

json::object encodeHealth(const Health& h) {
  json::object o;
  put(o, "load5", h.load5);
  put(o, "load15", h.load15);
  put(o, "memory_total_bytes", h.memory_total_bytes);
  put(o, "memory_available_bytes", h.memory_available_bytes);
  put(o, "swap_total_bytes", h.swap_total_bytes);
  put(o, "swap_free_bytes", h.swap_free_bytes);
  json::array filesystems;
  for (const auto& f : h.filesystems) {
    json::object x;
    x["mount_point"] = f.mount_point;
    x["device"] = f.device;
    x["size_bytes"] = f.size_bytes;
    x["used_bytes"] = f.used_bytes;
    x["available_bytes"] = f.available_bytes;
    put(x, "inodes_total", f.inodes_total);
    put(x, "inodes_free", f.inodes_free);
    x["read_only"] = f.read_only;
    filesystems.emplace_back(std::move(x));
  }
  o["filesystems"] = std::move(filesystems);
  put(o, "reboot_required", h.reboot_required);
  put(o, "cpu_utilisation_percent", h.cpu_utilisation_percent);
  if (h.failed_units) {
    json::array units;
    for (const auto& u : *h.failed_units) units.emplace_back(u);
    o["failed_units"] = std::move(units);
  }
  json::array smart;
  for (const auto& d : h.smart) {
    json::object x;
    x["device"] = d.device;
    x["passed"] = d.passed;
    put(x, "model", d.model);
    put(x, "serial", d.serial);
    put(x, "temperature_celsius", d.temperature_celsius);
    put(x, "reallocated_sectors", d.reallocated_sectors);
    smart.emplace_back(std::move(x));
  }
  o["smart"] = std::move(smart);
  put(o, "clock_offset_seconds", h.clock_offset_seconds);
  return o;
}

Health decodeHealth(const ObjectReader& r) {
  Health h;
  h.load5 = r.optionalDouble("load5");
  h.load15 = r.optionalDouble("load15");
  h.memory_total_bytes = r.optionalUint("memory_total_bytes");
  h.memory_available_bytes = r.optionalUint("memory_available_bytes");
  h.swap_total_bytes = r.optionalUint("swap_total_bytes");
  h.swap_free_bytes = r.optionalUint("swap_free_bytes");
  h.filesystems =
      r.array<FilesystemHealth>("filesystems", [](const json::value& v, const std::string& p) {
        const ObjectReader x(v, p);
        return FilesystemHealth{
            x.requiredString("mount_point"),   x.requiredString("device"),
            x.requiredUint("size_bytes"),      x.requiredUint("used_bytes"),
            x.requiredUint("available_bytes"), x.optionalUint("inodes_total"),
            x.optionalUint("inodes_free"),     x.optionalBool("read_only").value_or(false)};
      });
  h.reboot_required = r.optionalBool("reboot_required");
  h.cpu_utilisation_percent = r.optionalDouble("cpu_utilisation_percent");
  if (r.has("failed_units")) h.failed_units = r.stringArray("failed_units");
  h.smart = r.array<SmartHealth>("smart", [](const json::value& v, const std::string& p) {
    const ObjectReader x(v, p);
    return SmartHealth{x.requiredString("device"),
                       x.requiredBool("passed"),
                       x.optionalString("model"),
                       x.optionalString("serial"),
                       x.optionalInt("temperature_celsius"),
                       x.optionalUint("reallocated_sectors")};
  });
  h.clock_offset_seconds = r.optionalDouble("clock_offset_seconds");
  return h;
}

}  // namespace steward::wire::detail
