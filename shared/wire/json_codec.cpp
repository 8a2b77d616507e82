#include "shared/wire/json_codec.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "shared/wire/asset_history_json.h"
#include "shared/wire/delivery_codec.h"
#include "shared/wire/health_codec.h"
#include "shared/wire/inventory_devices_codec.h"
#include "shared/wire/inventory_hardware_codec.h"
#include "shared/wire/json_reader.h"
#include "shared/wire/network_device_codec.h"
#include "shared/wire/services_codec.h"

namespace steward::wire {

namespace json = boost::json;
using detail::DecodeFailure;
using detail::ObjectReader;

namespace {

// ---- encoding -------------------------------------------------------------------

template <typename T>
void putOptional(json::object& o, std::string_view key, const std::optional<T>& v) {
  if (v) o[key] = *v;
}

json::value schemaText(const SchemaVersion& v) {
  return json::value(std::to_string(v.major) + "." + std::to_string(v.minor));
}

json::array strings(const std::vector<std::string>& items, const json::storage_ptr& sp) {
  json::array out(sp);
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

// First block of an encoding arena: a full inventory's DOM in one or two blocks.
constexpr std::size_t kEncodeArena = 256 * 1024;

// Everything is allocated from `sp`: a monotonic resource turns the thousands of
// small allocations of a full inventory into a few large ones.
json::object encodeInventoryObject(const InventoryReport& r, const json::storage_ptr& sp) {
  json::object o(sp);
  o["schema_version"] = schemaText(r.schema);
  o["report_id"] = r.report_id;
  o["agent_id"] = r.agent_id;
  o["collected_at"] = r.collected_at;
  o["agent_version"] = r.agent_version;

  json::object sys(sp);
  sys["hostname"] = r.system.hostname;
  putOptional(sys, "fqdn", r.system.fqdn);
  putOptional(sys, "os_id", r.system.os_id);
  putOptional(sys, "os_name", r.system.os_name);
  putOptional(sys, "os_version", r.system.os_version);
  putOptional(sys, "kernel", r.system.kernel);
  putOptional(sys, "architecture", r.system.architecture);
  detail::encodeSystemExtras(sys, r.system);
  o["system"] = std::move(sys);

  json::object hw(sp);
  putOptional(hw, "vendor", r.hardware.vendor);
  putOptional(hw, "model", r.hardware.model);
  putOptional(hw, "serial", r.hardware.serial);
  putOptional(hw, "uuid", r.hardware.uuid);
  detail::encodeHardwareExtras(hw, r.hardware);
  o["hardware"] = std::move(hw);

  json::object cpu(sp);
  putOptional(cpu, "model", r.cpu.model);
  putOptional(cpu, "vendor", r.cpu.vendor);
  cpu["sockets"] = r.cpu.sockets;
  cpu["cores"] = r.cpu.cores;
  cpu["threads"] = r.cpu.threads;
  putOptional(cpu, "max_mhz", r.cpu.max_mhz);
  o["cpu"] = std::move(cpu);

  json::object mem(sp);
  mem["total_bytes"] = r.memory.total_bytes;
  putOptional(mem, "swap_total_bytes", r.memory.swap_total_bytes);
  detail::encodeMemoryModules(mem, r.memory);
  o["memory"] = std::move(mem);

  json::array disks(sp);
  for (const auto& d : r.disks) {
    json::object x(sp);
    x["name"] = d.name;
    putOptional(x, "model", d.model);
    putOptional(x, "serial", d.serial);
    x["size_bytes"] = d.size_bytes;
    putOptional(x, "rotational", d.rotational);
    disks.emplace_back(std::move(x));
  }
  o["disks"] = std::move(disks);

  json::array filesystems(sp);
  for (const auto& f : r.filesystems) {
    json::object x(sp);
    x["mount_point"] = f.mount_point;
    x["device"] = f.device;
    x["type"] = f.type;
    putOptional(x, "size_bytes", f.size_bytes);
    putOptional(x, "used_bytes", f.used_bytes);
    filesystems.emplace_back(std::move(x));
  }
  o["filesystems"] = std::move(filesystems);

  json::array interfaces(sp);
  for (const auto& n : r.interfaces) {
    json::object x(sp);
    x["name"] = n.name;
    putOptional(x, "mac", n.mac);
    x["ipv4"] = strings(n.ipv4, sp);
    x["ipv6"] = strings(n.ipv6, sp);
    x["virtual"] = n.is_virtual;
    detail::encodeInterfaceExtras(x, n);
    interfaces.emplace_back(std::move(x));
  }
  o["interfaces"] = std::move(interfaces);

  json::array packages(sp);
  for (const auto& p : r.packages) {
    json::object x(sp);
    x["name"] = p.name;
    x["version"] = p.version;
    putOptional(x, "architecture", p.architecture);
    x["source"] = p.source;
    detail::encodePackageExtras(x, p);
    packages.emplace_back(std::move(x));
  }
  o["packages"] = std::move(packages);
  detail::encodeReportExtras(o, r);
  detail::encodeServices(o, r);
  detail::encodeDevices(o, r);
  detail::encodeDelivery(o, r.sequence, r.dropped_reports, r.section_hashes);
  return o;
}

// ---- decoding -------------------------------------------------------------------

std::uint32_t smallUint(const ObjectReader& r, std::string_view key) {
  const std::uint64_t v = r.optionalUint(key).value_or(0);
  if (v > 1'000'000) {
    throw DecodeFailure{"invalid_field", r.path(key) + ": value " + std::to_string(v) +
                                             " is out of range"};
  }
  return static_cast<std::uint32_t>(v);
}

InventoryReport decodeInventoryObject(const ObjectReader& root) {
  InventoryReport r;
  r.schema = root.schemaVersion();
  r.report_id = root.requiredString("report_id");
  r.agent_id = root.requiredString("agent_id");
  r.collected_at = root.requiredString("collected_at");
  r.agent_version = root.optionalString("agent_version").value_or("");
  if (r.report_id.empty()) throw DecodeFailure{"invalid_field", root.path("report_id") + ": empty"};
  if (r.agent_id.empty()) throw DecodeFailure{"invalid_field", root.path("agent_id") + ": empty"};

  const ObjectReader sys = root.requiredObject("system");
  r.system.hostname = sys.requiredString("hostname");
  if (r.system.hostname.empty()) {
    throw DecodeFailure{"invalid_field", sys.path("hostname") + ": empty"};
  }
  r.system.fqdn = sys.optionalString("fqdn");
  r.system.os_id = sys.optionalString("os_id");
  r.system.os_name = sys.optionalString("os_name");
  r.system.os_version = sys.optionalString("os_version");
  r.system.kernel = sys.optionalString("kernel");
  r.system.architecture = sys.optionalString("architecture");
  detail::decodeSystemExtras(sys, r.system);

  const ObjectReader hw = root.requiredObject("hardware");
  r.hardware.vendor = hw.optionalString("vendor");
  r.hardware.model = hw.optionalString("model");
  r.hardware.serial = hw.optionalString("serial");
  r.hardware.uuid = hw.optionalString("uuid");
  detail::decodeHardwareExtras(hw, r.hardware);

  const ObjectReader cpu = root.requiredObject("cpu");
  r.cpu.model = cpu.optionalString("model");
  r.cpu.vendor = cpu.optionalString("vendor");
  r.cpu.sockets = smallUint(cpu, "sockets");
  r.cpu.cores = smallUint(cpu, "cores");
  r.cpu.threads = smallUint(cpu, "threads");
  r.cpu.max_mhz = cpu.optionalDouble("max_mhz");

  const ObjectReader mem = root.requiredObject("memory");
  r.memory.total_bytes = mem.requiredUint("total_bytes");
  r.memory.swap_total_bytes = mem.optionalUint("swap_total_bytes");
  detail::decodeMemoryModules(mem, r.memory);

  r.disks = root.array<Disk>("disks", [](const json::value& v, const std::string& p) {
    const ObjectReader x(v, p);
    return Disk{x.requiredString("name"), x.optionalString("model"), x.optionalString("serial"),
                x.requiredUint("size_bytes"), x.optionalBool("rotational")};
  });
  r.filesystems =
      root.array<Filesystem>("filesystems", [](const json::value& v, const std::string& p) {
        const ObjectReader x(v, p);
        return Filesystem{x.requiredString("mount_point"), x.requiredString("device"),
                          x.requiredString("type"), x.optionalUint("size_bytes"),
                          x.optionalUint("used_bytes")};
      });
  r.interfaces =
      root.array<NetworkInterface>("interfaces", [](const json::value& v, const std::string& p) {
        const ObjectReader x(v, p);
        NetworkInterface n{x.requiredString("name"), x.optionalString("mac"),
                           x.stringArray("ipv4"), x.stringArray("ipv6"),
                           x.optionalBool("virtual").value_or(false)};
        detail::decodeInterfaceExtras(x, n);
        return n;
      });
  r.packages = root.array<Package>("packages", [](const json::value& v, const std::string& p) {
    const ObjectReader x(v, p);
    Package package{x.requiredString("name"), x.requiredString("version"),
                    x.optionalString("architecture"), x.optionalString("source").value_or("dpkg")};
    detail::decodePackageExtras(x, package);
    return package;
  });
  detail::decodeReportExtras(root, r);
  detail::decodeServices(root, r);
  detail::decodeDevices(root, r);
  detail::decodeDelivery(root, {&r.sequence, &r.dropped_reports, &r.section_hashes});
  return r;
}

// Runs a decoder, turning the codec's internal failures into a Result.
template <typename T, typename F>
Result<T> decodeDocument(std::string_view text, F decode) {
  try {
    // Not shared, and freed as a whole: the document's destructor then skips the
    // walk over every value.
    json::monotonic_resource arena(text.size() * 2);  // about what a DOM of `text` takes
    const json::value doc = detail::parseDocument(text, &arena);
    return decode(ObjectReader(doc, "$"));
  } catch (const DecodeFailure& failure) {
    return makeError(failure.code, failure.message);
  } catch (const std::exception& e) {  // allocation failure and the like
    return makeError("malformed_json", e.what());
  }
}

}  // namespace

std::string encodeInventory(const InventoryReport& report) {
  json::monotonic_resource arena(kEncodeArena);
  return json::serialize(encodeInventoryObject(report, &arena));
}

std::string encodeInventoryWith(const InventoryReport& report, std::string_view report_id,
                                std::string_view collected_at) {
  json::monotonic_resource arena(kEncodeArena);
  json::object o = encodeInventoryObject(report, &arena);
  o["report_id"] = report_id;
  o["collected_at"] = collected_at;
  return json::serialize(o);
}

Result<InventoryReport> decodeInventory(std::string_view text) {
  return decodeDocument<InventoryReport>(text, decodeInventoryObject);
}

std::string encodeHeartbeat(const Heartbeat& h) {
  json::object o;
  o["schema_version"] = schemaText(h.schema);
  o["heartbeat_id"] = h.heartbeat_id;
  o["agent_id"] = h.agent_id;
  o["sent_at"] = h.sent_at;
  putOptional(o, "uptime_seconds", h.uptime_seconds);
  putOptional(o, "load1", h.load1);
  if (h.health) o["health"] = detail::encodeHealth(*h.health);
  detail::encodeDelivery(o, h.sequence, h.dropped_reports, h.section_hashes);
  return json::serialize(o);
}

Result<Heartbeat> decodeHeartbeat(std::string_view text) {
  return decodeDocument<Heartbeat>(text, [](const ObjectReader& root) {
    Heartbeat h;
    h.schema = root.schemaVersion();
    h.heartbeat_id = root.requiredString("heartbeat_id");
    h.agent_id = root.requiredString("agent_id");
    h.sent_at = root.requiredString("sent_at");
    h.uptime_seconds = root.optionalDouble("uptime_seconds");
    h.load1 = root.optionalDouble("load1");
    if (auto health = root.optionalObject("health")) h.health = detail::decodeHealth(*health);
    detail::decodeDelivery(root, {&h.sequence, &h.dropped_reports, &h.section_hashes});
    if (h.agent_id.empty()) throw DecodeFailure{"invalid_field", root.path("agent_id") + ": empty"};
    if (h.heartbeat_id.empty()) {
      throw DecodeFailure{"invalid_field", root.path("heartbeat_id") + ": empty"};
    }
    return h;
  });
}

namespace {

// The record's text; its inventory as null when `with_inventory` is false.
std::string assetRecordText(const AssetRecord& a, bool with_inventory) {
  json::monotonic_resource arena(kEncodeArena);
  json::object o(&arena);
  o["schema_version"] = schemaText(a.schema);
  o["event_id"] = a.event_id;
  o["asset_id"] = a.asset_id;
  o["collector_id"] = a.collector_id;
  o["first_seen"] = a.first_seen;
  o["last_seen"] = a.last_seen;
  o["updated_at"] = a.updated_at;
  json::array ids;
  for (const auto& id : a.identifiers) {
    ids.emplace_back(json::object{{"kind", id.kind}, {"value", id.value}});
  }
  o["identifiers"] = std::move(ids);
  if (with_inventory) {
    o["inventory"] = encodeInventoryObject(a.inventory, o.storage());
  } else {
    o["inventory"] = nullptr;
  }
  if (!a.decisions.empty()) {
    json::array decisions;
    for (const auto& d : a.decisions) decisions.emplace_back(detail::decisionObject(d));
    o["decisions"] = std::move(decisions);
  }
  if (!a.changes.empty()) {
    json::array changes;
    for (const auto& c : a.changes) changes.emplace_back(detail::changeObject(c));
    o["changes"] = std::move(changes);
  }
  if (a.network_device) o["network_device"] = detail::encodeNetworkDevice(*a.network_device);
  if (a.connected_to) o["connected_to"] = detail::encodePortLink(*a.connected_to);
  return json::serialize(o);
}

}  // namespace

std::string encodeAssetRecord(const AssetRecord& a) { return assetRecordText(a, true); }

std::string encodeAssetRecordWith(const AssetRecord& a, std::string_view inventory_json) {
  auto text = withInventory(assetRecordText(a, false), inventory_json);
  return text ? std::move(*text) : encodeAssetRecord(a);  // the marker is always there
}

std::string encodeAssetRecordWithoutInventory(const AssetRecord& a) {
  return assetRecordText(a, false);
}

Result<std::string> withInventory(std::string record_text, std::string_view inventory_json) {
  // The first occurrence is the member: inside a string the quotes would be escaped.
  static constexpr std::string_view kMarker = "\"inventory\":null";
  const std::size_t at = record_text.find(kMarker);
  if (at == std::string::npos) {
    return makeError("invalid_record", "asset record text has no \"inventory\":null to fill");
  }
  record_text.replace(at + kMarker.size() - 4, 4, inventory_json);
  return record_text;
}

Result<AssetRecord> decodeAssetRecord(std::string_view text) {
  return decodeDocument<AssetRecord>(text, [](const ObjectReader& root) {
    AssetRecord a;
    a.schema = root.schemaVersion();
    a.event_id = root.requiredString("event_id");
    a.asset_id = root.requiredString("asset_id");
    a.collector_id = root.requiredString("collector_id");
    a.first_seen = root.requiredString("first_seen");
    a.last_seen = root.requiredString("last_seen");
    a.updated_at = root.requiredString("updated_at");
    a.identifiers =
        root.array<AssetIdentifier>("identifiers", [](const json::value& v, const std::string& p) {
          const ObjectReader x(v, p);
          return AssetIdentifier{x.requiredString("kind"), x.requiredString("value")};
        });
    a.inventory = decodeInventoryObject(root.requiredObject("inventory"));
    a.decisions = root.array<ReconcileDecision>("decisions", detail::decodeDecision);
    a.changes = root.array<DetectedChange>("changes", detail::decodeChange);
    if (auto device = root.optionalObject("network_device")) {
      a.network_device = detail::decodeNetworkDevice(*device);
    }
    if (auto link = root.optionalObject("connected_to")) {
      a.connected_to = detail::decodePortLink(*link);
    }
    if (a.asset_id.empty()) throw DecodeFailure{"invalid_field", root.path("asset_id") + ": empty"};
    return a;
  });
}

std::string encodeAssetSeen(const AssetSeen& seen) {
  json::object o;
  o["schema_version"] = schemaText(seen.schema);
  o["event_id"] = seen.event_id;
  o["asset_id"] = seen.asset_id;
  o["last_seen"] = seen.last_seen;
  return json::serialize(o);
}

Result<AssetSeen> decodeAssetSeen(std::string_view text) {
  return decodeDocument<AssetSeen>(text, [](const ObjectReader& root) {
    AssetSeen s;
    s.schema = root.schemaVersion();
    s.event_id = root.requiredString("event_id");
    s.asset_id = root.requiredString("asset_id");
    s.last_seen = root.requiredString("last_seen");
    return s;
  });
}

}  // namespace steward::wire
