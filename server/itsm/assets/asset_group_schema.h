#pragma once

// The asset group tables in the server's SQLite file, versioned in their own row
// ("asset_groups") of component_versions (server/storage/sqlite/component_schema.h).

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server::itsm {

inline constexpr int kAssetGroupSchemaVersion = 1;

// Brings `db` up to kAssetGroupSchemaVersion in one transaction; "schema_too_new"
// when the file was written by a newer server.
Result<void> migrateAssetGroupSchema(storage::SqliteDb& db);

}  // namespace steward::server::itsm
