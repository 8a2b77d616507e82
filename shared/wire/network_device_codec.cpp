#include "shared/wire/network_device_codec.h"

#include <boost/json/array.hpp>

namespace steward::wire::detail {

namespace json = boost::json;

namespace {

template <typename T>
void put(json::object& o, std::string_view key, const std::optional<T>& v) {
  if (v) o[key] = *v;
}

std::optional<std::uint32_t> optionalU32(const ObjectReader& r, std::string_view key) {
  auto v = r.optionalUint(key);
  if (!v) return std::nullopt;
  if (*v > 0xffffffffu) throw DecodeFailure{"invalid_field", r.path(key) + ": out of range"};
  return static_cast<std::uint32_t>(*v);
}

template <typename T, typename F>
json::array encodeAll(const std::vector<T>& items, F encode) {
  json::array out;
  for (const auto& item : items) out.emplace_back(encode(item));
  return out;
}

}  // namespace

json::object encodeNetworkDevice(const NetworkDevice& d) {
  json::object o;
  o["device_class"] = d.device_class;
  o["address"] = d.address;
  put(o, "sys_object_id", d.sys_object_id);
  put(o, "sys_descr", d.sys_descr);
  put(o, "sys_location", d.sys_location);
  put(o, "sys_contact", d.sys_contact);
  put(o, "sys_services", d.sys_services);
  put(o, "engine_id", d.engine_id);
  put(o, "page_count", d.page_count);
  o["interfaces"] = encodeAll(d.interfaces, [](const DeviceInterface& i) {
    json::object x;
    x["index"] = i.index;
    x["name"] = i.name;
    put(x, "alias", i.alias);
    put(x, "mac", i.mac);
    put(x, "admin_status", i.admin_status);
    put(x, "oper_status", i.oper_status);
    put(x, "speed_mbps", i.speed_mbps);
    json::array ips;
    for (const auto& ip : i.ipv4) ips.emplace_back(ip);
    x["ipv4"] = std::move(ips);
    return x;
  });
  o["components"] = encodeAll(d.components, [](const EntityComponent& c) {
    json::object x;
    x["physical_class"] = c.physical_class;
    put(x, "description", c.description);
    put(x, "model", c.model);
    put(x, "serial", c.serial);
    put(x, "firmware", c.firmware);
    put(x, "software", c.software);
    put(x, "manufacturer", c.manufacturer);
    return x;
  });
  o["fdb"] = encodeAll(d.fdb, [](const FdbEntry& f) {
    json::object x;
    x["mac"] = f.mac;
    x["port"] = f.port;
    put(x, "vlan", f.vlan);
    return x;
  });
  o["neighbors"] = encodeAll(d.neighbors, [](const Neighbor& n) {
    json::object x;
    x["protocol"] = n.protocol;
    x["local_port"] = n.local_port;
    put(x, "chassis_id", n.chassis_id);
    put(x, "port_id", n.port_id);
    put(x, "system_name", n.system_name);
    put(x, "address", n.address);
    return x;
  });
  o["arp"] = encodeAll(d.arp, [](const ArpEntry& a) {
    json::object x;
    x["ip"] = a.ip;
    x["mac"] = a.mac;
    put(x, "interface", a.interface);
    return x;
  });
  o["supplies"] = encodeAll(d.supplies, [](const PrinterSupply& s) {
    json::object x;
    x["description"] = s.description;
    put(x, "type", s.type);
    put(x, "level", s.level);
    put(x, "max_capacity", s.max_capacity);
    return x;
  });
  return o;
}

NetworkDevice decodeNetworkDevice(const ObjectReader& r) {
  NetworkDevice d;
  d.device_class = r.requiredString("device_class");
  d.address = r.requiredString("address");
  d.sys_object_id = r.optionalString("sys_object_id");
  d.sys_descr = r.optionalString("sys_descr");
  d.sys_location = r.optionalString("sys_location");
  d.sys_contact = r.optionalString("sys_contact");
  d.sys_services = r.optionalInt("sys_services");
  d.engine_id = r.optionalString("engine_id");
  d.page_count = r.optionalInt("page_count");
  // Arrays are optional so a sender may leave out what it did not collect.
  if (r.has("interfaces")) {
    d.interfaces = r.array<DeviceInterface>("interfaces", [](const json::value& v,
                                                             const std::string& p) {
      const ObjectReader x(v, p);
      DeviceInterface i;
      i.index = static_cast<std::uint32_t>(optionalU32(x, "index").value_or(0));
      i.name = x.requiredString("name");
      i.alias = x.optionalString("alias");
      i.mac = x.optionalString("mac");
      i.admin_status = x.optionalString("admin_status");
      i.oper_status = x.optionalString("oper_status");
      i.speed_mbps = x.optionalUint("speed_mbps");
      if (x.has("ipv4")) i.ipv4 = x.stringArray("ipv4");
      return i;
    });
  }
  if (r.has("components")) {
    d.components = r.array<EntityComponent>("components", [](const json::value& v,
                                                             const std::string& p) {
      const ObjectReader x(v, p);
      EntityComponent c;
      c.physical_class = x.requiredString("physical_class");
      c.description = x.optionalString("description");
      c.model = x.optionalString("model");
      c.serial = x.optionalString("serial");
      c.firmware = x.optionalString("firmware");
      c.software = x.optionalString("software");
      c.manufacturer = x.optionalString("manufacturer");
      return c;
    });
  }
  if (r.has("fdb")) {
    d.fdb = r.array<FdbEntry>("fdb", [](const json::value& v, const std::string& p) {
      const ObjectReader x(v, p);
      return FdbEntry{x.requiredString("mac"), x.requiredString("port"), optionalU32(x, "vlan")};
    });
  }
  if (r.has("neighbors")) {
    d.neighbors = r.array<Neighbor>("neighbors", [](const json::value& v, const std::string& p) {
      const ObjectReader x(v, p);
      return Neighbor{x.requiredString("protocol"),     x.requiredString("local_port"),
                      x.optionalString("chassis_id"),   x.optionalString("port_id"),
                      x.optionalString("system_name"), x.optionalString("address")};
    });
  }
  if (r.has("arp")) {
    d.arp = r.array<ArpEntry>("arp", [](const json::value& v, const std::string& p) {
      const ObjectReader x(v, p);
      return ArpEntry{x.requiredString("ip"), x.requiredString("mac"),
                      x.optionalString("interface")};
    });
  }
  if (r.has("supplies")) {
    d.supplies = r.array<PrinterSupply>("supplies", [](const json::value& v,
                                                       const std::string& p) {
      const ObjectReader x(v, p);
      return PrinterSupply{x.requiredString("description"), x.optionalString("type"),
                           x.optionalInt("level"), x.optionalInt("max_capacity")};
    });
  }
  return d;
}

json::object encodePortLink(const PortLink& link) {
  json::object o;
  o["asset_id"] = link.asset_id;
  o["port"] = link.port;
  put(o, "vlan", link.vlan);
  return o;
}

PortLink decodePortLink(const ObjectReader& r) {
  PortLink link{r.requiredString("asset_id"), r.requiredString("port"), optionalU32(r, "vlan")};
  if (link.asset_id.empty()) {
    throw DecodeFailure{"invalid_field", r.path("asset_id") + ": empty"};
  }
  return link;
}

}  // namespace steward::wire::detail
