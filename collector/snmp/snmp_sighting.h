#pragma once

// How an SNMP sighting becomes reconciliation input: its identifiers and the
// inventory it stands for. Pure functions, tested on parsed devices.

#include <set>
#include <string>
#include <vector>

#include "collector/snmp/snmp_device.h"
#include "shared/wire/asset.h"
#include "shared/wire/inventory.h"

namespace steward::collector::snmp {

// The agent_id an SNMP-made inventory carries: marks the source, never an identifier.
inline constexpr const char* kSnmpSource = "snmp-discovery";

// Strongest first: chassis serial with manufacturer (ENTITY-MIB; placeholders
// skipped), snmpEngineID (all-same-byte ids skipped), MACs of physical interfaces
// (ifType ethernet/wireless; the same MAC on many ports counts once), sysName.
std::vector<wire::AssetIdentifier> snmpIdentifiers(const SnmpDevice& device);

// The device as an inventory report: hostname sysName (else the address), vendor,
// model, serial, interfaces with MACs and IPv4, HOST-RESOURCES storage and software.
wire::InventoryReport sightingReport(const SnmpDevice& device, const std::string& report_id,
                                     const std::string& collected_at);

// Ports that lead to other switches rather than to endpoints: those with an LLDP or
// CDP neighbour, and those carrying more than `mac_threshold` MACs.
std::set<std::string> uplinkPorts(const wire::NetworkDevice& device, int mac_threshold);

}  // namespace steward::collector::snmp
