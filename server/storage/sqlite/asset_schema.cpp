#include "server/storage/sqlite/asset_schema.h"

#include <array>
#include <string>
#include <string_view>

namespace steward::server {

namespace {

// Migration N (1-based) brings the schema from version N-1 to N. Append only.
constexpr std::array<std::string_view, kAssetSchemaVersion> kMigrations = {
    R"SQL(
CREATE TABLE assets (
  asset_id           TEXT PRIMARY KEY,
  collector_id       TEXT NOT NULL,
  hostname           TEXT NOT NULL,
  os_name            TEXT,
  vendor             TEXT,
  model              TEXT,
  serial             TEXT,
  cpu_model          TEXT,
  memory_total_bytes INTEGER NOT NULL DEFAULT 0,
  package_count      INTEGER NOT NULL DEFAULT 0,
  ip_addresses       TEXT NOT NULL DEFAULT '',  -- space separated, for listing and search
  mac_addresses      TEXT NOT NULL DEFAULT '',
  first_seen         TEXT NOT NULL,             -- RFC 3339 UTC, millisecond precision:
  last_seen          TEXT NOT NULL,             -- text order is time order
  updated_at         TEXT NOT NULL,
  record             TEXT NOT NULL              -- the AssetRecord as the wire codec writes it
);
CREATE INDEX assets_by_hostname ON assets (hostname COLLATE NOCASE, asset_id);

CREATE TABLE asset_identifiers (
  asset_id TEXT NOT NULL REFERENCES assets (asset_id) ON DELETE CASCADE,
  kind     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (asset_id, kind, value)
);
CREATE INDEX asset_identifiers_by_value ON asset_identifiers (kind, value);

-- Idempotency: an event id is applied once, whatever its outcome.
CREATE TABLE processed_events (
  event_id     TEXT PRIMARY KEY,
  asset_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,  -- 'asset' or 'seen'
  outcome      TEXT NOT NULL,
  processed_at TEXT NOT NULL
);
)SQL",
};

Result<int> currentVersion(storage::SqliteDb& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return *row ? static_cast<int>(stmt->int64(0)) : 0;
}

}  // namespace

Result<void> migrateAssetSchema(storage::SqliteDb& db) {
  auto version = currentVersion(db);
  if (!version) return version.error();
  if (*version > kAssetSchemaVersion) {
    return makeError("schema_too_new", "database schema version " + std::to_string(*version) +
                                           " is newer than this server understands (" +
                                           std::to_string(kAssetSchemaVersion) + ")");
  }
  if (*version == kAssetSchemaVersion) return {};

  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  for (int next = *version + 1; next <= kAssetSchemaVersion; ++next) {
    if (auto done = db.exec(kMigrations[static_cast<std::size_t>(next - 1)]); !done) {
      return makeError("storage", "schema migration to version " + std::to_string(next) +
                                      " failed: " + done.error().message);
    }
  }
  // PRAGMA takes no bound parameters; the value is our own constant.
  if (auto done = db.exec("PRAGMA user_version = " + std::to_string(kAssetSchemaVersion)); !done) {
    return done.error();
  }
  return tx->commit();
}

}  // namespace steward::server
