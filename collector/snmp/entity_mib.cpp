// ENTITY-MIB, HOST-RESOURCES-MIB, Printer-MIB and UPS-MIB.

#include "collector/snmp/mib_oids.h"
#include "collector/snmp/snmp_device.h"

namespace steward::collector::snmp {

namespace {

std::optional<std::string> nonEmptyText(const SnmpValue& v) {
  auto t = v.asText();
  if (!t) return std::nullopt;
  const auto first = t->find_first_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  return t->substr(first);
}

const char* physicalClass(std::int64_t n) {
  static constexpr const char* kNames[] = {"other",  "unknown",     "chassis", "backplane",
                                           "container", "powerSupply", "fan",  "sensor",
                                           "module", "port",        "stack",   "cpu"};
  if (n < 1 || n > 12) return "unknown";
  return kNames[n - 1];
}

const char* supplyType(std::int64_t n) {
  static constexpr const char* kNames[] = {
      "other",        "unknown",        "toner",         "wasteToner",      "ink",
      "inkCartridge", "inkRibbon",      "wasteInk",      "opc",             "developer",
      "fuserOil",     "solidWax",       "ribbonWax",     "wasteWax",        "fuser",
      "coronaWire",   "fuserOilWick",   "cleanerUnit",   "fuserCleaningPad", "transferUnit",
      "tonerCartridge", "fuserOiler",   "water",         "wasteWater",      "glueWaterAdditive",
      "wastePaper",   "bindingSupply",  "bandingSupply", "stitchingWire",   "shrinkWrap",
      "paperWrap",    "staples",        "inserts",       "covers"};
  if (n < 1 || n > static_cast<std::int64_t>(std::size(kNames))) return "unknown";
  return kNames[n - 1];
}

}  // namespace

void parseEntity(const VarBinds& values, SnmpDevice& out) {
  std::map<std::uint32_t, wire::EntityComponent> rows;
  for (auto it = values.lower_bound(mib::kEntPhysicalEntry); it != values.end(); ++it) {
    if (!startsWith(it->first, mib::kEntPhysicalEntry)) break;
    const Oid rest = suffix(it->first, mib::kEntPhysicalEntry);
    if (rest.size() != 2) continue;
    auto& row = rows[rest[1]];
    const SnmpValue& v = it->second;
    switch (rest[0]) {
      case mib::kEntClass:
        if (auto n = v.asInt()) row.physical_class = physicalClass(*n);
        break;
      case mib::kEntDescr: row.description = nonEmptyText(v); break;
      case mib::kEntFirmwareRev: row.firmware = nonEmptyText(v); break;
      case mib::kEntSoftwareRev: row.software = nonEmptyText(v); break;
      case mib::kEntSerialNum: row.serial = nonEmptyText(v); break;
      case mib::kEntMfgName: row.manufacturer = nonEmptyText(v); break;
      case mib::kEntModelName: row.model = nonEmptyText(v); break;
      default: break;
    }
  }
  bool chassis_seen = false;
  for (auto& [index, row] : rows) {
    if (row.physical_class.empty()) row.physical_class = "unknown";
    // Ports and sensors are many and say little; keep what identifies hardware.
    if (!row.serial && !row.model && row.physical_class != "chassis") continue;
    if (row.physical_class == "chassis" && !chassis_seen) {
      chassis_seen = true;
      out.serial = row.serial;
      out.model = row.model ? row.model : row.description;
      if (row.manufacturer) out.vendor = row.manufacturer;
      out.firmware = row.firmware ? row.firmware : row.software;
    }
    out.device.components.push_back(std::move(row));
  }
}

void parseHostResources(const VarBinds& values, SnmpDevice& out) {
  auto system = values.lower_bound(mib::kHrSystem);
  out.host_resources = system != values.end() && startsWith(system->first, mib::kHrSystem);
  if (auto it = values.find(concat(mib::kHrMemorySize, {0})); it != values.end()) {
    if (auto kib = it->second.asInt(); kib && *kib > 0) {
      out.memory_bytes = static_cast<std::uint64_t>(*kib) * 1024;
      out.host_resources = true;
    }
  }
  const Oid type_col = concat(mib::kHrStorageEntry, {2});
  const auto descr = column(values, concat(mib::kHrStorageEntry, {3}));
  const auto units = column(values, concat(mib::kHrStorageEntry, {4}));
  const auto size = column(values, concat(mib::kHrStorageEntry, {5}));
  const auto used = column(values, concat(mib::kHrStorageEntry, {6}));
  for (const auto& [index, type] : column(values, type_col)) {
    out.host_resources = true;
    if (type.type != SnmpValue::Type::ObjectId || type.oid != mib::kHrStorageFixedDisk) continue;
    auto d = descr.find(index);
    auto u = units.find(index);
    auto s = size.find(index);
    if (d == descr.end() || u == units.end() || s == size.end()) continue;
    const auto unit = u->second.asInt().value_or(0);
    const auto blocks = s->second.asInt().value_or(0);
    if (unit <= 0 || blocks < 0) continue;
    wire::Filesystem fs;
    fs.mount_point = d->second.asText().value_or("");
    fs.device = "hrStorage." + oidText(index);
    fs.type = "snmp";
    fs.size_bytes = static_cast<std::uint64_t>(blocks) * static_cast<std::uint64_t>(unit);
    if (auto x = used.find(index); x != used.end() && x->second.asInt() && *x->second.asInt() >= 0) {
      fs.used_bytes = static_cast<std::uint64_t>(*x->second.asInt()) * static_cast<std::uint64_t>(unit);
    }
    out.storage.push_back(std::move(fs));
  }
  for (const auto& [index, type] : column(values, mib::kHrDeviceType)) {
    out.host_resources = true;
    if (type.type == SnmpValue::Type::ObjectId && type.oid == mib::kHrDeviceProcessor) {
      ++out.processors;
    }
    if (type.type == SnmpValue::Type::ObjectId && type.oid == mib::kHrDevicePrinter) {
      out.printer_mib = true;
    }
  }
  for (const auto& [index, name] : column(values, mib::kHrSwInstalledName)) {
    if (auto t = nonEmptyText(name)) out.software.push_back(*t);
  }
}

void parsePrinterAndUps(const VarBinds& values, SnmpDevice& out) {
  for (const auto& [index, v] : column(values, mib::kPrtGeneralSerialNumber)) {
    out.printer_mib = true;
    if (!out.serial) out.serial = nonEmptyText(v);
  }
  for (const auto& [index, v] : column(values, mib::kPrtMarkerLifeCount)) {
    out.printer_mib = true;
    if (auto n = v.asInt(); n && *n >= 0) {
      out.device.page_count = out.device.page_count.value_or(0) + *n;
    }
  }
  const auto types = column(values, concat(mib::kPrtMarkerSuppliesEntry, {5}));
  const auto max = column(values, concat(mib::kPrtMarkerSuppliesEntry, {8}));
  const auto level = column(values, concat(mib::kPrtMarkerSuppliesEntry, {9}));
  for (const auto& [index, d] : column(values, concat(mib::kPrtMarkerSuppliesEntry, {6}))) {
    out.printer_mib = true;
    wire::PrinterSupply supply;
    supply.description = nonEmptyText(d).value_or("supply " + oidText(index));
    if (auto t = types.find(index); t != types.end() && t->second.asInt()) {
      supply.type = supplyType(*t->second.asInt());
    }
    if (auto m = max.find(index); m != max.end()) supply.max_capacity = m->second.asInt();
    if (auto l = level.find(index); l != level.end()) supply.level = l->second.asInt();
    out.device.supplies.push_back(std::move(supply));
  }
  auto ups = values.lower_bound(mib::kUpsIdent);
  if (ups != values.end() && startsWith(ups->first, mib::kUpsIdent)) {
    out.ups_mib = true;
    if (auto it = values.find(concat(mib::kUpsIdent, {1, 0})); it != values.end() && !out.vendor) {
      out.vendor = nonEmptyText(it->second);
    }
    if (auto it = values.find(concat(mib::kUpsIdent, {2, 0})); it != values.end() && !out.model) {
      out.model = nonEmptyText(it->second);
    }
  }
}

}  // namespace steward::collector::snmp
