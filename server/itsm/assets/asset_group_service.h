#pragma once

// Managing asset groups and answering who is in them. The API calls it to create,
// change and delete groups (input checked by validateGroup, explicit members checked
// against the asset repository); notification routing asks it for an asset's groups.

#include <optional>
#include <string>
#include <vector>

#include "server/itsm/assets/asset_group.h"
#include "server/itsm/assets/asset_group_repository.h"
#include "server/notify/asset_group_lookup.h"
#include "server/storage/asset_repository.h"
#include "shared/common/clock.h"

namespace steward::server::itsm {

// One asset of a group, as GET /api/v1/asset-groups/{name}/assets lists it.
struct GroupMember {
  std::string asset_id;
  std::string hostname;
  std::string reason;  // "listed" or "rule N"
};

// PATCH: absent fields stay as they are; present lists replace the whole list.
struct AssetGroupPatch {
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> assets;
  std::optional<std::vector<GroupRule>> rules;
};

class AssetGroupService final : public notify::AssetGroupLookup {
 public:
  AssetGroupService(AssetGroupRepository& groups, AssetRepository& assets, const Clock& clock)
      : groups_(groups), assets_(assets), clock_(clock) {}

  Result<std::vector<AssetGroup>> list() { return groups_.list(); }
  Result<AssetGroup> get(const std::string& name) { return groups_.get(name); }
  // Errors: "invalid_field" (validateGroup), "unknown_asset" naming an explicit member
  // the server has no record of, "conflict" when the name is taken, "storage".
  Result<AssetGroup> create(AssetGroup draft);
  // Errors as create, plus "not_found".
  Result<AssetGroup> update(const std::string& name, const AssetGroupPatch& patch);
  // Errors: "not_found", "storage".
  Result<void> remove(const std::string& name) { return groups_.remove(name); }

  // The groups the asset is in and why, ordered by group name. Errors: "not_found"
  // when the server has no record of the asset, "storage".
  Result<std::vector<GroupMembership>> membershipsOf(const std::string& asset_id);

  Result<std::vector<std::string>> groupNamesOf(const std::string& asset_id) override;

  // Every asset in the group now, ordered by hostname. Walks the whole inventory
  // (a group's rules are evaluated per asset), so it costs one read per asset.
  // Errors: "not_found" for an unknown group, "storage".
  Result<std::vector<GroupMember>> members(const std::string& name);

 private:
  Result<void> checkAssetsExist(const std::vector<std::string>& asset_ids);
  // The groups `asset_id` is in; `record` null when the server has none.
  Result<std::vector<GroupMembership>> evaluate(const std::string& asset_id,
                                                const wire::AssetRecord* record);

  AssetGroupRepository& groups_;
  AssetRepository& assets_;
  const Clock& clock_;
};

}  // namespace steward::server::itsm
