#pragma once

// What the collector keeps about each agent's deliveries (agent transport, schema
// 1.3), beside the asset tables:
//   agent_transport   per agent: the section hashes of its last stored inventory
//                     (heartbeats are compared with them), its last delivery sequence
//                     number and how many reports its spool dropped in total;
//   agent_deliveries  the recent inventories and heartbeats each agent delivered, in
//                     arrival order with their sequence numbers: heartbeat_id is the
//                     heartbeats' idempotency key, and the log shows (and tests check)
//                     that a spool drained exactly once, in order. The newest
//                     kKeptDeliveries per agent are kept (a few more between trims): an
//                     agent only ever resends its latest report, so older keys cannot
//                     come back.
// Created with CREATE ... IF NOT EXISTS when the database opens, like the credential
// table, so it needs no migration step of the asset schema; a column added since is
// added there too.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/common/result.h"
#include "shared/storage/sqlite_db.h"

namespace steward::collector::storage {

inline constexpr int kKeptDeliveries = 500;
// The log is trimmed back to kKeptDeliveries after this many of an agent's
// deliveries, so it holds at most kKeptDeliveries + kTrimDeliveriesEvery - 1 of them;
// deliveries() shows the newest kKeptDeliveries.
inline constexpr int kTrimDeliveriesEvery = 64;

struct DeliveryRow {
  std::string agent_id;
  std::string kind;     // "inventory" or "heartbeat"
  std::string item_id;  // report_id or heartbeat_id
  std::optional<std::int64_t> sequence;
  std::string sent_at;  // the agent's time (collected_at / sent_at)
  std::string received_at;
  std::uint64_t dropped_reports = 0;
};

struct AgentTransport {
  std::map<std::string, std::string> section_hashes;
  std::optional<std::int64_t> last_sequence;
  std::uint64_t dropped_reports_total = 0;
  std::optional<std::string> last_dropped_at;
};

class AgentTransportTables {
 public:
  explicit AgentTransportTables(steward::storage::SqliteDb& db) : db_(db) {}

  static Result<void> prepare(steward::storage::SqliteDb& db);

  Result<bool> heartbeatKnown(const std::string& heartbeat_id);
  // Appends to the log (trimming it to kKeptDeliveries for that agent every
  // kTrimDeliveriesEvery deliveries), moves the agent's last sequence and adds its
  // dropped count; an inventory's delivery also stores its `section_hashes` (what the
  // agent's next heartbeats are checked against), in the same update of the agent's
  // row.
  Result<void> recordDelivery(const DeliveryRow& row,
                              const std::map<std::string, std::string>* section_hashes = nullptr);
  // Defaults (no hashes, nothing dropped) for an agent never seen.
  Result<AgentTransport> transportOf(const std::string& agent_id);
  // The agent's newest kKeptDeliveries deliveries, oldest first.
  Result<std::vector<DeliveryRow>> deliveries(const std::string& agent_id);

 private:
  steward::storage::SqliteDb& db_;
};

}  // namespace steward::collector::storage
