#pragma once

// The durable outbox: what the collector still owes the server. Items leave only when
// the server acknowledged them; items the server refused for good are parked
// ("failed") and kept for an operator to look at.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::collector::storage {

inline constexpr const char* kOutboxAsset = "asset";  // payload: AssetRecord JSON
// payload: AssetRecord JSON with "inventory":null; the inventory is the asset's agent
// sighting, put in when sent (outbox_payload.h). A new agent asset's record: its 86 KB
// inventory is then written once, as the sighting, not twice.
inline constexpr const char* kOutboxAssetOfSighting = "asset_of_sighting";
inline constexpr const char* kOutboxSeen = "seen";  // payload: AssetSeen JSON
// payload: AssetHistory JSON (decisions and changes without a new asset record)
inline constexpr const char* kOutboxHistory = "history";
inline constexpr const char* kOutboxIncident = "incident";  // payload: IncidentEvent JSON

struct OutboxItem {
  std::int64_t seq = 0;  // delivery order
  std::string kind;
  std::string asset_id;
  std::string event_id;  // idempotency key on the server
  std::string payload;
  std::string created_at;
  std::int64_t attempts = 0;
  std::int64_t next_attempt_ms = 0;  // Unix ms; not sent before this
  std::string state = "pending";     // "pending" or "failed"
  std::string last_error;
};

// A new pending item with what every enqueuer fills in.
inline OutboxItem newOutboxItem(const char* kind, std::string asset_id, std::string event_id,
                                std::string payload, std::string created_at) {
  OutboxItem item;
  item.kind = kind;
  item.asset_id = std::move(asset_id);
  item.event_id = std::move(event_id);
  item.payload = std::move(payload);
  item.created_at = std::move(created_at);
  return item;
}

class OutboxTable {
 public:
  explicit OutboxTable(steward::storage::SqliteDb& db) : db_(db) {}

  // Appends `item` (seq, attempts and state are assigned here).
  Result<void> enqueue(const OutboxItem& item);
  // Appends a "seen" item, or rewrites the asset's pending one with it (new event id
  // and payload): only the latest sighting is worth sending.
  Result<void> enqueueSeen(const OutboxItem& item);

  // When the oldest pending item may be sent (Unix ms), or nullopt when none is
  // pending. Cheap: reads no payload.
  Result<std::optional<std::int64_t>> headDueMs();
  // Up to `limit` pending items, oldest first.
  Result<std::vector<OutboxItem>> pending(int limit);
  // Every item, any state, oldest first (for tests and diagnostics).
  Result<std::vector<OutboxItem>> all();

  // Removes a delivered item, unless it was rewritten since it was read (a "seen"
  // refreshed while in flight: its newer event is still to be sent).
  Result<void> remove(std::int64_t seq, const std::string& event_id);
  Result<void> reschedule(std::int64_t seq, std::int64_t next_attempt_ms, const std::string& error);
  Result<void> park(std::int64_t seq, const std::string& error);

 private:
  Result<std::vector<OutboxItem>> select(const std::string& where, int limit);
  steward::storage::SqliteDb& db_;
};

}  // namespace steward::collector::storage
