#pragma once

// Where the server keeps the assets collectors send it. One interface, two backends
// (SQLite now, PostgreSQL later) held to the same contract by the repository tests.
// Every write is one transaction: when a call returns success the change is
// committed, so the API may acknowledge it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/common/result.h"
#include "shared/wire/asset.h"

namespace steward::server {

// What an idempotent write did.
enum class WriteOutcome {
  Applied,    // stored
  Duplicate,  // this event_id was processed before; nothing changed
  Stale,      // older than what is stored; newer data kept, event still acknowledged
};

// "applied", "duplicate", "stale": the word used on the API.
const char* writeOutcomeName(WriteOutcome outcome);

// One row of the asset list: the columns a person scans, not the whole inventory.
struct AssetSummary {
  std::string asset_id;
  std::string hostname;
  std::optional<std::string> os_name;
  std::optional<std::string> vendor;
  std::optional<std::string> model;
  std::optional<std::string> serial;
  std::optional<std::string> cpu_model;
  std::uint64_t memory_total_bytes = 0;
  std::uint64_t package_count = 0;
  std::vector<std::string> ip_addresses;   // without prefix length; no loopback/link-local
  std::vector<std::string> mac_addresses;  // of physical interfaces
  std::string first_seen;                  // RFC 3339 UTC
  std::string last_seen;
};

struct AssetPage {
  std::vector<AssetSummary> items;
  std::uint64_t total = 0;  // matching assets over all pages
};

struct AssetQuery {
  std::uint32_t page = 1;  // 1-based
  std::uint32_t per_page = 50;
  // Case-insensitive substring of hostname, serial or an IP address; empty = all.
  std::string search;
};

class AssetRepository {
 public:
  virtual ~AssetRepository() = default;

  // Stores the record unless its event_id was seen before (Duplicate) or its
  // updated_at is older than the stored version's (Stale: first/last seen may still
  // widen, the inventory stays). Errors: "invalid_field" (asset id not a UUID,
  // timestamps not RFC 3339, empty event id), "storage" (database failure).
  virtual Result<WriteOutcome> upsertAsset(const wire::AssetRecord& record) = 0;

  // Moves last_seen forward (never back: an older sighting is Stale). Errors:
  // "not_found" for an unknown asset, "invalid_field", "storage".
  virtual Result<WriteOutcome> markSeen(const wire::AssetSeen& seen) = 0;

  // A page of assets ordered by hostname (case-insensitive), then asset id.
  virtual Result<AssetPage> list(const AssetQuery& query) = 0;

  // The full stored record with first_seen/last_seen as currently known.
  // Errors: "not_found", "storage".
  virtual Result<wire::AssetRecord> get(const std::string& asset_id) = 0;
};

}  // namespace steward::server
