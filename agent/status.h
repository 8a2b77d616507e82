#pragma once

// What `steward-agent status` reports beyond the config: the time of the last
// report the collector accepted, kept in <state_dir>/last_contact by `run`.

#include <string>

#include "agent/spool/spool.h"
#include "shared/common/result.h"

namespace steward::agent {

// Records `rfc3339` as the last successful contact (best effort: a failure to
// write is not worth stopping the service for).
void recordLastContact(const std::string& state_dir, const std::string& rfc3339);

// The last successful contact, or "" when there was none.
std::string readLastContact(const std::string& state_dir);

// The status lines about the spool (each ending in a newline):
//   spool depth:   2 (1 inventory, 1 heartbeat; 143 KiB)
//   dropped:       5 since the spool was made, 3 not yet reported to the collector
std::string spoolStatusLines(const Result<SpoolStats>& stats);

}  // namespace steward::agent
