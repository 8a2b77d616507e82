#pragma once

// The [maintenance NAME] and [group NAME] sections of the rules file (see
// config/rules.conf). A window matches assets by its own `match` globs and by the
// groups it names with `group`; a group is only a named list of globs, defined once
// and shared by several windows.

#include <string>

#include "collector/rules/rule_set.h"
#include "collector/rules/rules_sections.h"
#include "shared/common/result.h"

namespace steward::collector::rules {

// Longest glob accepted in `match` (hostnames are at most 253 characters).
inline constexpr std::size_t kMaxGlobLength = 255;

// [group NAME]: `match` (required) lists globs. Errors name `source` and the line.
Result<AssetGroup> parseGroupSection(const Section& section, const std::string& source);

// [maintenance NAME]: `match` and/or `group` (at least one), `weekly` and/or
// `from`/`until`. Group names are checked later by resolveMaintenanceGroups.
Result<MaintenanceWindow> parseMaintenanceSection(const Section& section,
                                                  const std::string& source);

// Copies the globs of every group a window names into its `match`. A window naming a
// group the file does not define is an error at the window's line.
Result<void> resolveMaintenanceGroups(RuleSet& set);

}  // namespace steward::collector::rules
