#pragma once

// The notification OIDs the receiver understands, and the RFC 3584 mapping of a v1
// trap to its SNMPv2 snmpTrapOID. Pure functions of numeric OID text.

#include <cstdint>
#include <string>
#include <vector>

#include "collector/snmp/traps/trap_event.h"

namespace steward::collector::snmp::traps {

inline constexpr const char* kSysUpTime0 = "1.3.6.1.2.1.1.3.0";
inline constexpr const char* kSnmpTrapOid0 = "1.3.6.1.6.3.1.1.4.1.0";
inline constexpr const char* kColdStart = "1.3.6.1.6.3.1.1.5.1";
inline constexpr const char* kWarmStart = "1.3.6.1.6.3.1.1.5.2";
inline constexpr const char* kLinkDown = "1.3.6.1.6.3.1.1.5.3";
inline constexpr const char* kLinkUp = "1.3.6.1.6.3.1.1.5.4";
inline constexpr const char* kAuthenticationFailure = "1.3.6.1.6.3.1.1.5.5";

// RFC 3584 section 3.1: generic-trap 0..5 becomes snmpTraps.(generic+1); generic 6
// (enterpriseSpecific) becomes enterprise.0.specific. Other generic values have no
// v2 form: "" is returned and the caller treats the trap as malformed.
std::string v2TrapOidFromV1(const std::string& enterprise, std::int64_t generic_trap,
                            std::int64_t specific_trap);

// "linkDown", "coldStart"... for the generic notifications, "" for any other OID.
std::string genericTrapName(const std::string& trap_oid);

// Fills event.subject and event.interface_name from the varbinds of linkDown/linkUp
// (ifIndex, ifName, ifDescr columns); leaves them empty for other traps.
void deriveSubject(TrapEvent& event);

}  // namespace steward::collector::snmp::traps
