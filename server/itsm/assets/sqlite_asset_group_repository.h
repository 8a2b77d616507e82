#pragma once

// AssetGroupRepository on its own connection to the server's SQLite file (WAL lets it
// sit beside the other components' connections). Calls are serialised by a mutex.

#include <memory>
#include <mutex>
#include <string>

#include "server/itsm/assets/asset_group_repository.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server::itsm {

class SqliteAssetGroupRepository final : public AssetGroupRepository {
 public:
  // Opens or creates `path` (":memory:" for tests) and migrates the group tables.
  // Errors name the file.
  static Result<std::unique_ptr<SqliteAssetGroupRepository>> open(const std::string& path);

  Result<std::vector<AssetGroup>> list() override;
  Result<AssetGroup> get(const std::string& name) override;
  Result<void> create(const AssetGroup& group) override;
  Result<void> replace(const AssetGroup& group) override;
  Result<void> remove(const std::string& name) override;

 private:
  explicit SqliteAssetGroupRepository(std::unique_ptr<storage::SqliteDb> db) : db_(std::move(db)) {}

  // Reads the groups matching `name` (every group when empty), mutex held.
  Result<std::vector<AssetGroup>> load(const std::string& name);
  // Writes members and rules of `group` (after the old ones were deleted).
  Result<void> writeParts(const AssetGroup& group);

  std::unique_ptr<storage::SqliteDb> db_;
  std::mutex mutex_;
};

}  // namespace steward::server::itsm
