#pragma once

// Realistic asset records for server tests, varied by the few fields tests care about.

#include <string>

#include "shared/wire/asset.h"

namespace steward::server::testing {

// Asset ids used across tests (valid UUIDv7 text).
inline constexpr const char* kAssetA = "0193a1b2-c3d4-7e5f-8a6b-00000000000a";
inline constexpr const char* kAssetB = "0193a1b2-c3d4-7e5f-8a6b-00000000000b";

// A fully populated workstation record: Dell laptop "ws-0042", serial 5CG3421XYZ,
// IPs 192.0.2.10/24 (physical NIC), 172.17.0.1/16 (docker0), 127.0.0.1/8 (lo),
// three packages; first_seen 16:00, last_seen and updated_at 16:30 on 2026-11-25.
wire::AssetRecord sampleRecord(const std::string& asset_id = kAssetA,
                               const std::string& event_id = "event-1");

// sampleRecord with another hostname, serial, IP and updated_at/last_seen.
wire::AssetRecord recordFor(const std::string& asset_id, const std::string& event_id,
                            const std::string& hostname, const std::string& updated_at);

wire::AssetSeen seenFor(const std::string& asset_id, const std::string& event_id,
                        const std::string& last_seen);

}  // namespace steward::server::testing
