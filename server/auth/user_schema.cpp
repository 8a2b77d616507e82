#include "server/auth/user_schema.h"
#include "server/storage/sqlite/component_schema.h"

#include <array>
#include <string>
#include <string_view>

namespace steward::server::auth {

namespace {

constexpr std::array<std::string_view, kUserSchemaVersion> kMigrations = {
    R"SQL(
CREATE TABLE users (
  id            TEXT PRIMARY KEY,                -- UUIDv7
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'technician', 'requester', 'viewer')),
  password_hash TEXT NOT NULL,                   -- pbkdf2-sha256$iterations$salt$hash
  active        INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,      -- consecutive; reset by a good login
  locked_until  TEXT,                            -- RFC 3339 UTC
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,                 -- UUIDv7, shown in lists
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label        TEXT NOT NULL,
  token_sha256 TEXT NOT NULL UNIQUE,             -- the secret itself is never stored
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE sessions (
  id_sha256  TEXT PRIMARY KEY,                   -- SHA-256 of the cookie value
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  expires_at TEXT NOT NULL                       -- absolute limit
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE audit_log (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  at             TEXT NOT NULL,
  actor          TEXT NOT NULL,
  action         TEXT NOT NULL,
  target         TEXT NOT NULL,
  detail         TEXT NOT NULL,
  remote_address TEXT NOT NULL
);
)SQL",
};

}  // namespace

Result<void> migrateUserSchema(storage::SqliteDb& db) {
  return migrateComponent(db, "users", kMigrations);
}

}  // namespace steward::server::auth
