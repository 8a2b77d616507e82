#pragma once

// What notification routing needs to know about asset groups: which groups an asset
// is in right now. Implemented by itsm::AssetGroupService from the groups in the
// database, so a route's `groups = ...` follows group edits without a restart.

#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::server::notify {

class AssetGroupLookup {
 public:
  virtual ~AssetGroupLookup() = default;
  // Names of the groups `asset_id` is a member of (explicitly or by a rule); an asset
  // the server has no record of can still be an explicit member. Errors: "storage".
  virtual Result<std::vector<std::string>> groupNamesOf(const std::string& asset_id) = 0;
};

}  // namespace steward::server::notify
