#pragma once

// JSON codec for AssetHistory (collector -> server). Strict like the other decoders:
// errors name the location; additionally every decision needs a known action and
// every change a known kind, and ids and times must be non-empty.

#include <string>
#include <string_view>

#include "shared/common/result.h"
#include "shared/wire/asset_history.h"

namespace steward::wire {

std::string encodeAssetHistory(const AssetHistory& history);
Result<AssetHistory> decodeAssetHistory(std::string_view json);

// One decision or change as a JSON object text (the server's API reuses these).
std::string encodeDecision(const ReconcileDecision& decision);
std::string encodeChange(const DetectedChange& change);

}  // namespace steward::wire
