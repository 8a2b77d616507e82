#include "server/storage/sqlite/component_schema.h"

#include <cstdint>
#include <string>

namespace steward::server {

namespace {

Result<int> currentVersion(storage::SqliteDb& db, std::string_view component) {
  if (auto made =
          db.exec("CREATE TABLE IF NOT EXISTS component_versions (component TEXT PRIMARY KEY, "
                  "version INTEGER NOT NULL)");
      !made) {
    return made.error();
  }
  auto stmt = db.prepare("SELECT version FROM component_versions WHERE component = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, component);
  auto row = stmt->step();
  if (!row) return row.error();
  return *row ? static_cast<int>(stmt->int64(0)) : 0;
}

}  // namespace

Result<void> migrateComponent(storage::SqliteDb& db, std::string_view component,
                              std::span<const std::string_view> migrations) {
  const int target = static_cast<int>(migrations.size());
  const std::string name(component);
  auto version = currentVersion(db, component);
  if (!version) return version.error();
  if (*version > target) {
    return makeError("schema_too_new", name + " schema version " + std::to_string(*version) +
                                           " is newer than this server understands");
  }
  if (*version == target) return {};
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  for (int next = *version + 1; next <= target; ++next) {
    if (auto done = db.exec(migrations[static_cast<std::size_t>(next - 1)]); !done) {
      return makeError("storage", name + " schema migration to version " + std::to_string(next) +
                                      " failed: " + done.error().message);
    }
  }
  auto stmt = db.prepare(
      "INSERT INTO component_versions (component, version) VALUES (?1, ?2) "
      "ON CONFLICT (component) DO UPDATE SET version = excluded.version");
  if (!stmt) return stmt.error();
  if (auto done = stmt->bind(1, name).bind(2, std::int64_t{target}).run(); !done) return done;
  return tx->commit();
}

}  // namespace steward::server
