#include "collector/rules/condition_store.h"

#include <sstream>

namespace steward::collector::rules {

namespace {

std::string joinTimes(const std::vector<std::int64_t>& times) {
  std::string out;
  for (std::int64_t t : times) out += (out.empty() ? "" : ",") + std::to_string(t);
  return out;
}

std::vector<std::int64_t> splitTimes(const std::string& text) {
  std::vector<std::int64_t> out;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) out.push_back(std::stoll(part));
  }
  return out;
}

void bindOptional(steward::storage::Statement& stmt, int index, std::optional<std::int64_t> v) {
  if (v) {
    stmt.bind(index, *v);
  } else {
    stmt.bindNull(index);
  }
}

}  // namespace

Result<void> ConditionStore::prepare(storage::CollectorDb& db) {
  return db.transact([](steward::storage::SqliteDb& sql) {
    return sql.exec(R"sql(
CREATE TABLE IF NOT EXISTS rule_conditions (
  asset_id         TEXT NOT NULL,
  rule_id          TEXT NOT NULL,
  subject          TEXT NOT NULL,
  active           INTEGER NOT NULL,
  incident_open    INTEGER NOT NULL,
  pending_since_ms INTEGER,
  last_sent_ms     INTEGER NOT NULL,
  last_fault_ms    INTEGER NOT NULL,
  cleared_at_ms    INTEGER,
  changes_ms       TEXT NOT NULL,
  flapping         INTEGER NOT NULL,
  linked_to        TEXT NOT NULL,
  evidence         TEXT NOT NULL,
  title            TEXT NOT NULL,
  PRIMARY KEY (asset_id, rule_id, subject)
);
CREATE TABLE IF NOT EXISTS rule_liveness (
  asset_id          TEXT PRIMARY KEY,
  last_heartbeat_ms INTEGER,
  hostname          TEXT NOT NULL,
  cpu_threads       INTEGER
);
CREATE TABLE IF NOT EXISTS rule_components (
  asset_id    TEXT NOT NULL,
  component   TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (asset_id, component)
);
CREATE TABLE IF NOT EXISTS rule_port_names (
  asset_id TEXT NOT NULL,
  if_index INTEGER NOT NULL,
  name     TEXT NOT NULL,
  alias    TEXT,
  PRIMARY KEY (asset_id, if_index)
);
)sql");
  });
}

Result<std::vector<Condition>> ConditionStore::conditions() {
  auto stmt = db_.prepare(
      "SELECT asset_id, rule_id, subject, active, incident_open, pending_since_ms, last_sent_ms, "
      "last_fault_ms, cleared_at_ms, changes_ms, flapping, linked_to, evidence, title "
      "FROM rule_conditions");
  if (!stmt) return stmt.error();
  std::vector<Condition> out;
  auto rows = stmt->forEachRow([&](auto& row) {
    Condition c;
    c.key = ConditionKey{row.text(0), row.text(1), row.text(2)};
    c.active = row.int64(3) != 0;
    c.incident_open = row.int64(4) != 0;
    if (!row.isNull(5)) c.pending_since_ms = row.int64(5);
    c.last_sent_ms = row.int64(6);
    c.last_fault_ms = row.int64(7);
    if (!row.isNull(8)) c.cleared_at_ms = row.int64(8);
    c.changes_ms = splitTimes(row.text(9));
    c.flapping = row.int64(10) != 0;
    c.linked_to = row.text(11);
    c.evidence = row.text(12);
    c.title = row.text(13);
    out.push_back(std::move(c));
  });
  if (!rows) return rows.error();
  return out;
}

