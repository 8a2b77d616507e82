#pragma once

#include "shared/wire/asset.h"
#include "shared/wire/inventory.h"

namespace steward::testing {

// A realistic, fully populated inventory report for codec and router tests.
wire::InventoryReport sampleReport();
wire::AssetRecord sampleAssetRecord();

}  // namespace steward::testing
