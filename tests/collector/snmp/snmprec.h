#pragma once

// Reads snmpsim's .snmprec files (OID|type|value) into VarBinds, so the parsers are
// unit-tested on exactly the data the integration tests' simulator serves.

#include <string>

#include "collector/snmp/oid.h"

namespace steward::collector::snmp::testing {

// Types: 2 Integer, 4 OctetString, 4x hex OctetString, 6 OID, 64 IpAddress,
// 65 Counter32, 66 Gauge32, 67 TimeTicks, 70 Counter64. Fails the test on bad lines.
VarBinds loadSnmprec(const std::string& path);
// A fixture under tests/fixtures/snmp.
std::string snmpFixture(const std::string& name);

}  // namespace steward::collector::snmp::testing
