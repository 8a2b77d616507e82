#pragma once

// A static topology table for alarm suppression until SNMP FDB/LLDP discovery
// provides one: lines "ENDPOINT_ASSET_ID = SWITCH_ASSET_ID", '#' comments.

#include <map>
#include <string>

#include "shared/common/result.h"

namespace steward::collector::rules {

// Endpoint asset id -> switch asset id. Errors ("uplinks_invalid") name file:line.
Result<std::map<std::string, std::string>> loadUplinksFile(const std::string& path);

}  // namespace steward::collector::rules
