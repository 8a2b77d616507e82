#pragma once

// Values that must never identify a machine: firmware placeholders, shared UUIDs,
// MAC prefixes of virtual adapters and names of virtual NICs. The built-in lists are
// always in force; the [reconcile] section of collector.conf adds to them (see
// config/collector.conf), so an administrator can stop a bad merge without a release.

#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::collector::reconcile {

struct BogusValues {
  std::vector<std::string> serials;       // lower case, trimmed: "to be filled by o.e.m."
  std::vector<std::string> uuids;         // lower case with dashes
  std::vector<std::string> mac_prefixes;  // lower case, colon separated: "0a:00:27:00:00"
  // Interface names; a trailing '*' matches any suffix ("veth*"), otherwise exact.
  std::vector<std::string> nic_patterns;

  // The lists compiled into the collector.
  static const BogusValues& builtIn();

  // Adds comma-separated values to one list, normalised; duplicates are ignored.
  // Errors "config_invalid" for a UUID or MAC prefix that is not hex, naming it.
  Result<void> addSerials(const std::string& comma_separated);
  Result<void> addUuids(const std::string& comma_separated);
  Result<void> addMacPrefixes(const std::string& comma_separated);
  Result<void> addNicPatterns(const std::string& comma_separated);
};

}  // namespace steward::collector::reconcile
