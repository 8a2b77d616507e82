#include "server/itsm/assets/asset_group_service.h"

namespace steward::server::itsm {

Result<void> AssetGroupService::checkAssetsExist(const std::vector<std::string>& asset_ids) {
  for (std::size_t i = 0; i < asset_ids.size(); ++i) {
    auto record = assets_.get(asset_ids[i]);
    if (record) continue;
    if (record.error().code != "not_found") return record.error();
    return makeError("unknown_asset", "$.assets[" + std::to_string(i) + "]: no asset with id " +
                                          asset_ids[i] + " is known to the server");
  }
  return {};
}

Result<AssetGroup> AssetGroupService::create(AssetGroup draft) {
  if (auto ok = validateGroup(draft); !ok) return ok.error();
  if (auto ok = checkAssetsExist(draft.assets); !ok) return ok.error();
  draft.created_at = draft.updated_at = formatRfc3339(clock_.now());
  if (auto stored = groups_.create(draft); !stored) return stored.error();
  return draft;
}

Result<AssetGroup> AssetGroupService::update(const std::string& name,
                                             const AssetGroupPatch& patch) {
  auto current = groups_.get(name);
  if (!current) return current.error();
  AssetGroup next = *current;
  if (patch.description) next.description = *patch.description;
  if (patch.assets) next.assets = *patch.assets;
  if (patch.rules) next.rules = *patch.rules;
  if (auto ok = validateGroup(next); !ok) return ok.error();
  if (patch.assets) {
    if (auto ok = checkAssetsExist(next.assets); !ok) return ok.error();
  }
  next.updated_at = formatRfc3339(clock_.now());
  if (auto stored = groups_.replace(next); !stored) return stored.error();
  return next;
}

Result<std::vector<GroupMembership>> AssetGroupService::evaluate(const std::string& asset_id,
                                                                 const wire::AssetRecord* record) {
  auto groups = groups_.list();
  if (!groups) return groups.error();
  std::vector<GroupMembership> out;
  for (const auto& group : *groups) {
    if (auto reason = membershipReason(group, asset_id, record)) {
      out.push_back(GroupMembership{group.name, *reason});
    }
  }
  return out;
}

Result<std::vector<GroupMembership>> AssetGroupService::membershipsOf(const std::string& asset_id) {
  auto record = assets_.get(asset_id);
  if (!record) return record.error();
  return evaluate(asset_id, &*record);
}

Result<std::vector<std::string>> AssetGroupService::groupNamesOf(const std::string& asset_id) {
  auto record = assets_.get(asset_id);
  if (!record && record.error().code != "not_found") return record.error();
  auto memberships = evaluate(asset_id, record ? &*record : nullptr);
  if (!memberships) return memberships.error();
  std::vector<std::string> names;
  for (const auto& m : *memberships) names.push_back(m.group);
  return names;
}

Result<std::vector<GroupMember>> AssetGroupService::members(const std::string& name) {
  auto group = groups_.get(name);
  if (!group) return group.error();
  std::vector<GroupMember> out;
  AssetQuery query;
  query.per_page = 500;
  for (;; ++query.page) {
    auto page = assets_.list(query);
    if (!page) return page.error();
    for (const auto& summary : page->items) {
      std::optional<std::string> reason = membershipReason(*group, summary.asset_id, nullptr);
      if (!reason && !group->rules.empty()) {
        auto record = assets_.get(summary.asset_id);
        if (!record) return record.error();
        reason = membershipReason(*group, summary.asset_id, &*record);
      }
      if (reason) out.push_back(GroupMember{summary.asset_id, summary.hostname, *reason});
    }
    if (page->items.size() < query.per_page) break;
  }
  return out;
}

}  // namespace steward::server::itsm
