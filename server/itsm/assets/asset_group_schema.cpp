#include "server/itsm/assets/asset_group_schema.h"

#include <array>
#include <string_view>

#include "server/storage/sqlite/component_schema.h"

namespace steward::server::itsm {

namespace {

// Migration N (1-based) brings the tables from version N-1 to N. Append only.
constexpr std::array<std::string_view, kAssetGroupSchemaVersion> kMigrations = {
    R"SQL(
CREATE TABLE asset_groups (
  name        TEXT PRIMARY KEY,   -- [a-z0-9._-], checked by the API
  description TEXT NOT NULL,
  created_at  TEXT NOT NULL,      -- RFC 3339 UTC
  updated_at  TEXT NOT NULL
);

-- Explicit members. No foreign key to assets: those belong to another component,
-- and a group may outlive an asset's record.
CREATE TABLE asset_group_members (
  group_name TEXT NOT NULL REFERENCES asset_groups (name) ON DELETE CASCADE,
  position   INTEGER NOT NULL,    -- the order they were given in
  asset_id   TEXT NOT NULL,
  PRIMARY KEY (group_name, asset_id)
);
CREATE INDEX asset_group_members_by_asset ON asset_group_members (asset_id);

-- Membership rules; a NULL field is not part of the rule.
CREATE TABLE asset_group_rules (
  group_name  TEXT NOT NULL REFERENCES asset_groups (name) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  hostname    TEXT,
  os          TEXT,
  asset_class TEXT,
  PRIMARY KEY (group_name, position)
);
)SQL",
};

}  // namespace

Result<void> migrateAssetGroupSchema(storage::SqliteDb& db) {
  return migrateComponent(db, "asset_groups", kMigrations);
}

}  // namespace steward::server::itsm
