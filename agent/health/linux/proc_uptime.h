#pragma once

// /proc/uptime ("749.87 1166.61": seconds up, idle seconds) and /proc/loadavg
// ("0.38 0.62 0.34 1/83 5630").

#include <array>
#include <optional>
#include <string_view>

namespace steward::agent {

// Seconds since boot; nullopt on malformed text.
std::optional<double> parseProcUptime(std::string_view text);
// The one-minute load average; nullopt on malformed text.
std::optional<double> parseProcLoadavg(std::string_view text);
// The 1, 5 and 15 minute load averages; each nullopt when malformed or missing.
std::array<std::optional<double>, 3> parseProcLoadavgAll(std::string_view text);

}  // namespace steward::agent
