#pragma once

// Pure helpers for /sys/class/net/<name>/... (the reader is readNetInterfaces).

#include <optional>
#include <string>
#include <string_view>

namespace steward::agent {

// ARPHRD_LOOPBACK, the `type` of "lo".
inline constexpr unsigned kArphrdLoopback = 772;

// A MAC from an `address` file, lower case: nullopt when empty (tun, wireguard) or
// all zeros (no hardware address).
std::optional<std::string> normalizeMac(std::string_view raw);

}  // namespace steward::agent
