#pragma once

// Numeric OIDs and the values SNMP returns for them, independent of net-snmp so the
// MIB parsers are tested on literal data. No MIB files: every OID is numeric.

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace steward::collector::snmp {

using Oid = std::vector<std::uint32_t>;

// "1.3.6.1.2.1.1.1.0" (a leading '.' is allowed); empty Oid when malformed.
Oid parseOid(std::string_view text);
std::string oidText(const Oid& oid);
bool startsWith(const Oid& oid, const Oid& prefix);
// The part of `oid` after `prefix` (the row index of a table column).
Oid suffix(const Oid& oid, const Oid& prefix);
Oid concat(const Oid& a, const Oid& b);

struct SnmpValue {
  enum class Type { Integer, Unsigned, Counter64, OctetString, ObjectId, IpAddress, TimeTicks, Null };
  Type type = Type::Null;
  std::int64_t number = 0;  // Integer (signed), Unsigned/Gauge/Counter32, Counter64, TimeTicks
  std::string bytes;        // OctetString, IpAddress (4 raw bytes)
  Oid oid;                  // ObjectId

  std::optional<std::int64_t> asInt() const;
  // Octet strings only; "" for other types. Printable text is trimmed of NULs.
  std::optional<std::string> asText() const;
  // Octet strings of exactly 6 bytes as "aa:bb:cc:dd:ee:ff".
  std::optional<std::string> asMac() const;
};

SnmpValue intValue(std::int64_t v, SnmpValue::Type type = SnmpValue::Type::Integer);
SnmpValue textValue(std::string bytes);
SnmpValue oidValue(const Oid& oid);

// What a device answered: OID → value, in OID order.
using VarBinds = std::map<Oid, SnmpValue>;

// The rows of one table column: index suffix → value.
std::map<Oid, SnmpValue> column(const VarBinds& values, const Oid& column_oid);

std::string macText(std::string_view six_bytes);

}  // namespace steward::collector::snmp
