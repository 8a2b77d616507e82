#include "server/itsm/assets/sqlite_asset_group_repository.h"

#include <map>

#include "server/itsm/assets/asset_group_schema.h"

namespace steward::server::itsm {

namespace {

Error notFound(const std::string& name) {
  return makeError("not_found", "no asset group named '" + name + "'");
}

}  // namespace

Result<std::unique_ptr<SqliteAssetGroupRepository>> SqliteAssetGroupRepository::open(
    const std::string& path) {
  auto db = storage::SqliteDb::open(path);
  if (!db) return db.error();
  if (auto migrated = migrateAssetGroupSchema(**db); !migrated) {
    return makeError(migrated.error().code, path + ": " + migrated.error().message);
  }
  return std::unique_ptr<SqliteAssetGroupRepository>(
      new SqliteAssetGroupRepository(std::move(*db)));
}

Result<std::vector<AssetGroup>> SqliteAssetGroupRepository::load(const std::string& name) {
  std::vector<AssetGroup> groups;
  std::map<std::string, std::size_t> index;
  // "?1 = ''" selects every group: one statement for both uses, data still bound.
  auto heads = db_->prepare(
      "SELECT name, description, created_at, updated_at FROM asset_groups "
      "WHERE ?1 = '' OR name = ?1 ORDER BY name");
  if (!heads) return heads.error();
  heads->bind(1, name);
  if (auto done = heads->forEachRow([&](const storage::Statement& row) {
        index[row.text(0)] = groups.size();
        groups.push_back(AssetGroup{row.text(0), row.text(1), {}, {}, row.text(2), row.text(3)});
      });
      !done) {
    return done.error();
  }
  auto members = db_->prepare(
      "SELECT group_name, asset_id FROM asset_group_members "
      "WHERE ?1 = '' OR group_name = ?1 ORDER BY group_name, position");
  if (!members) return members.error();
  members->bind(1, name);
  if (auto done = members->forEachRow([&](const storage::Statement& row) {
        if (auto at = index.find(row.text(0)); at != index.end()) {
          groups[at->second].assets.push_back(row.text(1));
        }
      });
      !done) {
    return done.error();
  }
  auto rules = db_->prepare(
      "SELECT group_name, hostname, os, asset_class FROM asset_group_rules "
      "WHERE ?1 = '' OR group_name = ?1 ORDER BY group_name, position");
  if (!rules) return rules.error();
  rules->bind(1, name);
  if (auto done = rules->forEachRow([&](const storage::Statement& row) {
        if (auto at = index.find(row.text(0)); at != index.end()) {
          groups[at->second].rules.push_back(
              GroupRule{row.optionalText(1), row.optionalText(2), row.optionalText(3)});
        }
      });
      !done) {
    return done.error();
  }
  return groups;
}

Result<std::vector<AssetGroup>> SqliteAssetGroupRepository::list() {
  std::lock_guard lock(mutex_);
  return load("");
}

Result<AssetGroup> SqliteAssetGroupRepository::get(const std::string& name) {
  if (name.empty()) return notFound(name);
  std::lock_guard lock(mutex_);
  auto groups = load(name);
  if (!groups) return groups.error();
  if (groups->empty()) return notFound(name);
  return std::move(groups->front());
}

Result<void> SqliteAssetGroupRepository::writeParts(const AssetGroup& group) {
  for (std::size_t i = 0; i < group.assets.size(); ++i) {
    auto stmt = db_->prepare(
        "INSERT INTO asset_group_members (group_name, position, asset_id) VALUES (?1, ?2, ?3)");
    if (!stmt) return stmt.error();
    stmt->bind(1, group.name).bind(2, static_cast<std::int64_t>(i)).bind(3, group.assets[i]);
    if (auto done = stmt->run(); !done) return done;
  }
  for (std::size_t i = 0; i < group.rules.size(); ++i) {
    const auto& rule = group.rules[i];
    auto stmt = db_->prepare(
        "INSERT INTO asset_group_rules (group_name, position, hostname, os, asset_class) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!stmt) return stmt.error();
    stmt->bind(1, group.name).bind(2, static_cast<std::int64_t>(i));
    stmt->bind(3, rule.hostname).bind(4, rule.os).bind(5, rule.asset_class);
    if (auto done = stmt->run(); !done) return done;
  }
  return {};
}

Result<void> SqliteAssetGroupRepository::create(const AssetGroup& group) {
  std::lock_guard lock(mutex_);
  auto tx = storage::Transaction::begin(*db_);
  if (!tx) return tx.error();
  auto stmt = db_->prepare(
      "INSERT INTO asset_groups (name, description, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4)");
  if (!stmt) return stmt.error();
  stmt->bind(1, group.name).bind(2, group.description);
  stmt->bind(3, group.created_at).bind(4, group.updated_at);
  if (auto done = stmt->run(); !done) {
    if (done.error().code == "constraint") {
      return makeError("conflict", "an asset group named '" + group.name + "' already exists");
    }
    return done;
  }
  if (auto done = writeParts(group); !done) return done;
  return tx->commit();
}

Result<void> SqliteAssetGroupRepository::replace(const AssetGroup& group) {
  std::lock_guard lock(mutex_);
  auto tx = storage::Transaction::begin(*db_);
  if (!tx) return tx.error();
  auto stmt =
      db_->prepare("UPDATE asset_groups SET description = ?2, updated_at = ?3 WHERE name = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, group.name).bind(2, group.description).bind(3, group.updated_at);
  if (auto done = stmt->run(); !done) return done;
  if (db_->changes() == 0) return notFound(group.name);
  for (std::string_view sql : {"DELETE FROM asset_group_members WHERE group_name = ?1",
                               "DELETE FROM asset_group_rules WHERE group_name = ?1"}) {
    auto del = db_->prepare(sql);
    if (!del) return del.error();
    if (auto done = del->bind(1, group.name).run(); !done) return done;
  }
  if (auto done = writeParts(group); !done) return done;
  return tx->commit();
}

Result<void> SqliteAssetGroupRepository::remove(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare("DELETE FROM asset_groups WHERE name = ?1");
  if (!stmt) return stmt.error();
  if (auto done = stmt->bind(1, name).run(); !done) return done;
  if (db_->changes() == 0) return notFound(name);
  return {};
}

}  // namespace steward::server::itsm
