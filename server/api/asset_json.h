#pragma once

// JSON bodies of the asset read API.

#include <string>

#include "server/storage/asset_repository.h"
#include "shared/wire/asset.h"

namespace steward::server {

// {"items":[{asset_id, hostname, os_name, vendor, model, serial, cpu_model,
//  memory_total_bytes, package_count, ip_addresses, mac_addresses, first_seen,
//  last_seen}], "page", "per_page", "total"}. Absent optional values are null.
std::string encodeAssetPage(const AssetPage& page, const AssetQuery& query);

// {"asset_id", "collector_id", "first_seen", "last_seen", "updated_at",
//  "identifiers":[{kind, value}], "inventory": {...as the wire codec encodes it...}}
std::string encodeAssetDetail(const wire::AssetRecord& record);

}  // namespace steward::server
