#include "agent/inventory/linux/proc_net_route.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

constexpr unsigned kRtfUp = 0x1;
constexpr unsigned kRtfGateway = 0x2;

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < line.size()) {
    const std::size_t start = line.find_first_not_of(" \t", pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(line.find_first_of(" \t", start), line.size());
    out.push_back(line.substr(start, end - start));
    pos = end;
  }
  return out;
}

std::optional<std::uint32_t> hex32(std::string_view text) {
  std::uint32_t value = 0;
  if (text.empty() || text.size() > 8) return std::nullopt;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

void addUnique(std::vector<std::string>& out, std::string value) {
  if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(std::move(value));
}

}  // namespace

std::vector<std::string> parseProcNetRoute(std::string_view text) {
  std::vector<std::string> out;
  for (const auto line : splitLines(text)) {
    const auto f = fields(line);
    // Iface Destination Gateway Flags RefCnt Use Metric Mask ...
    if (f.size() < 8) continue;
    const auto destination = hex32(f[1]);
    const auto gateway = hex32(f[2]);
    const auto flags = hex32(f[3]);
    const auto mask = hex32(f[7]);
    if (!destination || !gateway || !flags || !mask) continue;  // also the header line
    if (*destination != 0 || *mask != 0 || *gateway == 0) continue;
    if ((*flags & (kRtfUp | kRtfGateway)) != (kRtfUp | kRtfGateway)) continue;
    // The kernel prints the address in host (little-endian) byte order.
    char buffer[INET_ADDRSTRLEN];
    const std::uint32_t network_order = *gateway;  // bytes as in memory: already network order
    if (inet_ntop(AF_INET, &network_order, buffer, sizeof buffer) != nullptr) {
      addUnique(out, buffer);
    }
  }
  return out;
}

std::vector<std::string> parseProcNetIpv6Route(std::string_view text) {
  std::vector<std::string> out;
  for (const auto line : splitLines(text)) {
    const auto f = fields(line);
    // dest dest_len src src_len next_hop metric refcnt use flags iface
    if (f.size() < 10 || f[0].size() != 32 || f[4].size() != 32) continue;
    if (f[0] != std::string(32, '0') || f[1] != "00") continue;
    if (f[4] == std::string(32, '0')) continue;
    std::array<unsigned char, 16> bytes{};
    bool ok = true;
    for (std::size_t i = 0; i < 16 && ok; ++i) {
      const auto byte = hex32(f[4].substr(i * 2, 2));
      ok = byte.has_value();
      if (ok) bytes[i] = static_cast<unsigned char>(*byte);
    }
    char buffer[INET6_ADDRSTRLEN];
    if (!ok || inet_ntop(AF_INET6, bytes.data(), buffer, sizeof buffer) == nullptr) continue;
    std::string hop = buffer;
    if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) hop += "%" + std::string(f[9]);
    addUnique(out, std::move(hop));
  }
  return out;
}

std::vector<std::string> parseResolvConf(std::string_view text) {
  std::vector<std::string> out;
  for (const auto raw : splitLines(text)) {
    const auto f = fields(raw);
    if (f.size() < 2 || f[0] != "nameserver") continue;
    const std::string_view address = f[1];
    if (address.empty() || address[0] == '#' || address[0] == ';') continue;
    addUnique(out, std::string(address));
  }
  return out;
}

}  // namespace steward::agent
