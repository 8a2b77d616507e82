#pragma once

// Default gateways from /proc/net/route and /proc/net/ipv6_route, DNS servers from
// /etc/resolv.conf (resolv.conf(5)).

#include <string>
#include <string_view>
#include <vector>

namespace steward::agent {

// IPv4 default routes with a gateway (destination and mask 0, flags RTF_UP|RTF_GATEWAY),
// as dotted quads in file order, duplicates removed. The header line and malformed
// lines are skipped.
std::vector<std::string> parseProcNetRoute(std::string_view text);

// IPv6 default routes (::/0) with a non-zero next hop, in the compressed text form;
// link-local next hops carry "%<interface>". Malformed lines are skipped.
std::vector<std::string> parseProcNetIpv6Route(std::string_view text);

// "nameserver" addresses in file order (duplicates removed); comments (# or ;) and
// other keywords are ignored.
std::vector<std::string> parseResolvConf(std::string_view text);

}  // namespace steward::agent
