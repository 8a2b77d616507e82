#pragma once

// An RPM package header as the RPM database stores it (one blob per installed
// package in rpmdb.sqlite's Packages table, the same bytes for the BerkeleyDB and ndb
// backends): no lead and no magic, just
//   int32 index_count, int32 data_length            (big-endian)
//   index_count × {int32 tag, type, offset, count}  (16 bytes each, big-endian)
//   data_length bytes of data store
// Strings are NUL-terminated inside the data store; INT32 values are big-endian and
// 4-byte aligned. Every offset, count and string end is checked against the store.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/common/result.h"

namespace steward::agent {

struct RpmHeader {
  std::string name;                          // NAME (1000)
  std::string version;                       // VERSION (1001)
  std::optional<std::string> release;        // RELEASE (1002)
  std::optional<std::uint32_t> epoch;        // EPOCH (1003)
  std::optional<std::string> arch;           // ARCH (1022)
  std::optional<std::string> vendor;         // VENDOR (1011)
  std::optional<std::string> packager;       // PACKAGER (1015)
  std::optional<std::int64_t> install_time;  // INSTALLTIME (1008), seconds since the epoch
  friend bool operator==(const RpmHeader&, const RpmHeader&) = default;
};

// Limits from rpm's own header checks: a header holding more tags or data than this
// is refused before anything is read.
inline constexpr std::uint32_t kRpmMaxTags = 0xFFFF;
inline constexpr std::uint32_t kRpmMaxData = 16 * 1024 * 1024;

// Parses one header blob. Errors (code "malformed_rpm_header", message says where):
// shorter than its preamble, index or data store; counts over the limits; a wanted
// tag whose type is wrong, whose offset or count runs past the store, or whose string
// has no terminating NUL; no NAME or VERSION. Unknown tags are skipped unread.
Result<RpmHeader> parseRpmHeader(std::string_view blob);

// "[epoch:]version[-release]", the form `rpm -q --qf '%{EVR}'` prints.
std::string rpmEvr(const RpmHeader& header);

}  // namespace steward::agent
