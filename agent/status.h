#pragma once

// What `steward-agent status` reports beyond the config: the time of the last
// report the collector accepted, kept in <state_dir>/last_contact by `run`.

#include <string>

namespace steward::agent {

// Records `rfc3339` as the last successful contact (best effort: a failure to
// write is not worth stopping the service for).
void recordLastContact(const std::string& state_dir, const std::string& rfc3339);

// The last successful contact, or "" when there was none.
std::string readLastContact(const std::string& state_dir);

}  // namespace steward::agent
