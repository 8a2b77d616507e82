#pragma once

// JSON shapes of the asset group API:
//
//   {"name": "dbservers", "description": "...",
//    "assets": ["<asset uuid>", ...],                      explicit members
//    "rules": [{"hostname": "db-*"}, {"os": "debian*", "class": "server"}],
//    "created_at": "...", "updated_at": "..."}
//
// Decoding is strict: unknown fields, wrong types and malformed JSON are errors
// ("malformed_json", "invalid_field" with the JSON path); value checks are
// itsm::validateGroup's.

#include <string>
#include <vector>

#include "server/itsm/assets/asset_group.h"
#include "server/itsm/assets/asset_group_service.h"
#include "shared/common/result.h"

namespace steward::server {

std::string encodeAssetGroup(const itsm::AssetGroup& group);
std::string encodeAssetGroups(const std::vector<itsm::AssetGroup>& groups);
// {"asset_id": ..., "groups": [{"name": ..., "reason": "listed" | "rule N"}]}
std::string encodeMemberships(const std::string& asset_id,
                              const std::vector<itsm::GroupMembership>& memberships);

// {"name": ..., "items": [{"asset_id", "hostname", "reason"}], "total": N}
std::string encodeGroupMembers(const std::string& name,
                               const std::vector<itsm::GroupMember>& members);

// POST: name required; description, assets, rules optional.
Result<itsm::AssetGroup> decodeNewAssetGroup(const std::string& body);
// PATCH: description, assets, rules; "name" is refused (groups are not renamed:
// server.conf routes name them).
Result<itsm::AssetGroupPatch> decodeAssetGroupPatch(const std::string& body);

}  // namespace steward::server
