#pragma once

// Which IPv4 addresses a discovery range covers: CIDR blocks and single addresses,
// minus exclusions, never the addresses an SNMP sweep must not touch.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/common/result.h"

namespace steward::collector::snmp {

// One IPv4 block, host order: [first, last] inclusive.
struct Ipv4Block {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  int prefix = 32;
};

// "a.b.c.d" to host-order address; error "bad_address" otherwise.
Result<std::uint32_t> parseIpv4(std::string_view text);
std::string formatIpv4(std::uint32_t address);

// "a.b.c.d/nn" or "a.b.c.d". Errors name the text: a malformed address or prefix,
// host bits set ("10.0.0.1/24"), or a block that lies inside link-local
// (169.254/16), multicast (224/4), reserved (240/4), loopback-less "this network"
// (0/8) or is the limited broadcast. IPv6 text (any ':') is refused: fe80::/10 and
// multicast explicitly, the rest with "IPv6 ranges are not swept".
Result<Ipv4Block> parseBlock(std::string_view text);

// The addresses of `include` blocks minus `exclude` blocks, ascending and
// deduplicated. Network and broadcast addresses of blocks with prefix < 31 are
// skipped (they are not hosts). `limit` caps the result; more is an error
// ("range_too_large") so a typo like /8 cannot start a 16-million-host sweep.
Result<std::vector<std::uint32_t>> expandRange(const std::vector<Ipv4Block>& include,
                                               const std::vector<Ipv4Block>& exclude,
                                               std::size_t limit = 1u << 16);

// Splits "a, b c" on commas and whitespace.
std::vector<std::string> splitList(std::string_view text);

}  // namespace steward::collector::snmp
