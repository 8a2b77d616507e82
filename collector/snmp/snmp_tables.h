#pragma once

// The collector tables SNMP discovery owns: the latest poll of each device, and the
// switch port each endpoint asset was last seen on. Created on first use (IF NOT
// EXISTS) so SNMP's storage stays beside its code and older databases gain it.

#include <optional>
#include <string>
#include <vector>

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"
#include "shared/wire/network_device.h"

namespace steward::collector::snmp {

Result<void> ensureSnmpTables(steward::storage::SqliteDb& db);

class SnmpTables {
 public:
  explicit SnmpTables(steward::storage::SqliteDb& db) : db_(db) {}

  Result<void> saveDevice(const std::string& asset_id, const wire::NetworkDevice& device,
                          const std::string& polled_at);
  Result<std::optional<wire::NetworkDevice>> device(const std::string& asset_id);

  // Points `endpoint_asset_id` at a switch port (replacing an older link).
  Result<void> saveLink(const std::string& endpoint_asset_id, const wire::PortLink& link,
                        const std::string& seen_at);
  Result<std::optional<wire::PortLink>> link(const std::string& endpoint_asset_id);
  // Endpoint asset ids linked to `switch_asset_id` whose link was last seen before
  // `seen_before` (RFC 3339 UTC, as written by saveLink).
  Result<std::vector<std::string>> endpointsOf(const std::string& switch_asset_id,
                                               const std::string& seen_before);
  Result<void> dropLink(const std::string& endpoint_asset_id);

 private:
  steward::storage::SqliteDb& db_;
};

}  // namespace steward::collector::snmp
