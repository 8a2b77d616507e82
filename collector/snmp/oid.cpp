#include "collector/snmp/oid.h"

#include <algorithm>
#include <charconv>

namespace steward::collector::snmp {

Oid parseOid(std::string_view text) {
  Oid oid;
  if (!text.empty() && text.front() == '.') text.remove_prefix(1);
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    std::uint32_t part = 0;
    auto [next, ec] = std::from_chars(p, end, part);
    if (ec != std::errc{} || next == p) return {};
    oid.push_back(part);
    p = next;
    if (p < end) {
      if (*p != '.' || p + 1 == end) return {};
      ++p;
    }
  }
  return oid;
}

std::string oidText(const Oid& oid) {
  std::string out;
  for (std::size_t i = 0; i < oid.size(); ++i) {
    if (i) out += '.';
    out += std::to_string(oid[i]);
  }
  return out;
}

bool startsWith(const Oid& oid, const Oid& prefix) {
  return oid.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), oid.begin());
}

Oid suffix(const Oid& oid, const Oid& prefix) {
  if (!startsWith(oid, prefix)) return {};
  return Oid(oid.begin() + static_cast<std::ptrdiff_t>(prefix.size()), oid.end());
}

Oid concat(const Oid& a, const Oid& b) {
  Oid out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

std::optional<std::int64_t> SnmpValue::asInt() const {
  switch (type) {
    case Type::Integer:
    case Type::Unsigned:
    case Type::Counter64:
    case Type::TimeTicks:
      return number;
    default:
      return std::nullopt;
  }
}

std::optional<std::string> SnmpValue::asText() const {
  if (type != Type::OctetString) return std::nullopt;
  std::string text = bytes;
  while (!text.empty() && (text.back() == '\0' || text.back() == ' ' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.pop_back();
  }
  // Binary strings (e.g. a MAC or engine id) are not text: show them as hex.
  const bool printable = std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 || c == '\t' || c == '\n' || c == '\r';
  });
  if (!printable) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : bytes) {
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
    }
    return hex;
  }
  return text;
}

std::optional<std::string> SnmpValue::asMac() const {
  if (type != Type::OctetString || bytes.size() != 6) return std::nullopt;
  return macText(bytes);
}

std::string macText(std::string_view six) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < six.size(); ++i) {
    if (i) out += ':';
    const auto c = static_cast<unsigned char>(six[i]);
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

SnmpValue intValue(std::int64_t v, SnmpValue::Type type) {
  SnmpValue value;
  value.type = type;
  value.number = v;
  return value;
}

SnmpValue textValue(std::string bytes) {
  SnmpValue value;
  value.type = SnmpValue::Type::OctetString;
  value.bytes = std::move(bytes);
  return value;
}

SnmpValue oidValue(const Oid& oid) {
  SnmpValue value;
  value.type = SnmpValue::Type::ObjectId;
  value.oid = oid;
  return value;
}

std::map<Oid, SnmpValue> column(const VarBinds& values, const Oid& column_oid) {
  std::map<Oid, SnmpValue> rows;
  for (auto it = values.lower_bound(column_oid); it != values.end(); ++it) {
    if (!startsWith(it->first, column_oid)) break;
    rows.emplace(suffix(it->first, column_oid), it->second);
  }
  return rows;
}

}  // namespace steward::collector::snmp
