#pragma once

// Identification, step one of reconciliation: turn a report into normalised
// identifiers, leaving out values firmware and virtual devices make up.

#include <string>
#include <vector>

#include "shared/wire/asset.h"
#include "shared/wire/inventory.h"

namespace steward::collector::reconcile {

// Identifier kinds, strongest first.
inline constexpr const char* kSerial = "serial";  // "<vendor lower>|<SERIAL UPPER>"
inline constexpr const char* kSmbiosUuid = "smbios_uuid";
inline constexpr const char* kAgentId = "agent_id";
// SNMP snmpEngineID (hex) of a network device; unique per SNMP engine (RFC 3411).
inline constexpr const char* kSnmpEngineId = "snmp_engine_id";
inline constexpr const char* kMac = "mac";  // physical NICs only, "aa:bb:cc:dd:ee:ff"
inline constexpr const char* kHostname = "hostname";

// Strong keys identify a machine on their own; weak keys only in company.
bool isStrongKind(const std::string& kind);

// True for firmware placeholders such as "To Be Filled By O.E.M.", "0" or "AAAAAA"
// (case-insensitive, surrounding whitespace ignored).
bool isBogusSerial(const std::string& serial);
// True for all-zero, all-F and other well-known placeholder UUIDs.
bool isBogusUuid(const std::string& uuid);
// The MAC in "aa:bb:cc:dd:ee:ff" form, or "" when it is malformed, all-zero,
// broadcast or multicast.
std::string normalizeMac(const std::string& mac);
// True for interfaces that are not a physical NIC: flagged virtual, loopback, or a
// bridge/container/hypervisor name (docker*, veth*, virbr*, br-*, vmnet*, ...).
bool isVirtualInterface(const wire::NetworkInterface& nic);

// Every usable identifier in `report`, deduplicated, strongest kinds first.
std::vector<wire::AssetIdentifier> extractIdentifiers(const wire::InventoryReport& report);

}  // namespace steward::collector::reconcile
