#pragma once

// Turns a notification PDU that net-snmp has parsed (and, for v3, authenticated and
// decrypted) into a TrapEvent: v2 trap OID (RFC 3584 for v1), uptime, typed varbinds
// as text under the caps of trap_event.h, and the subject. Source address, times and
// ids are the listener's business.

#include "collector/snmp/traps/trap_event.h"
#include "shared/common/result.h"

struct snmp_pdu;       // net-snmp's netsnmp_pdu
struct variable_list;  // net-snmp's netsnmp_variable_list

namespace steward::collector::snmp::traps {

// Error "malformed" when a v1 trap has an invalid generic-trap or a v2 notification
// lacks snmpTrapOID.0 (RFC 3416 requires it as the second varbind).
Result<TrapEvent> decodeNotification(const snmp_pdu& pdu);

// One varbind as TrapVarbind; values longer than kMaxValueBytes are cut (`cut` set).
TrapVarbind decodeVarbind(const variable_list& vb, bool& cut);

// "1.3.6.1..." for `length` sub-identifiers.
std::string oidText(const unsigned long* oid, std::size_t length);

}  // namespace steward::collector::snmp::traps
