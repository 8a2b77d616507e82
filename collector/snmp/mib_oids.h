#pragma once

// The numeric OIDs discovery asks for (no MIB files at run time). Names follow the
// MIB objects so a reader can look them up.

#include "collector/snmp/oid.h"

namespace steward::collector::snmp::mib {

// SNMPv2-MIB system group (scalars, instance .0 appended where asked).
inline const Oid kSystem{1, 3, 6, 1, 2, 1, 1};
inline const Oid kSysDescr{1, 3, 6, 1, 2, 1, 1, 1, 0};
inline const Oid kSysObjectId{1, 3, 6, 1, 2, 1, 1, 2, 0};
inline const Oid kSysUpTime{1, 3, 6, 1, 2, 1, 1, 3, 0};
inline const Oid kSysContact{1, 3, 6, 1, 2, 1, 1, 4, 0};
inline const Oid kSysName{1, 3, 6, 1, 2, 1, 1, 5, 0};
inline const Oid kSysLocation{1, 3, 6, 1, 2, 1, 1, 6, 0};
inline const Oid kSysServices{1, 3, 6, 1, 2, 1, 1, 7, 0};
// SNMP-FRAMEWORK-MIB snmpEngineID.
inline const Oid kSnmpEngine{1, 3, 6, 1, 6, 3, 10, 2, 1};
inline const Oid kSnmpEngineId{1, 3, 6, 1, 6, 3, 10, 2, 1, 1, 0};

// IF-MIB ifTable / ifXTable columns.
inline const Oid kIfDescr{1, 3, 6, 1, 2, 1, 2, 2, 1, 2};
inline const Oid kIfType{1, 3, 6, 1, 2, 1, 2, 2, 1, 3};
inline const Oid kIfSpeed{1, 3, 6, 1, 2, 1, 2, 2, 1, 5};
inline const Oid kIfPhysAddress{1, 3, 6, 1, 2, 1, 2, 2, 1, 6};
inline const Oid kIfAdminStatus{1, 3, 6, 1, 2, 1, 2, 2, 1, 7};
inline const Oid kIfOperStatus{1, 3, 6, 1, 2, 1, 2, 2, 1, 8};
inline const Oid kIfLastChange{1, 3, 6, 1, 2, 1, 2, 2, 1, 9};  // sysUpTime at the last oper change
inline const Oid kIfName{1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 1};
inline const Oid kIfHighSpeed{1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 15};
inline const Oid kIfAlias{1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 18};

// IP-MIB.
inline const Oid kIpForwarding{1, 3, 6, 1, 2, 1, 4, 1};  // walked: instance .0
inline const Oid kIpAddrTable{1, 3, 6, 1, 2, 1, 4, 20, 1};
inline const Oid kIpAdEntIfIndex{1, 3, 6, 1, 2, 1, 4, 20, 1, 2};
inline const Oid kIpAdEntNetMask{1, 3, 6, 1, 2, 1, 4, 20, 1, 3};
inline const Oid kIpAddressIfIndex{1, 3, 6, 1, 2, 1, 4, 34, 1, 3};
inline const Oid kIpAddressPrefix{1, 3, 6, 1, 2, 1, 4, 34, 1, 5};
inline const Oid kIpNetToMediaPhysAddress{1, 3, 6, 1, 2, 1, 4, 22, 1, 2};

// ENTITY-MIB entPhysicalTable.
inline const Oid kEntPhysicalEntry{1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1};
inline constexpr std::uint32_t kEntDescr = 2, kEntClass = 5, kEntFirmwareRev = 9,
                               kEntSoftwareRev = 10, kEntSerialNum = 11, kEntMfgName = 12,
                               kEntModelName = 13;

// HOST-RESOURCES-MIB.
inline const Oid kHrSystem{1, 3, 6, 1, 2, 1, 25, 1};
inline const Oid kHrMemorySize{1, 3, 6, 1, 2, 1, 25, 2, 2};  // walked: instance .0, KiB
inline const Oid kHrStorageEntry{1, 3, 6, 1, 2, 1, 25, 2, 3, 1};
inline const Oid kHrStorageFixedDisk{1, 3, 6, 1, 2, 1, 25, 2, 1, 4};
inline const Oid kHrDeviceType{1, 3, 6, 1, 2, 1, 25, 3, 2, 1, 2};
inline const Oid kHrDeviceDescr{1, 3, 6, 1, 2, 1, 25, 3, 2, 1, 3};
inline const Oid kHrDeviceProcessor{1, 3, 6, 1, 2, 1, 25, 3, 1, 3};
inline const Oid kHrDevicePrinter{1, 3, 6, 1, 2, 1, 25, 3, 1, 5};
inline const Oid kHrSwInstalledName{1, 3, 6, 1, 2, 1, 25, 6, 3, 1, 2};

// Printer-MIB.
inline const Oid kPrtGeneralSerialNumber{1, 3, 6, 1, 2, 1, 43, 5, 1, 1, 17};
inline const Oid kPrtMarkerLifeCount{1, 3, 6, 1, 2, 1, 43, 10, 2, 1, 4};
inline const Oid kPrtMarkerSuppliesEntry{1, 3, 6, 1, 2, 1, 43, 11, 1, 1};

// UPS-MIB upsIdent.
inline const Oid kUpsIdent{1, 3, 6, 1, 2, 1, 33, 1, 1};

// BRIDGE-MIB and Q-BRIDGE-MIB.
inline const Oid kDot1dBaseBridgeAddress{1, 3, 6, 1, 2, 1, 17, 1, 1};
inline const Oid kDot1dBasePortIfIndex{1, 3, 6, 1, 2, 1, 17, 1, 4, 1, 2};
inline const Oid kDot1dTpFdbPort{1, 3, 6, 1, 2, 1, 17, 4, 3, 1, 2};
inline const Oid kDot1dTpFdbStatus{1, 3, 6, 1, 2, 1, 17, 4, 3, 1, 3};
inline const Oid kDot1qTpFdbPort{1, 3, 6, 1, 2, 1, 17, 7, 1, 2, 2, 1, 2};
inline const Oid kDot1qTpFdbStatus{1, 3, 6, 1, 2, 1, 17, 7, 1, 2, 2, 1, 3};

// LLDP-MIB (IEEE 802.1AB-2005) remote and local port tables.
inline const Oid kLldpRemEntry{1, 0, 8802, 1, 1, 2, 1, 4, 1, 1};
inline const Oid kLldpLocPortEntry{1, 0, 8802, 1, 1, 2, 1, 3, 7, 1};
// CISCO-CDP-MIB cdpCacheTable.
inline const Oid kCdpCacheEntry{1, 3, 6, 1, 4, 1, 9, 9, 23, 1, 2, 1, 1};

}  // namespace steward::collector::snmp::mib
