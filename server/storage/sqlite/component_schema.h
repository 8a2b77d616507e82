#pragma once

// Each part of the server (users, incidents, asset history…) owns its tables and
// their version, kept in one shared `component_versions` table, so the parts can
// evolve apart in one SQLite file.

#include <span>
#include <string_view>

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server {

// Brings `component` to version migrations.size(): runs migrations[v] for every
// version v the file is behind, in one transaction, then records the new version.
// Errors: "schema_too_new" when the file is ahead of this server (nothing runs),
// "storage" naming the component and version when a migration fails (rolled back).
Result<void> migrateComponent(storage::SqliteDb& db, std::string_view component,
                              std::span<const std::string_view> migrations);

}  // namespace steward::server