Result<void> ConditionStore::save(const Condition& c) {
  auto stmt = db_.prepare(
      "INSERT OR REPLACE INTO rule_conditions (asset_id, rule_id, subject, active, "
      "incident_open, pending_since_ms, last_sent_ms, last_fault_ms, cleared_at_ms, changes_ms, "
      "flapping, linked_to, evidence, title) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, c.key.asset_id)
      .bind(2, c.key.rule_id)
      .bind(3, c.key.subject)
      .bind(4, std::int64_t{c.active})
      .bind(5, std::int64_t{c.incident_open});
  bindOptional(*stmt, 6, c.pending_since_ms);
  stmt->bind(7, c.last_sent_ms).bind(8, c.last_fault_ms);
  bindOptional(*stmt, 9, c.cleared_at_ms);
  return stmt->bind(10, joinTimes(c.changes_ms))
      .bind(11, std::int64_t{c.flapping})
      .bind(12, c.linked_to)
      .bind(13, c.evidence)
      .bind(14, c.title)
      .run();
}

Result<void> ConditionStore::remove(const ConditionKey& key) {
  auto stmt =
      db_.prepare("DELETE FROM rule_conditions WHERE asset_id = ? AND rule_id = ? AND subject = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, key.asset_id).bind(2, key.rule_id).bind(3, key.subject).run();
}

Result<std::map<std::string, Liveness>> ConditionStore::liveness() {
  auto stmt =
      db_.prepare("SELECT asset_id, last_heartbeat_ms, hostname, cpu_threads FROM rule_liveness");
  if (!stmt) return stmt.error();
  std::map<std::string, Liveness> out;
  auto rows = stmt->forEachRow([&](auto& row) {
    Liveness l;
    if (!row.isNull(1)) l.last_heartbeat_ms = row.int64(1);
    l.hostname = row.text(2);
    if (!row.isNull(3)) l.cpu_threads = static_cast<int>(row.int64(3));
    out.emplace(row.text(0), std::move(l));
  });
  if (!rows) return rows.error();
  return out;
}

Result<void> ConditionStore::saveLiveness(const std::string& asset_id, const Liveness& l) {
  auto stmt = db_.prepare(
      "INSERT OR REPLACE INTO rule_liveness (asset_id, last_heartbeat_ms, hostname, cpu_threads) "
      "VALUES (?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  stmt->bind(1, asset_id);
  bindOptional(*stmt, 2, l.last_heartbeat_ms);
  stmt->bind(3, l.hostname);
  bindOptional(*stmt, 4,
               l.cpu_threads ? std::optional<std::int64_t>(*l.cpu_threads) : std::nullopt);
  return stmt->run();
}

Result<std::map<std::string, std::string>> ConditionStore::components(const std::string& asset_id) {
  auto stmt = db_.prepare("SELECT component, description FROM rule_components WHERE asset_id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, asset_id);
  std::map<std::string, std::string> out;
  auto rows = stmt->forEachRow([&](auto& row) { out.emplace(row.text(0), row.text(1)); });
  if (!rows) return rows.error();
  return out;
}

Result<void> ConditionStore::replaceComponents(
    const std::string& asset_id, const std::map<std::string, std::string>& components) {
  auto drop = db_.prepare("DELETE FROM rule_components WHERE asset_id = ?");
  if (!drop) return drop.error();
  if (auto r = drop->bind(1, asset_id).run(); !r) return r;
  for (const auto& [component, description] : components) {
    auto insert = db_.prepare(
        "INSERT INTO rule_components (asset_id, component, description) VALUES (?, ?, ?)");
    if (!insert) return insert.error();
    if (auto r = insert->bind(1, asset_id).bind(2, component).bind(3, description).run(); !r) {
      return r;
    }
  }
  return {};
}

Result<std::map<std::string, std::vector<PortState>>> ConditionStore::portNames() {
  auto stmt = db_.prepare(
      "SELECT asset_id, if_index, name, alias FROM rule_port_names ORDER BY asset_id, if_index");
  if (!stmt) return stmt.error();
  std::map<std::string, std::vector<PortState>> out;
  auto rows = stmt->forEachRow([&](auto& row) {
    PortState p;
    p.index = static_cast<std::uint32_t>(row.int64(1));
    p.name = row.text(2);
    if (!row.isNull(3)) p.alias = row.text(3);
    out[row.text(0)].push_back(std::move(p));
  });
  if (!rows) return rows.error();
  return out;
}

Result<void> ConditionStore::replacePortNames(const std::string& asset_id,
                                              const std::vector<PortState>& ports) {
  auto drop = db_.prepare("DELETE FROM rule_port_names WHERE asset_id = ?");
  if (!drop) return drop.error();
  if (auto r = drop->bind(1, asset_id).run(); !r) return r;
  for (const auto& port : ports) {
    auto insert = db_.prepare(
        "INSERT OR REPLACE INTO rule_port_names (asset_id, if_index, name, alias) "
        "VALUES (?, ?, ?, ?)");
    if (!insert) return insert.error();
    if (auto r = insert->bind(1, asset_id)
                     .bind(2, std::int64_t{port.index})
                     .bind(3, port.name)
                     .bind(4, port.alias)
                     .run();
        !r) {
      return r;
    }
  }
  return {};
}

}  // namespace steward::collector::rules
