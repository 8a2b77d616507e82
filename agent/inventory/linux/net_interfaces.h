#pragma once

// Pure helpers for /sys/class/net/<name>/... (the reader is readNetInterfaces).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace steward::agent {

// ARPHRD_LOOPBACK, the `type` of "lo".
inline constexpr unsigned kArphrdLoopback = 772;

// What sysfs tells about one interface, for classifying it.
struct InterfaceFacts {
  std::string name = {};
  std::optional<unsigned> type = {};  // ARPHRD_* from `type`
  std::string devtype = {};           // DEVTYPE= in `uevent` ("bridge", "vlan", "wlan"...)
  bool has_device = false;            // `device` link: backed by a bus device
  bool has_bridge = false;            // `bridge/` directory
  bool has_bonding = false;           // `bonding/` directory
  bool has_wireless = false;          // `wireless/` or `phy80211`
  bool has_tun_flags = false;         // `tun_flags`: tun/tap
  bool linked_elsewhere = false;      // `iflink` differs from `ifindex` (veth peer, vlan parent)
};

// "physical", "wireless", "bridge", "bond", "vlan", "veth", "tun", "loopback" or
// "virtual" (anything else without a device: wireguard, dummy, ifb, macvlan...).
std::string interfaceKind(const InterfaceFacts& facts);

// DEVTYPE from a `uevent` file; "" when absent.
std::string parseUeventDevtype(std::string_view uevent);

// Mbit/s from `speed`; nullopt when unknown (-1, 4294967295, 0, garbage, or the
// EINVAL a down link gives, which reads as missing).
std::optional<std::uint32_t> parseLinkSpeed(std::string_view text);

// A MAC from an `address` file, lower case: nullopt when empty (tun, wireguard) or
// all zeros (no hardware address).
std::optional<std::string> normalizeMac(std::string_view raw);

}  // namespace steward::agent
