#include "collector/storage/schema.h"

#include <string>

namespace steward::collector::storage {

namespace {

// Version 1. Times are RFC 3339 UTC text except outbox.next_attempt_ms (Unix ms, for
// ordering and arithmetic). Ids are UUIDs made where the record was born.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE assets (
  asset_id       TEXT PRIMARY KEY,
  first_seen     TEXT NOT NULL,
  last_seen      TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  hostname       TEXT NOT NULL,
  inventory_json TEXT NOT NULL
);
CREATE TABLE identifiers (
  kind     TEXT NOT NULL,
  value    TEXT NOT NULL,
  asset_id TEXT NOT NULL REFERENCES assets(asset_id),
  PRIMARY KEY (kind, value)
);
CREATE INDEX identifiers_by_asset ON identifiers(asset_id);
CREATE TABLE agents (
  agent_id   TEXT PRIMARY KEY,
  asset_id   TEXT NOT NULL REFERENCES assets(asset_id),
  first_seen TEXT NOT NULL
);
CREATE TABLE reports (
  report_id   TEXT PRIMARY KEY,
  agent_id    TEXT NOT NULL,
  asset_id    TEXT NOT NULL REFERENCES assets(asset_id),
  received_at TEXT NOT NULL
);
CREATE TABLE decisions (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  asset_id  TEXT NOT NULL REFERENCES assets(asset_id),
  report_id TEXT NOT NULL,
  at        TEXT NOT NULL,
  rule      TEXT NOT NULL,
  evidence  TEXT NOT NULL
);
CREATE INDEX decisions_by_asset ON decisions(asset_id);
CREATE TABLE outbox (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT NOT NULL CHECK (kind IN ('asset', 'seen')),
  asset_id        TEXT NOT NULL,
  event_id        TEXT NOT NULL UNIQUE,
  payload         TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox(state, seq);
)sql";

// Version 2: the outbox also carries incident events from the rules engine. SQLite
// cannot change a CHECK constraint in place, so the table is rebuilt.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE outbox_v2 (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT NOT NULL CHECK (kind IN ('asset', 'seen', 'incident')),
  asset_id        TEXT NOT NULL,
  event_id        TEXT NOT NULL UNIQUE,
  payload         TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  last_error      TEXT NOT NULL DEFAULT ''
);
INSERT INTO outbox_v2 SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox(state, seq);
)sql";

}  // namespace

Result<void> migrate(steward::storage::SqliteDb& db) {
  std::int64_t version = 0;
  {
    // Finalised before migrating: DROP TABLE fails while a statement is open.
    auto stmt = db.prepare("PRAGMA user_version");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    if (*row) version = stmt->int64(0);
  }
  if (version == kSchemaVersion) return {};
  if (version > kSchemaVersion) {
    return makeError("schema_too_new", "collector database schema version " +
                                           std::to_string(version) + " is newer than this " +
                                           "collector understands (" +
                                           std::to_string(kSchemaVersion) + ")");
  }
  auto tx = steward::storage::Transaction::begin(db);
  if (!tx) return tx.error();
  if (version < 1) {
    if (auto r = db.exec(kSchemaV1); !r) return r;
  }
  if (version < 2) {
    if (auto r = db.exec(kSchemaV2); !r) return r;
  }
  // PRAGMA cannot take parameters; the value is our own constant.
  if (auto r = db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)); !r) return r;
  return tx->commit();
}

}  // namespace steward::collector::storage
