#pragma once

// The users, API token, session and audit tables in the server's SQLite file,
// versioned in their own row of `component_versions` ("users"), like the incident
// tables, so each schema migrates on its own.

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server::auth {

inline constexpr int kUserSchemaVersion = 1;

// Brings `db` up to kUserSchemaVersion in one transaction; "schema_too_new" when the
// file was written by a newer server.
Result<void> migrateUserSchema(storage::SqliteDb& db);

}  // namespace steward::server::auth
