#pragma once

// The incident tables in the server's SQLite file. Versioned in their own row of
// `component_versions` (the asset schema owns PRAGMA user_version), so the two
// schemas migrate independently.

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server::itsm {

inline constexpr int kIncidentSchemaVersion = 1;

// Brings `db` up to kIncidentSchemaVersion in one transaction; "schema_too_new" when
// the file was written by a newer server.
Result<void> migrateIncidentSchema(storage::SqliteDb& db);

}  // namespace steward::server::itsm
