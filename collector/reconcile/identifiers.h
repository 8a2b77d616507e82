#pragma once

// Identification, step one of reconciliation: turn a report into normalised
// identifiers, leaving out values firmware and virtual devices make up.

#include <string>
#include <vector>

#include "collector/reconcile/bogus_values.h"
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
// (case-insensitive, surrounding whitespace ignored), or one listed in `bogus`.
bool isBogusSerial(const std::string& serial,
                   const BogusValues& bogus = BogusValues::builtIn());
// True for malformed, all-zero, all-F and listed placeholder UUIDs.
bool isBogusUuid(const std::string& uuid, const BogusValues& bogus = BogusValues::builtIn());
// The MAC in "aa:bb:cc:dd:ee:ff" form, or "" when it is malformed, all-zero,
// broadcast, multicast or starts with a listed prefix.
std::string normalizeMac(const std::string& mac,
                         const BogusValues& bogus = BogusValues::builtIn());
// True for interfaces that are not a physical NIC: flagged virtual, or a name
// matching one of the patterns (lo, docker*, veth*, virbr*, br-*, vmnet*, ...).
bool isVirtualInterface(const wire::NetworkInterface& nic,
                        const BogusValues& bogus = BogusValues::builtIn());

// Every usable identifier in `report`, deduplicated, strongest kinds first.
std::vector<wire::AssetIdentifier> extractIdentifiers(
    const wire::InventoryReport& report, const BogusValues& bogus = BogusValues::builtIn());

}  // namespace steward::collector::reconcile
