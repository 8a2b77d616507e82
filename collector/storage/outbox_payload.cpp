#include "collector/storage/outbox_payload.h"

#include "collector/storage/asset_tables.h"
#include "shared/wire/asset_history.h"
#include "shared/wire/json_codec.h"

namespace steward::collector::storage {

Result<std::string> sendablePayload(steward::storage::SqliteDb& db, const OutboxItem& item) {
  if (item.kind != kOutboxAssetOfSighting) return item.payload;
  auto text = AssetTables(db).sightingText(item.asset_id, wire::kSourceAgent);
  if (!text) return text.error();
  if (!*text) {
    return makeError("sighting_missing",
                     "asset " + item.asset_id + " has no agent sighting to send as its inventory");
  }
  return wire::withInventory(item.payload, **text);
}

}  // namespace steward::collector::storage
