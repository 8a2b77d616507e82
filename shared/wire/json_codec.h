#pragma once

// JSON codec for every body that crosses a process boundary. Decoding is strict:
// a missing required field, a wrong type or an unsupported major schema version is
// an Error whose message names the location ("$.cpu.cores: expected an unsigned
// integer"). Unknown fields are ignored so newer senders work with older receivers.

#include <string>
#include <string_view>

#include "shared/common/result.h"
#include "shared/wire/asset.h"
#include "shared/wire/inventory.h"

namespace steward::wire {

std::string encodeInventory(const InventoryReport& report);
Result<InventoryReport> decodeInventory(std::string_view json);

std::string encodeHeartbeat(const Heartbeat& heartbeat);
Result<Heartbeat> decodeHeartbeat(std::string_view json);

std::string encodeAssetRecord(const AssetRecord& record);
Result<AssetRecord> decodeAssetRecord(std::string_view json);

std::string encodeAssetSeen(const AssetSeen& seen);
Result<AssetSeen> decodeAssetSeen(std::string_view json);

}  // namespace steward::wire
