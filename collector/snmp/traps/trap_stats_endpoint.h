#pragma once

// GET /api/v1/traps/stats: the receiver's counters as JSON (see TrapStats::toJson),
// plus "enabled". Counters only, no trap contents, so it sits beside /healthz without
// a credential.

#include <optional>

#include "collector/snmp/traps/trap_stats.h"
#include "shared/http/message.h"

namespace steward::collector::snmp::traps {

inline constexpr const char* kTrapStatsPath = "/api/v1/traps/stats";

// The response for kTrapStatsPath, or nullopt for any other path. `stats` is null
// when the receiver is disabled.
std::optional<http::HttpResponse> trapStatsResponse(const http::HttpRequest& request,
                                                    const TrapStats* stats);

}  // namespace steward::collector::snmp::traps
