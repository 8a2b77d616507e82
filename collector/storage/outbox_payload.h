#pragma once

// What the server is sent for an outbox item: its payload as stored, except for a
// new agent asset's record (kOutboxAssetOfSighting), which is stored without its
// inventory and gets the asset's agent sighting put in here. The inventory sent is
// then the sighting as it is at sending time: a newer report of the same agent, if
// one came meanwhile (the record queued for that report follows with the same).

#include <string>

#include "collector/storage/outbox_table.h"
#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::collector::storage {

// Error "sighting_missing" when the asset has no agent sighting to put in.
Result<std::string> sendablePayload(steward::storage::SqliteDb& db, const OutboxItem& item);

}  // namespace steward::collector::storage
