#pragma once

// Asset groups: named sets of assets ("dbservers", "core-switches") that notification
// routes filter on (server.conf [notify.route.NAME] groups = ...). An asset is a member
// when it is listed explicitly or matches any of the group's rules; a rule's fields
// must all match. Membership is computed from the asset's current record whenever it
// is asked for, so a renamed host or a newly discovered switch moves in or out
// without anyone editing the group.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/common/result.h"
#include "shared/wire/asset.h"

namespace steward::server::itsm {

inline constexpr std::size_t kMaxGroupNameLength = 64;
inline constexpr std::size_t kMaxGroupDescriptionLength = 500;
inline constexpr std::size_t kMaxGroupGlobLength = 128;
inline constexpr std::size_t kMaxGroupRules = 50;
inline constexpr std::size_t kMaxGroupAssets = 5000;

struct GroupRule {
  // Glob ('*', '?'), case-insensitive, over the hostname or the FQDN.
  std::optional<std::string> hostname;
  // Glob, case-insensitive, over the OS name ("Debian GNU/Linux 12 (bookworm)") or
  // the os-release ID ("debian").
  std::optional<std::string> os;
  // Exactly one of the names assetClass() gives.
  std::optional<std::string> asset_class;
  friend bool operator==(const GroupRule&, const GroupRule&) = default;
};

struct AssetGroup {
  std::string name;
  std::string description;
  std::vector<std::string> assets;  // explicit members (asset ids), in the order given
  std::vector<GroupRule> rules;
  std::string created_at;  // RFC 3339 UTC
  std::string updated_at;
};

// Why an asset is in a group: "listed" (explicit member) or "rule N" (1-based).
struct GroupMembership {
  std::string group;
  std::string reason;
};

// Group names: 1..64 of [a-z0-9._-], starting with a letter or digit, so a name can
// be written unquoted in server.conf lists and in URLs, and "DBServers" cannot sit
// beside "dbservers". "" when fine, else what
// is wrong (for messages).
std::string groupNameProblem(std::string_view name);

// Checks everything a person sends: name, description (printable, at most 500), every
// asset id a UUID and listed once, 0..50 rules each with at least one field, globs
// 1..128 printable characters, known classes. Errors: "invalid_field" naming the
// JSON path ("$.rules[2].hostname: ...").
Result<void> validateGroup(const AssetGroup& group);

// The classes a rule can name, in the order documentation lists them.
const std::vector<std::string>& assetClasses();

// Network devices: the class SNMP discovery gave ("switch", "router", "printer",
// "ups", "server", "workstation", "unknown"). Agent-reported computers: "server" for
// server chassis (rack mount, blade, main server chassis, multi-system, pizza box),
// "workstation" for desktops, towers, laptops, tablets and mini PCs, otherwise
// "computer" (virtual machines usually report no chassis worth trusting).
std::string assetClass(const wire::AssetRecord& record);

// Why the asset is in `group`, or nullopt. `record` may be null for an asset the
// server has no record of: only explicit membership can match it then.
std::optional<std::string> membershipReason(const AssetGroup& group, const std::string& asset_id,
                                            const wire::AssetRecord* record);

}  // namespace steward::server::itsm
