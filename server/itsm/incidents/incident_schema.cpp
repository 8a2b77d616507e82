#include "server/itsm/incidents/incident_schema.h"
#include "server/storage/sqlite/component_schema.h"

#include <array>
#include <string>
#include <string_view>

namespace steward::server::itsm {

namespace {

constexpr std::array<std::string_view, kIncidentSchemaVersion> kMigrations = {
    R"SQL(
CREATE TABLE incidents (
  id               TEXT PRIMARY KEY,           -- UUIDv7
  seq              INTEGER NOT NULL UNIQUE,    -- the number's digits
  number           TEXT NOT NULL UNIQUE,       -- INC0000042
  title            TEXT NOT NULL,
  description      TEXT NOT NULL,
  evidence         TEXT NOT NULL,              -- JSON object
  asset_id         TEXT,
  category         TEXT NOT NULL,
  source           TEXT NOT NULL,              -- rule:<id> | person:<name>
  subject          TEXT NOT NULL,
  impact           INTEGER NOT NULL,
  urgency          INTEGER NOT NULL,
  priority         INTEGER NOT NULL,
  state            TEXT NOT NULL,
  assignment_group TEXT NOT NULL,
  assignee         TEXT NOT NULL,
  hold_reason      TEXT NOT NULL,
  resolution_note  TEXT NOT NULL,
  occurrence_count INTEGER NOT NULL,
  flapping         INTEGER NOT NULL,
  created_at       TEXT NOT NULL,              -- RFC 3339 UTC, milliseconds
  updated_at       TEXT NOT NULL,
  last_occurred_at TEXT NOT NULL,
  responded_at     TEXT,
  resolved_at      TEXT,
  closed_at        TEXT,
  response_due     TEXT NOT NULL,
  resolution_due   TEXT NOT NULL,
  version          INTEGER NOT NULL
);
CREATE INDEX incidents_by_key ON incidents (asset_id, source, subject, seq);
CREATE INDEX incidents_by_state ON incidents (state, seq);

CREATE TABLE incident_timeline (
  incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  changes     TEXT NOT NULL,
  note        TEXT NOT NULL
);
CREATE INDEX incident_timeline_by_incident ON incident_timeline (incident_id, seq);

CREATE TABLE incident_events (
  event_id     TEXT PRIMARY KEY,
  processed_at TEXT NOT NULL
);

CREATE TABLE asset_criticality (
  asset_id    TEXT PRIMARY KEY,
  criticality INTEGER NOT NULL CHECK (criticality BETWEEN 1 AND 3)
);

CREATE TABLE notification_queue (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_number TEXT NOT NULL,
  event           TEXT NOT NULL,
  channel         TEXT NOT NULL,
  target          TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  status          TEXT NOT NULL DEFAULT 'pending',
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notification_queue_due ON notification_queue (status, next_attempt_at, id);
)SQL",
};

}  // namespace

Result<void> migrateIncidentSchema(storage::SqliteDb& db) {
  return migrateComponent(db, "incidents", kMigrations);
}

}  // namespace steward::server::itsm
