#include "collector/storage/schema.h"

#include <array>
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

// Version 2: reconciliation in depth.
//  - sightings: each source's latest report per asset (the asset's inventory is merged
//    from them by attribute precedence), with a content hash so an unchanged
//    re-inventory is recognised without decoding anything; the inventory leaves the
//    assets row, which a heartbeat updates, so that update stays small.
//  - identifiers: weak keys (MAC, hostname) may belong to several assets (a USB NIC
//    that moved, two machines named alike); strong keys stay unique in code.
//  - non_unique: serials and UUIDs found on several machines, never used again.
//  - decisions: what was done (action), from which source, about which other asset.
//  - outbox: the kind list moves into code, so new kinds need no table rebuild.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE sightings (
  asset_id     TEXT NOT NULL REFERENCES assets(asset_id),
  source       TEXT NOT NULL,
  agent_id     TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  report_json  TEXT NOT NULL,
  seen_at      TEXT NOT NULL,
  PRIMARY KEY (asset_id, source)
);
INSERT INTO sightings(asset_id, source, agent_id, content_hash, report_json, seen_at)
  SELECT asset_id, 'agent', coalesce(json_extract(inventory_json, '$.agent_id'), ''), '',
         inventory_json, last_seen FROM assets;
ALTER TABLE assets DROP COLUMN inventory_json;

CREATE TABLE identifiers_v2 (
  kind     TEXT NOT NULL,
  value    TEXT NOT NULL,
  asset_id TEXT NOT NULL REFERENCES assets(asset_id),
  PRIMARY KEY (kind, value, asset_id)
);
INSERT INTO identifiers_v2 SELECT kind, value, asset_id FROM identifiers;
DROP TABLE identifiers;
ALTER TABLE identifiers_v2 RENAME TO identifiers;
CREATE INDEX identifiers_by_asset ON identifiers(asset_id);

CREATE TABLE non_unique (
  kind       TEXT NOT NULL,
  value      TEXT NOT NULL,
  flagged_at TEXT NOT NULL,
  evidence   TEXT NOT NULL,
  PRIMARY KEY (kind, value)
);

ALTER TABLE decisions ADD COLUMN action TEXT NOT NULL DEFAULT 'merge';
ALTER TABLE decisions ADD COLUMN source TEXT NOT NULL DEFAULT 'agent';
ALTER TABLE decisions ADD COLUMN other_asset_id TEXT;

CREATE TABLE outbox_v2 (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT NOT NULL,
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
CREATE INDEX outbox_seen ON outbox(asset_id) WHERE kind = 'seen' AND state = 'pending';
)sql";

// Version 3: the large text columns go last. SQLite stores a row's columns in
// order and spills what does not fit in the page into a chain of overflow pages; a
// column after an 86 KB report is reached only by reading that whole chain. Every
// re-inventory looks up its sighting's hash and every outbox wake its head's
// next_attempt_ms, so those reads were twenty-odd page reads instead of one.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE sightings_v3 (
  asset_id     TEXT NOT NULL REFERENCES assets(asset_id),
  source       TEXT NOT NULL,
  agent_id     TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  seen_at      TEXT NOT NULL,
  report_json  TEXT NOT NULL,
  PRIMARY KEY (asset_id, source)
);
INSERT INTO sightings_v3(asset_id, source, agent_id, content_hash, seen_at, report_json)
  SELECT asset_id, source, agent_id, content_hash, seen_at, report_json FROM sightings;
DROP TABLE sightings;
ALTER TABLE sightings_v3 RENAME TO sightings;

CREATE TABLE outbox_v3 (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT NOT NULL,
  asset_id        TEXT NOT NULL,
  event_id        TEXT NOT NULL UNIQUE,
  created_at      TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  last_error      TEXT NOT NULL DEFAULT '',
  payload         TEXT NOT NULL
);
INSERT INTO outbox_v3(seq, kind, asset_id, event_id, created_at, attempts, next_attempt_ms,
                      state, last_error, payload)
  SELECT seq, kind, asset_id, event_id, created_at, attempts, next_attempt_ms, state,
         last_error, payload FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox(state, seq);
CREATE INDEX outbox_seen ON outbox(asset_id) WHERE kind = 'seen' AND state = 'pending';
)sql";

constexpr std::array<const char*, kSchemaVersion> kMigrations = {kSchemaV1, kSchemaV2, kSchemaV3};

}  // namespace

Result<void> migrate(steward::storage::SqliteDb& db) {
  std::int64_t version = 0;
  {
    // Finished before migrating: DROP TABLE fails while any statement is pending.
    auto stmt = db.prepare("PRAGMA user_version");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    version = *row ? stmt->int64(0) : 0;
  }
  if (version == 2) {
    // A version-2 database from before reconciliation in depth (the rules engine's
    // outbox rebuild) still keeps the inventory in assets: it gets this version 2.
    auto stmt = db.prepare(
        "SELECT count(*) FROM pragma_table_info('assets') WHERE name = 'inventory_json'");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    if (*row && stmt->int64(0) > 0) version = 1;
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
  for (std::int64_t next = version + 1; next <= kSchemaVersion; ++next) {
    if (auto r = db.exec(kMigrations[static_cast<std::size_t>(next - 1)]); !r) {
      return makeError(r.error().code, "schema migration to version " + std::to_string(next) +
                                           " failed: " + r.error().message);
    }
  }
  // PRAGMA cannot take parameters; the value is our own constant.
  if (auto r = db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)); !r) return r;
  return tx->commit();
}

}  // namespace steward::collector::storage
