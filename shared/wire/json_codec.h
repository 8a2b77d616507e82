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
// The report encoded exactly as encodeInventory would encode a copy of it whose
// report_id and collected_at were replaced by these, without copying the report
// (the collector hashes and stores reports this way to compare their content).
std::string encodeInventoryWith(const InventoryReport& report, std::string_view report_id,
                                std::string_view collected_at);
Result<InventoryReport> decodeInventory(std::string_view json);

std::string encodeHeartbeat(const Heartbeat& heartbeat);
Result<Heartbeat> decodeHeartbeat(std::string_view json);

std::string encodeAssetRecord(const AssetRecord& record);
// The same text, with `inventory_json` (encodeInventory(record.inventory), made
// earlier, e.g. outside a lock) written in place of encoding record.inventory again.
std::string encodeAssetRecordWith(const AssetRecord& record, std::string_view inventory_json);
// The record's text with "inventory":null, and such a text with an inventory's JSON
// put in its place: the collector queues a new asset's record without the inventory
// its stored sighting already holds, and puts that in when it sends the record.
std::string encodeAssetRecordWithoutInventory(const AssetRecord& record);
Result<std::string> withInventory(std::string record_text, std::string_view inventory_json);
Result<AssetRecord> decodeAssetRecord(std::string_view json);

std::string encodeAssetSeen(const AssetSeen& seen);
Result<AssetSeen> decodeAssetSeen(std::string_view json);

}  // namespace steward::wire
