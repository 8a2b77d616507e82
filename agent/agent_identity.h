#pragma once

// The agent's stable identity: a UUIDv7 made on first run and kept in
// <state_dir>/agent_id (directory 0700, file 0600). A new state directory is a new
// installation and gets a new id.

#include <string>

#include "shared/common/clock.h"
#include "shared/common/result.h"

namespace steward::agent {

// The id stored in `state_dir`, without creating anything. Errors: "not_found",
// "state_corrupt".
Result<std::string> loadAgentId(const std::string& state_dir);

// Returns the id stored in `state_dir`, creating the directory and the id when
// absent. Errors: "state_unwritable" (cannot create or write), "state_corrupt" (the
// file holds something that is not a UUID; it is left alone for a person to look at).
Result<std::string> loadOrCreateAgentId(const std::string& state_dir, const Clock& clock);

}  // namespace steward::agent
