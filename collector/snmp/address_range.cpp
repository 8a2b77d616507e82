#include "collector/snmp/address_range.h"

#include <algorithm>
#include <charconv>

namespace steward::collector::snmp {

namespace {

Error bad(std::string_view text, const std::string& why) {
  return makeError("bad_range", "'" + std::string(text) + "': " + why);
}

bool overlaps(const Ipv4Block& b, std::uint32_t net, int prefix) {
  const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  const std::uint32_t last = net | ~mask;
  return b.first <= last && net <= b.last;
}

}  // namespace

Result<std::uint32_t> parseIpv4(std::string_view text) {
  std::uint32_t address = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (p == end || *p != '.') break;
      ++p;
    }
    if (p == end || *p < '0' || *p > '9') break;
    unsigned value = 0;
    auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc{} || value > 255 || next - p > 3) break;
    p = next;
    address = (address << 8) | value;
    if (part == 3 && p == end) return address;
  }
  return makeError("bad_address", "'" + std::string(text) + "' is not an IPv4 address");
}

std::string formatIpv4(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." +
         std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255);
}

Result<Ipv4Block> parseBlock(std::string_view text) {
  if (text.find(':') != std::string_view::npos) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.rfind("fe8", 0) == 0 || lower.rfind("fe9", 0) == 0 || lower.rfind("fea", 0) == 0 ||
        lower.rfind("feb", 0) == 0) {
      return bad(text, "IPv6 link-local (fe80::/10) is never swept");
    }
    if (lower.rfind("ff", 0) == 0) return bad(text, "IPv6 multicast is never swept");
    return bad(text, "IPv6 ranges are not swept (list IPv6 devices' IPv4 addresses)");
  }
  const auto slash = text.find('/');
  auto address = parseIpv4(text.substr(0, slash));
  if (!address) return bad(text, "not an IPv4 address or CIDR block");
  int prefix = 32;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    auto [next, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || ec != std::errc{} || next != digits.data() + digits.size() ||
        prefix < 0 || prefix > 32) {
      return bad(text, "prefix length must be 0..32");
    }
  }
  const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  if ((*address & ~mask) != 0) {
    return bad(text, "host bits set; did you mean " + formatIpv4(*address & mask) + "/" +
                         std::to_string(prefix) + "?");
  }
  Ipv4Block block{*address, *address | ~mask, prefix};
  if (overlaps(block, 0xA9FE0000u, 16)) return bad(text, "link-local (169.254/16) is never swept");
  if (overlaps(block, 0xE0000000u, 4)) return bad(text, "multicast (224/4) is never swept");
  if (overlaps(block, 0xF0000000u, 4)) {
    return bad(text, "reserved/broadcast (240/4, 255.255.255.255) is never swept");
  }
  if (overlaps(block, 0x00000000u, 8)) return bad(text, "\"this network\" (0/8) is never swept");
  return block;
}

Result<std::vector<std::uint32_t>> expandRange(const std::vector<Ipv4Block>& include,
                                               const std::vector<Ipv4Block>& exclude,
                                               std::size_t limit) {
  std::vector<std::uint32_t> out;
  for (const auto& b : include) {
    std::uint64_t first = b.first;
    std::uint64_t last = b.last;
    if (b.prefix < 31) {  // skip the network and broadcast address of the block
      ++first;
      --last;
    }
    if (last >= first && out.size() + (last - first + 1) > limit * 2 + 1) {
      return makeError("range_too_large", "range has more than " + std::to_string(limit) +
                                              " addresses; split it or narrow it");
    }
    for (std::uint64_t a = first; a <= last; ++a) {
      const auto address = static_cast<std::uint32_t>(a);
      const bool excluded = std::any_of(exclude.begin(), exclude.end(), [&](const Ipv4Block& x) {
        return address >= x.first && address <= x.last;
      });
      if (!excluded) out.push_back(address);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > limit) {
    return makeError("range_too_large", "range has " + std::to_string(out.size()) +
                                            " addresses, more than " + std::to_string(limit) +
                                            "; split it or narrow it");
  }
  return out;
}

std::vector<std::string> splitList(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

}  // namespace steward::collector::snmp
