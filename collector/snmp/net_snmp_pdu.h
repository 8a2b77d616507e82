#pragma once

// From net-snmp's PDU structures to ours: variable bindings to Oid/SnmpValue, and
// what a v3 report means in words. Only for NetSnmpClient, which includes the
// net-snmp headers that define these structs.

#include <string>

#include "collector/snmp/oid.h"

struct variable_list;  // netsnmp_variable_list
struct snmp_pdu;       // netsnmp_pdu

namespace steward::collector::snmp {

SnmpValue convert(const variable_list& v);
Oid nameOf(const variable_list& v);
// noSuchObject, noSuchInstance, endOfMibView or NULL: no value.
bool isException(const variable_list& v);
// What a v3 report on an authenticated request means, for the per-device message
// ("authentication failed: wrong auth password or protocol (usmStatsWrongDigests)").
std::string reportMeaning(snmp_pdu* pdu);

}  // namespace steward::collector::snmp
