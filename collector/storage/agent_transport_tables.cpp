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

Result<void> ensureAgent(steward::storage::SqliteDb& db, const std::string& agent_id) {
  auto stmt = db.prepare("INSERT OR IGNORE INTO agent_transport(agent_id) VALUES (?)");
  if (!stmt) return stmt.error();
  return stmt->bind(1, agent_id).run();
}

}  // namespace

Result<void> AgentTransportTables::prepare(steward::storage::SqliteDb& db) {
  return db.exec(R"sql(
CREATE TABLE IF NOT EXISTS agent_transport (
  agent_id              TEXT PRIMARY KEY,
  section_hashes        TEXT NOT NULL DEFAULT '',
  last_sequence         INTEGER,
  dropped_reports_total INTEGER NOT NULL DEFAULT 0,
  last_dropped_at       TEXT
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
  insert->bind(1, row.agent_id).bind(2, row.kind).bind(3, row.item_id);
  if (row.sequence) {
    insert->bind(4, *row.sequence);
  } else {
    insert->bindNull(4);
  }
  insert->bind(5, row.sent_at)
      .bind(6, row.received_at)
      .bind(7, static_cast<std::int64_t>(row.dropped_reports));
  if (auto r = insert->run(); !r) return r;

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

  if (auto r = ensureAgent(db_, row.agent_id); !r) return r;
  auto update = db_.prepare(
      "UPDATE agent_transport SET last_sequence = COALESCE(?, last_sequence), "
      "dropped_reports_total = dropped_reports_total + ?, "
      "last_dropped_at = CASE WHEN ? > 0 THEN ? ELSE last_dropped_at END, "
      "section_hashes = COALESCE(?, section_hashes) WHERE agent_id = ?");
  if (!update) return update.error();
  if (row.sequence) {
    update->bind(1, *row.sequence);
  } else {
    update->bindNull(1);
  }
  const auto dropped = static_cast<std::int64_t>(row.dropped_reports);
  update->bind(2, dropped).bind(3, dropped).bind(4, row.received_at);
  if (section_hashes != nullptr) {
    update->bind(5, hashesText(*section_hashes));
  } else {
    update->bindNull(5);
  }
  return update->bind(6, row.agent_id).run();
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
      "SELECT agent_id, kind, item_id, sequence, sent_at, received_at, dropped_reports "
      "FROM agent_deliveries WHERE agent_id = ? ORDER BY id");
  if (!stmt) return stmt.error();
  stmt->bind(1, agent_id);
  std::vector<DeliveryRow> out;
  auto done = stmt->forEachRow([&](const steward::storage::Statement& s) {
    DeliveryRow row{s.text(0), s.text(1), s.text(2), std::nullopt, s.text(4), s.text(5),
                    static_cast<std::uint64_t>(s.int64(6))};
    if (!s.isNull(3)) row.sequence = s.int64(3);
    out.push_back(std::move(row));
  });
  if (!done) return done.error();
  return out;
}

}  // namespace steward::collector::storage
