#pragma once

// The state machine every incident follows:
//
//   new ──▶ in_progress ──▶ on_hold ──▶ in_progress
//    │           │             │
//    └───────────┴─────────────┴──▶ resolved ──▶ closed (final)
//                                       │
//                                       └──▶ in_progress (reopen)
//
// new may also go straight to on_hold. on_hold needs a reason; resolved needs a
// resolution note.

#include <string>

#include "server/itsm/incidents/incident.h"
#include "shared/common/result.h"

namespace steward::server::itsm {

// Ok when `from` → `to` is allowed with the given texts; otherwise Error
// "invalid_transition" whose message says why (shown to people, answered as 409).
Result<void> checkTransition(IncidentState from, IncidentState to, const std::string& hold_reason,
                             const std::string& resolution_note);

}  // namespace steward::server::itsm
