#pragma once

// What a collector sends the server about one reconciled asset: the identity the
// collector settled on plus the latest full inventory it holds for it.

#include <optional>
#include <string>
#include <vector>

#include "shared/wire/asset_history.h"
#include "shared/wire/inventory.h"
#include "shared/wire/network_device.h"

namespace steward::wire {

struct AssetIdentifier {
  std::string kind;  // "serial", "smbios_uuid", "agent_id", "mac", "hostname"
  std::string value;
  friend bool operator==(const AssetIdentifier&, const AssetIdentifier&) = default;
};

struct AssetRecord {
  SchemaVersion schema;
  std::string event_id;  // unique per update (idempotency key on the server)
  std::string asset_id;  // UUIDv7 made by the collector that first saw the asset
  std::string collector_id;
  std::string first_seen;  // RFC 3339 UTC
  std::string last_seen;
  std::string updated_at;  // when this version of the record was made
  std::vector<AssetIdentifier> identifiers;
  InventoryReport inventory;
  // What the ingest that made this version decided and detected (absent on the wire
  // when empty). Decisions may be about other assets too (a flag, a split); each
  // decision and change has its own id, so the server stores each once.
  std::vector<ReconcileDecision> decisions = {};
  std::vector<DetectedChange> changes = {};
  // Since 1.2: what SNMP discovery knows about a network device (absent for agents'
  // assets), and the switch port this asset's MAC was learnt on.
  std::optional<NetworkDevice> network_device = {};
  std::optional<PortLink> connected_to = {};
  friend bool operator==(const AssetRecord&, const AssetRecord&) = default;
};

// A heartbeat-driven "still alive" update: cheap, and collapsible in the outbox
// (only the latest per asset matters).
struct AssetSeen {
  SchemaVersion schema;
  std::string event_id;
  std::string asset_id;
  std::string last_seen;  // RFC 3339 UTC
  friend bool operator==(const AssetSeen&, const AssetSeen&) = default;
};

}  // namespace steward::wire
