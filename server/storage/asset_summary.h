#pragma once

// The list columns of an asset, derived from its full record. Shared by every
// repository backend so the list looks the same whatever stores it.

#include <string>
#include <vector>

#include "server/storage/asset_repository.h"
#include "shared/wire/asset.h"

namespace steward::server {

// Hostname, OS, hardware identity, CPU, memory and package count from the
// inventory; IP addresses without prefix length, skipping loopback and IPv6
// link-local; MACs of physical (non-virtual) interfaces, each listed once.
// first_seen/last_seen are copied from the record.
AssetSummary summarizeAsset(const wire::AssetRecord& record);

// Joins/splits the space-separated form the address columns are stored in.
std::string joinAddresses(const std::vector<std::string>& addresses);
std::vector<std::string> splitAddresses(const std::string& text);

}  // namespace steward::server
