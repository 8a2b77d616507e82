#include "collector/snmp/snmp_device.h"

#include <algorithm>

#include "collector/snmp/mib_oids.h"

namespace steward::collector::snmp {

PollPlan sweepPlan() {
  PollPlan plan;
  plan.get = {mib::kSysDescr,   mib::kSysObjectId, mib::kSysUpTime,   mib::kSysContact,
              mib::kSysName,    mib::kSysLocation, mib::kSysServices};
  return plan;
}

PollPlan discoveryPlan() {
  PollPlan plan = sweepPlan();
  // Columns rather than whole tables where the table carries many we do not use
  // (ifTable's counters): fewer bytes and round trips per device.
  plan.walk = {mib::kSnmpEngine,
               mib::kIfDescr,
               mib::kIfType,
               mib::kIfSpeed,
               mib::kIfPhysAddress,
               mib::kIfAdminStatus,
               mib::kIfOperStatus,
               mib::kIfLastChange,
               mib::kIfName,
               mib::kIfHighSpeed,
               mib::kIfAlias,
               mib::kIpForwarding,
               mib::kIpAddrTable,
               mib::kIpAddressIfIndex,
               mib::kIpAddressPrefix,
               mib::kIpNetToMediaPhysAddress,
               mib::kEntPhysicalEntry,
               mib::kHrSystem,
               mib::kHrMemorySize,
               mib::kHrStorageEntry,
               mib::kHrDeviceType,
               mib::kHrSwInstalledName,
               mib::kPrtGeneralSerialNumber,
               mib::kPrtMarkerLifeCount,
               mib::kPrtMarkerSuppliesEntry,
               mib::kUpsIdent,
               mib::kDot1dBasePortIfIndex,
               mib::kDot1dTpFdbPort,
               mib::kDot1dTpFdbStatus,
               mib::kDot1qTpFdbPort,
               mib::kDot1qTpFdbStatus,
               mib::kLldpLocPortEntry,
               mib::kLldpRemEntry,
               mib::kCdpCacheEntry};
  return plan;
}

SnmpDevice parseSnmpDevice(const std::string& address, const VarBinds& values) {
  SnmpDevice out;
  out.device.address = address;
  parseSystem(values, out);
  parseInterfaces(values, out);
  parseArp(values, out);
  parseEntity(values, out);
  parseHostResources(values, out);
  parsePrinterAndUps(values, out);
  parseFdb(values, out);
  parseNeighbors(values, out);
  if (!out.vendor && out.device.sys_object_id) out.vendor = enterpriseVendor(*out.device.sys_object_id);
  out.device.device_class = classifyDevice(out);
  return out;
}

std::optional<std::string> enterpriseVendor(const std::string& sys_object_id) {
  static const std::pair<std::uint32_t, const char*> kVendors[] = {
      {9, "Cisco"},          {11, "HP"},          {43, "3Com"},        {171, "D-Link"},
      {311, "Microsoft"},    {318, "APC"},        {367, "Ricoh"},      {534, "Eaton"},
      {641, "Lexmark"},      {674, "Dell"},       {1602, "Canon"},     {1916, "Extreme"},
      {2011, "Huawei"},      {2435, "Brother"},   {2636, "Juniper"},   {4526, "Netgear"},
      {8072, "Net-SNMP"},    {11863, "TP-Link"},  {12356, "Fortinet"}, {14988, "MikroTik"},
      {25506, "H3C"},        {30065, "Arista"},   {41112, "Ubiquiti"}, {1248, "Epson"},
      {253, "Xerox"},        {2385, "Sharp"},     {1347, "Kyocera"},   {18334, "Konica Minolta"}};
  const Oid oid = parseOid(sys_object_id);
  const Oid enterprises{1, 3, 6, 1, 4, 1};
  if (oid.size() <= enterprises.size() || !startsWith(oid, enterprises)) return std::nullopt;
  for (const auto& [number, name] : kVendors) {
    if (oid[enterprises.size()] == number) return std::string(name);
  }
  return std::nullopt;
}

std::string classifyDevice(const SnmpDevice& d) {
  const std::string object_id = d.device.sys_object_id.value_or("");
  auto under = [&](const char* prefix) {
    const std::string p = std::string(prefix) + ".";
    return object_id.rfind(p, 0) == 0;
  };
  // The MIBs a device answers say most about what it is.
  if (d.printer_mib) return "printer";
  if (d.ups_mib) return "ups";
  if (!d.device.fdb.empty()) return "switch";
  const auto ip_interfaces = std::count_if(
      d.device.interfaces.begin(), d.device.interfaces.end(), [](const wire::DeviceInterface& i) {
        return std::any_of(i.ipv4.begin(), i.ipv4.end(),
                           [](const std::string& ip) { return ip.rfind("127.", 0) != 0; });
      });
  if (d.ip_forwarding == 1 && ip_interfaces >= 2) return "router";
  if (d.host_resources) {
    // Windows: 1.3.6.1.4.1.311.1.1.3.1.1 is a workstation, .2/.3 servers.
    if (under("1.3.6.1.4.1.311.1.1.3.1.1") || object_id == "1.3.6.1.4.1.311.1.1.3.1.1") {
      return "workstation";
    }
    return "server";
  }
  // Then what the vendor's object id says.
  if (under("1.3.6.1.4.1.318")) return "ups";
  if (under("1.3.6.1.4.1.2435") || under("1.3.6.1.4.1.641") || under("1.3.6.1.4.1.1602") ||
      under("1.3.6.1.4.1.367") || under("1.3.6.1.4.1.253") || under("1.3.6.1.4.1.1347") ||
      under("1.3.6.1.4.1.11.2.3.9")) {
    return "printer";
  }
  // Last, sysServices: bit 1 (value 2) datalink/subnetwork, bit 2 (value 4) internet.
  if (d.device.sys_services) {
    const auto s = *d.device.sys_services;
    if ((s & 4) && !(s & 64)) return "router";
    if ((s & 2) && !(s & 64)) return "switch";
  }
  return "unknown";
}

}  // namespace steward::collector::snmp
