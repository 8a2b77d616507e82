#pragma once

// Where asset groups are kept. Every write is one transaction; the caller has
// validated the group (validateGroup) before it gets here.

#include <string>
#include <vector>

#include "server/itsm/assets/asset_group.h"
#include "shared/common/result.h"

namespace steward::server::itsm {

class AssetGroupRepository {
 public:
  virtual ~AssetGroupRepository() = default;

  // Every group with its members and rules, ordered by name. Errors: "storage".
  virtual Result<std::vector<AssetGroup>> list() = 0;
  // Errors: "not_found", "storage".
  virtual Result<AssetGroup> get(const std::string& name) = 0;
  // Stores a new group; created_at/updated_at are taken from `group`.
  // Errors: "conflict" when the name is taken, "storage".
  virtual Result<void> create(const AssetGroup& group) = 0;
  // Replaces description, members, rules and updated_at of the group named
  // group.name (created_at is kept). Errors: "not_found", "storage".
  virtual Result<void> replace(const AssetGroup& group) = 0;
  // Errors: "not_found", "storage".
  virtual Result<void> remove(const std::string& name) = 0;
};

}  // namespace steward::server::itsm
