#pragma once

// Where the server keeps what collectors say about how each asset came to be
// (reconciliation decisions) and how it changed (detected changes). Writes are
// idempotent twice over: a batch's event id is applied once, and each decision and
// change is stored once by its own id.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/asset_repository.h"
#include "shared/common/result.h"
#include "shared/wire/asset_history.h"

namespace steward::server {

struct ChangeQuery {
  std::uint32_t page = 1;  // 1-based
  std::uint32_t per_page = 50;
  // Empty: every kind. A change kind ("software_added") matches exactly; a category
  // ("software", "hardware", "ip", "mac", "hostname", "os") matches its kinds.
  std::string kind;
};

struct ChangePage {
  std::vector<wire::DetectedChange> items;  // newest first
  std::uint64_t total = 0;                  // matching changes over all pages
};

class AssetHistoryRepository {
 public:
  virtual ~AssetHistoryRepository() = default;

  // Stores every decision and change of `history`. Errors "invalid_field" (an id
  // that is not a UUID, a time that is not RFC 3339), "storage".
  virtual Result<WriteOutcome> storeHistory(const wire::AssetHistory& history) = 0;

  // Every decision about `asset_id`, oldest first (as they happened).
  virtual Result<std::vector<wire::ReconcileDecision>> decisions(const std::string& asset_id) = 0;

  virtual Result<ChangePage> changes(const std::string& asset_id, const ChangeQuery& query) = 0;
};

}  // namespace steward::server
