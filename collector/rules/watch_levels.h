#pragma once

// The levels agents watch between heartbeats, derived from the loaded fault rules and
// pushed in the replies to their reports (shared/wire/report_reply.h): the raise and
// clear levels and duration of every enabled threshold rule, and one level per
// enabled read-only-filesystem rule. Agents need no knowledge of the rules: a value
// crossing one of these levels makes them heartbeat at once, so the rule sees the
// fault in seconds instead of at the next heartbeat interval.

#include <vector>

#include "collector/rules/rule_set.h"
#include "shared/wire/report_reply.h"

namespace steward::collector::rules {

// At most wire::kMaxWatchLevels levels, duplicates removed, in rule order.
std::vector<wire::WatchLevel> watchLevels(const RuleSet& rules);

}  // namespace steward::collector::rules
