#include "shared/wire/inventory_hardware_codec.h"

#include <boost/json/array.hpp>

namespace steward::wire::detail {

namespace json = boost::json;

namespace {

template <typename T>
void put(json::object& o, std::string_view key, const std::optional<T>& v) {
  if (v) o[key] = *v;
}

json::array strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

std::optional<std::uint32_t> optionalU32(const ObjectReader& r, std::string_view key) {
  const auto v = r.optionalUint(key);
  if (v && *v > 0xFFFFFFFFULL) {
    throw DecodeFailure{"invalid_field",
                        r.path(key) + ": value " + std::to_string(*v) + " is out of range"};
  }
  if (!v) return std::nullopt;
  return static_cast<std::uint32_t>(*v);
}

}  // namespace

void encodeSystemExtras(json::object& o, const SystemInfo& s) {
  put(o, "uptime_seconds", s.uptime_seconds);
  put(o, "timezone", s.timezone);
  put(o, "virtualization", s.virtualization);
}

void decodeSystemExtras(const ObjectReader& r, SystemInfo& s) {
  s.uptime_seconds = r.optionalDouble("uptime_seconds");
  s.timezone = r.optionalString("timezone");
  s.virtualization = r.optionalString("virtualization");
}

void encodeHardwareExtras(json::object& o, const HardwareIdentity& h) {
  put(o, "sku", h.sku);
  put(o, "family", h.family);
  if (h.bios) {
    json::object x;
    put(x, "vendor", h.bios->vendor);
    put(x, "version", h.bios->version);
    put(x, "date", h.bios->date);
    o["bios"] = std::move(x);
  }
  if (h.board) {
    json::object x;
    put(x, "vendor", h.board->vendor);
    put(x, "model", h.board->model);
    put(x, "serial", h.board->serial);
    o["board"] = std::move(x);
  }
  if (h.chassis) {
    json::object x;
    put(x, "type", h.chassis->type);
    put(x, "serial", h.chassis->serial);
    put(x, "asset_tag", h.chassis->asset_tag);
    o["chassis"] = std::move(x);
  }
}

void decodeHardwareExtras(const ObjectReader& r, HardwareIdentity& h) {
  h.sku = r.optionalString("sku");
  h.family = r.optionalString("family");
  if (auto x = r.optionalObject("bios")) {
    h.bios =
        Bios{x->optionalString("vendor"), x->optionalString("version"), x->optionalString("date")};
  }
  if (auto x = r.optionalObject("board")) {
    h.board =
        Board{x->optionalString("vendor"), x->optionalString("model"), x->optionalString("serial")};
  }
  if (auto x = r.optionalObject("chassis")) {
    h.chassis = Chassis{x->optionalString("type"), x->optionalString("serial"),
                        x->optionalString("asset_tag")};
  }
}

void encodeMemoryModules(json::object& o, const Memory& m) {
  if (m.modules.empty()) return;
  json::array modules;
  for (const auto& d : m.modules) {
    json::object x;
    x["slot"] = d.slot;
    put(x, "size_bytes", d.size_bytes);
    put(x, "type", d.type);
    put(x, "speed_mts", d.speed_mts);
    put(x, "manufacturer", d.manufacturer);
    put(x, "serial", d.serial);
    put(x, "part_number", d.part_number);
    modules.emplace_back(std::move(x));
  }
  o["modules"] = std::move(modules);
}

void decodeMemoryModules(const ObjectReader& r, Memory& m) {
  m.modules = r.array<MemoryModule>("modules", [](const json::value& v, const std::string& p) {
    const ObjectReader x(v, p);
    return MemoryModule{x.requiredString("slot"),         x.optionalUint("size_bytes"),
                        x.optionalString("type"),         optionalU32(x, "speed_mts"),
                        x.optionalString("manufacturer"), x.optionalString("serial"),
                        x.optionalString("part_number")};
  });
}

void encodeInterfaceExtras(json::object& o, const NetworkInterface& n) {
  put(o, "speed_mbps", n.speed_mbps);
  put(o, "oper_state", n.oper_state);
  put(o, "kind", n.kind);
}

void decodeInterfaceExtras(const ObjectReader& r, NetworkInterface& n) {
  n.speed_mbps = optionalU32(r, "speed_mbps");
  n.oper_state = r.optionalString("oper_state");
  n.kind = r.optionalString("kind");
}

void encodePackageExtras(json::object& o, const Package& p) {
  put(o, "installed_at", p.installed_at);
  put(o, "vendor", p.vendor);
}

void decodePackageExtras(const ObjectReader& r, Package& p) {
  p.installed_at = r.optionalString("installed_at");
  p.vendor = r.optionalString("vendor");
}

void encodeReportExtras(json::object& o, const InventoryReport& r) {
  if (!r.default_gateways.empty()) o["default_gateways"] = strings(r.default_gateways);
  if (!r.dns_servers.empty()) o["dns_servers"] = strings(r.dns_servers);
  if (!r.users.empty()) {
    json::array users;
    for (const auto& u : r.users) {
      json::object x;
      x["name"] = u.name;
      x["uid"] = u.uid;
      put(x, "full_name", u.full_name);
      put(x, "home", u.home);
      put(x, "shell", u.shell);
      put(x, "last_login", u.last_login);
      put(x, "last_login_from", u.last_login_from);
      users.emplace_back(std::move(x));
    }
    o["users"] = std::move(users);
  }
}

void decodeReportExtras(const ObjectReader& r, InventoryReport& report) {
  report.default_gateways = r.stringArray("default_gateways");
  report.dns_servers = r.stringArray("dns_servers");
  report.users = r.array<LocalUser>("users", [](const json::value& v, const std::string& p) {
    const ObjectReader x(v, p);
    const auto uid = optionalU32(x, "uid");
    if (!uid) throw DecodeFailure{"invalid_field", x.path("uid") + ": required field is missing"};
    return LocalUser{x.requiredString("name"),       *uid,
                     x.optionalString("full_name"),  x.optionalString("home"),
                     x.optionalString("shell"),      x.optionalString("last_login"),
                     x.optionalString("last_login_from")};
  });
}

}  // namespace steward::wire::detail
