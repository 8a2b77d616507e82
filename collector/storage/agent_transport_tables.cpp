#include "collector/storage/agent_transport_tables.h"

#include <sstream>

namespace steward::collector::storage {

namespace {

// "name=hash" lines, sorted by name (std::map order): stable text for equal maps.
std::string hashesText(const std::map<std::string, std::string>& hashes) {
  std::string out;
  for (const auto& [name, hash] : hashes) out += name + "=" + hash + "\n";
  return out;
}

std::map<std::string, std::string> hashesFrom(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

}  // namespace

Result<void> AgentTransportTables::prepare(steward::storage::SqliteDb& db) {
  if (auto r = db.exec(R"sql(
CREATE TABLE IF NOT EXISTS agent_transport (
  agent_id              TEXT PRIMARY KEY,
  section_hashes        TEXT NOT NULL DEFAULT '',
  last_sequence         INTEGER,
  dropped_reports_total INTEGER NOT NULL DEFAULT 0,
  last_dropped_at       TEXT,
  untrimmed_deliveries  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS agent_deliveries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  agent_id        TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('inventory', 'heartbeat')),
  item_id         TEXT NOT NULL UNIQUE,
  sequence        INTEGER,
  sent_at         TEXT NOT NULL,
  received_at     TEXT NOT NULL,
  dropped_reports INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS agent_deliveries_by_agent ON agent_deliveries(agent_id, id);
)sql");
      !r) {
    return r;
  }
  // A table made before deliveries were trimmed in steps lacks the counter.
  bool has_counter = false;
  {
    auto stmt = db.prepare(
        "SELECT count(*) FROM pragma_table_info('agent_transport') "
        "WHERE name = 'untrimmed_deliveries'");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    has_counter = *row && stmt->int64(0) > 0;
  }
  if (has_counter) return {};
  return db.exec(
      "ALTER TABLE agent_transport ADD COLUMN untrimmed_deliveries INTEGER NOT NULL DEFAULT 0");
}

Result<bool> AgentTransportTables::heartbeatKnown(const std::string& heartbeat_id) {
  auto stmt =
      db_.prepare("SELECT 1 FROM agent_deliveries WHERE kind = 'heartbeat' AND item_id = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, heartbeat_id).step();
}

Result<void> AgentTransportTables::recordDelivery(
    const DeliveryRow& row, const std::map<std::string, std::string>* section_hashes) {
  auto insert = db_.prepare(
      "INSERT INTO agent_deliveries(agent_id, kind, item_id, sequence, sent_at, received_at, "
      "dropped_reports) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!insert) return insert.error();
  insert->bind(1, row.agent_id)
      .bind(2, row.kind)
      .bind(3, row.item_id)
      .bind(4, row.sequence)
      .bind(5, row.sent_at)
      .bind(6, row.received_at)
      .bind(7, static_cast<std::int64_t>(row.dropped_reports));
  if (auto r = insert->run(); !r) return r;

  // The agent's row, made on its first delivery, in one statement.
  auto upsert = db_.prepare(
      "INSERT INTO agent_transport(agent_id, last_sequence, dropped_reports_total, "
      "last_dropped_at, section_hashes, untrimmed_deliveries) "
      "VALUES (?1, ?2, ?3, CASE WHEN ?3 > 0 THEN ?4 END, coalesce(?5, ''), 1) "
      "ON CONFLICT(agent_id) DO UPDATE SET "
      "last_sequence = coalesce(excluded.last_sequence, last_sequence), "
      "dropped_reports_total = dropped_reports_total + excluded.dropped_reports_total, "
      "last_dropped_at = coalesce(excluded.last_dropped_at, last_dropped_at), "
      "section_hashes = coalesce(?5, section_hashes), "
      "untrimmed_deliveries = untrimmed_deliveries + 1 "
      "RETURNING untrimmed_deliveries");
  if (!upsert) return upsert.error();
  upsert->bind(1, row.agent_id)
      .bind(2, row.sequence)
      .bind(3, static_cast<std::int64_t>(row.dropped_reports))
      .bind(4, row.received_at)
      .bind(5,
            section_hashes != nullptr ? std::optional(hashesText(*section_hashes)) : std::nullopt);
  auto counted = upsert->step();
  if (!counted) return counted.error();
  const std::int64_t untrimmed = *counted ? upsert->int64(0) : 0;
  if (untrimmed < kTrimDeliveriesEvery) return {};

  // Trimmed now and then rather than per delivery: the trim walks the agent's newest
  // kKeptDeliveries index entries, which a full log makes as costly as the rest of
  // the report.
  auto trim = db_.prepare(
      "DELETE FROM agent_deliveries WHERE agent_id = ? AND id <= (SELECT id FROM "
      "agent_deliveries WHERE agent_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)");
  if (!trim) return trim.error();
  if (auto r = trim->bind(1, row.agent_id)
                   .bind(2, row.agent_id)
                   .bind(3, std::int64_t{kKeptDeliveries})
                   .run();
      !r) {
    return r;
  }
  auto reset =
      db_.prepare("UPDATE agent_transport SET untrimmed_deliveries = 0 WHERE agent_id = ?");
  if (!reset) return reset.error();
  return reset->bind(1, row.agent_id).run();
}

Result<AgentTransport> AgentTransportTables::transportOf(const std::string& agent_id) {
  auto stmt = db_.prepare(
      "SELECT section_hashes, last_sequence, dropped_reports_total, last_dropped_at "
      "FROM agent_transport WHERE agent_id = ?");
  if (!stmt) return stmt.error();
  auto row = stmt->bind(1, agent_id).step();
  if (!row) return row.error();
  AgentTransport out;
  if (!*row) return out;
  out.section_hashes = hashesFrom(stmt->text(0));
  if (!stmt->isNull(1)) out.last_sequence = stmt->int64(1);
  out.dropped_reports_total = static_cast<std::uint64_t>(stmt->int64(2));
  out.last_dropped_at = stmt->optionalText(3);
  return out;
}

Result<std::vector<DeliveryRow>> AgentTransportTables::deliveries(const std::string& agent_id) {
  auto stmt = db_.prepare(
      "SELECT * FROM (SELECT agent_id, kind, item_id, sequence, sent_at, received_at, "
      "dropped_reports, id FROM agent_deliveries WHERE agent_id = ? ORDER BY id DESC LIMIT ?) "
      "ORDER BY id");
  if (!stmt) return stmt.error();
  stmt->bind(1, agent_id).bind(2, std::int64_t{kKeptDeliveries});
  std::vector<DeliveryRow> out;
  auto done = stmt->forEachRow([&](const steward::storage::Statement& s) {
    DeliveryRow row{s.text(0),
                    s.text(1),
                    s.text(2),
                    std::nullopt,
                    s.text(4),
                    s.text(5),
                    static_cast<std::uint64_t>(s.int64(6))};
    if (!s.isNull(3)) row.sequence = s.int64(3);
    out.push_back(std::move(row));
  });
  if (!done) return done.error();
  return out;
}

}  // namespace steward::collector::storage
