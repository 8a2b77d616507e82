#pragma once

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::collector::storage {

// Version of the collector's SQLite schema, kept in PRAGMA user_version.
inline constexpr int kSchemaVersion = 3;

// Creates or upgrades the schema to kSchemaVersion in one transaction. A database made
// by a newer collector (higher user_version) is refused rather than guessed at.
Result<void> migrate(steward::storage::SqliteDb& db);

}  // namespace steward::collector::storage
