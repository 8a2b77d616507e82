#pragma once

// One SNMP notification as the collector keeps it: decoded from v1, v2c or v3 into
// the SNMPv2 shape (RFC 3584: a v1 trap gets its v2 snmpTrapOID), with where it came
// from and, once matched, the asset that sent it. No net-snmp types here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace steward::collector::snmp::traps {

// One variable binding, value rendered as text. `type` is one of: integer, string,
// hex-string (octets that are not printable text, as "0a:1b:..."), oid, ipaddress,
// counter32, gauge32, timeticks, opaque, counter64, null, uinteger32,
// nosuchobject, nosuchinstance, endofmibview.
struct TrapVarbind {
  std::string oid;  // numeric, dotted, no leading dot
  std::string type;
  std::string value;
  friend bool operator==(const TrapVarbind&, const TrapVarbind&) = default;
};

struct TrapEvent {
  std::string event_id;        // UUIDv7 made on receipt
  std::string received_at;     // RFC 3339 UTC
  std::string source_address;  // UDP source IP (v4 dotted or v6)
  std::uint16_t source_port = 0;
  std::string version;        // "v1", "v2c" or "v3"
  bool inform = false;        // an acknowledged InformRequest
  std::string security_name;  // v3 user; empty otherwise (communities are never kept)
  std::string trap_oid;       // snmpTrapOID in v2 form, e.g. 1.3.6.1.6.3.1.1.5.3
  std::optional<std::uint32_t> uptime_hundredths;  // sysUpTime.0 / v1 time-stamp
  std::string enterprise;                          // v1 only: the enterprise field
  std::string agent_address;                       // v1 only: the agent-addr field
  // The remaining varbinds (sysUpTime.0 and snmpTrapOID.0 taken out), capped at
  // kMaxVarbinds, values at kMaxValueBytes.
  std::vector<TrapVarbind> varbinds;
  bool truncated = false;  // some varbinds or values were cut by the caps
  // What the trap is about, when derivable: "ifIndex=3" for linkDown/linkUp. Stable
  // across a down and the matching up, so fault rules can pair them.
  std::string subject;
  std::string interface_name;           // ifName or ifDescr from the varbinds, when sent
  std::optional<std::string> asset_id;  // set when the source matched a known asset
};

inline constexpr std::size_t kMaxVarbinds = 64;
inline constexpr std::size_t kMaxValueBytes = 1024;

}  // namespace steward::collector::snmp::traps
