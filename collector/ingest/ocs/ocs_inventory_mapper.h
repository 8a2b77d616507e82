#pragma once

// Maps an OCS Inventory / FusionInventory INVENTORY document into Steward's
// InventoryReport, so it is reconciled, stored and forwarded like a native agent's.
// The two agents name some fields differently; each is read under both names:
//   CPU model  CPUS/NAME (FusionInventory)        | CPUS/TYPE (OCS)
//   cores      CPUS/CORE                           | CPUS/CORES
//   logical    CPUS/THREAD (siblings per socket)   | CPUS/LOGICAL_CPUS
//   arch       OPERATINGSYSTEM/ARCH                | CPUS/CPUARCH
//   OS name    OPERATINGSYSTEM/FULL_NAME           | HARDWARE/OSCOMMENTS
//   package    SOFTWARES/ARCH                      | SOFTWARES/ARCHITECTURE
//   IPv6       NETWORKS/IPADDRESS6 + IPMASK6       | NETWORKS/IPADDRESS with ':'
// Units: HARDWARE/MEMORY, SWAP and DRIVES/TOTAL, FREE are MiB; STORAGES/DISKSIZE is
// decimal MB (10^6 bytes, OCS sends fractions).

#include <string>

#include "collector/ingest/ocs/ocs_request.h"
#include "shared/common/result.h"
#include "shared/wire/inventory.h"

namespace steward::collector::ingest::ocs {

// Every OCS agent id starts with this, so it never collides with a Steward agent id
// (a UUIDv7 without prefix).
inline constexpr const char* kAgentIdPrefix = "ocs:";

// "ocs:<UUIDv5 of DEVICEID>": the same agent installation always gets the same id.
std::string agentIdFor(const std::string& device_id);
// "ocs:<UUIDv5 of DEVICEID and the SHA-256 of the inflated document>": a retried
// upload of the same document is the same report, so it is stored once.
std::string reportIdFor(const std::string& device_id, const std::string& document);

// "fusioninventory" when the document says FusionInventory made it, otherwise "ocs";
// used as the package source.
std::string agentKind(const OcsRequest& request);

// The report for `request` (QUERY INVENTORY), stamped `collected_at` (RFC 3339).
// `document` is the inflated XML, for the report id. Error "missing_field" when
// HARDWARE/NAME (the hostname) is absent.
Result<wire::InventoryReport> mapInventory(const OcsRequest& request, const std::string& document,
                                           const std::string& collected_at);

}  // namespace steward::collector::ingest::ocs
