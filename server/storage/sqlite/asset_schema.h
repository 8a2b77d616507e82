#pragma once

// The server's SQLite schema, versioned with PRAGMA user_version: each migration
// runs once, in order, inside one transaction.

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server {

inline constexpr int kAssetSchemaVersion = 1;

// Brings `db` up to kAssetSchemaVersion. Error "schema_too_new" when the file was
// written by a newer server (we refuse rather than guess), "storage" otherwise.
Result<void> migrateAssetSchema(storage::SqliteDb& db);

}  // namespace steward::server
