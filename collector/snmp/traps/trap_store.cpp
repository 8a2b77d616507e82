#include "collector/snmp/traps/trap_store.h"

#include <boost/json.hpp>

namespace steward::collector::snmp::traps {

namespace json = boost::json;

std::string varbindsToJson(const std::vector<TrapVarbind>& varbinds) {
  json::array out;
  for (const TrapVarbind& vb : varbinds) {
    out.push_back(json::object{{"oid", vb.oid}, {"type", vb.type}, {"value", vb.value}});
  }
  return json::serialize(out);
}

std::vector<TrapVarbind> varbindsFromJson(const std::string& text) {
  std::vector<TrapVarbind> out;
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec || !doc.is_array()) return out;
  for (const json::value& v : doc.as_array()) {
    if (!v.is_object()) continue;
    const json::object& o = v.as_object();
    auto field = [&](const char* key) {
      const json::value* f = o.if_contains(key);
      return f && f->is_string() ? std::string(f->as_string()) : std::string();
    };
    out.push_back({field("oid"), field("type"), field("value")});
  }
  return out;
}

Result<void> TrapStore::prepare(storage::CollectorDb& db) {
  return db.transact([](steward::storage::SqliteDb& sql) {
    return sql.exec(
        "CREATE TABLE IF NOT EXISTS trap_events ("
        " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        " event_id TEXT NOT NULL UNIQUE,"
        " received_at TEXT NOT NULL,"
        " asset_id TEXT,"
        " source TEXT NOT NULL,"
        " version TEXT NOT NULL,"
        " inform INTEGER NOT NULL,"
        " security_name TEXT NOT NULL,"
        " trap_oid TEXT NOT NULL,"
        " uptime INTEGER,"
        " enterprise TEXT NOT NULL,"
        " agent_address TEXT NOT NULL,"
        " subject TEXT NOT NULL,"
        " interface_name TEXT NOT NULL,"
        " truncated INTEGER NOT NULL,"
        " varbinds TEXT NOT NULL);"
        "CREATE INDEX IF NOT EXISTS trap_events_by_time ON trap_events(received_at);"
        "CREATE INDEX IF NOT EXISTS trap_events_by_asset ON trap_events(asset_id, seq);");
  });
}

Result<void> TrapStore::add(const TrapEvent& e) {
  auto done = db_.transact([&](steward::storage::SqliteDb& sql) -> Result<void> {
    auto stmt = sql.prepare(
        "INSERT OR IGNORE INTO trap_events(event_id, received_at, asset_id, source, version,"
        " inform, security_name, trap_oid, uptime, enterprise, agent_address, subject,"
        " interface_name, truncated, varbinds)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt) return stmt.error();
    stmt->bind(1, e.event_id)
        .bind(2, e.received_at)
        .bind(3, e.asset_id)
        .bind(4, e.source_address)
        .bind(5, e.version)
        .bind(6, std::int64_t{e.inform ? 1 : 0})
        .bind(7, e.security_name)
        .bind(8, e.trap_oid);
    if (e.uptime_hundredths) {
      stmt->bind(9, static_cast<std::int64_t>(*e.uptime_hundredths));
    } else {
      stmt->bindNull(9);
    }
    stmt->bind(10, e.enterprise)
        .bind(11, e.agent_address)
        .bind(12, e.subject)
        .bind(13, e.interface_name)
        .bind(14, std::int64_t{e.truncated ? 1 : 0})
        .bind(15, varbindsToJson(e.varbinds));
    return stmt->run();
  });
  if (!done) return done;
  if (++inserts_since_prune_ >= kPruneEvery) {
    inserts_since_prune_ = 0;
    return prune();
  }
  return {};
}

Result<void> TrapStore::prune() {
  const std::string cutoff = formatRfc3339(clock_.now() - retention_.max_age);
  return db_.transact([&](steward::storage::SqliteDb& sql) -> Result<void> {
    auto old = sql.prepare("DELETE FROM trap_events WHERE received_at < ?");
    if (!old) return old.error();
    if (auto r = old->bind(1, cutoff).run(); !r) return r;
    auto excess = sql.prepare(
        "DELETE FROM trap_events WHERE seq <= "
        "(SELECT seq FROM trap_events ORDER BY seq DESC LIMIT 1 OFFSET ?)");
    if (!excess) return excess.error();
    return excess->bind(1, retention_.max_events).run();
  });
}

Result<std::vector<TrapEvent>> TrapStore::recent(std::int64_t limit) {
  std::vector<TrapEvent> out;
  auto done = db_.read([&](steward::storage::SqliteDb& sql) -> Result<void> {
    auto stmt = sql.prepare(
        "SELECT event_id, received_at, asset_id, source, version, inform, security_name,"
        " trap_oid, uptime, enterprise, agent_address, subject, interface_name, truncated,"
        " varbinds FROM trap_events ORDER BY seq DESC LIMIT ?");
    if (!stmt) return stmt.error();
    stmt->bind(1, limit);
    return stmt->forEachRow([&](steward::storage::Statement& row) {
      TrapEvent e;
      e.event_id = row.text(0);
      e.received_at = row.text(1);
      e.asset_id = row.optionalText(2);
      e.source_address = row.text(3);
      e.version = row.text(4);
      e.inform = row.int64(5) != 0;
      e.security_name = row.text(6);
      e.trap_oid = row.text(7);
      if (!row.isNull(8)) e.uptime_hundredths = static_cast<std::uint32_t>(row.int64(8));
      e.enterprise = row.text(9);
      e.agent_address = row.text(10);
      e.subject = row.text(11);
      e.interface_name = row.text(12);
      e.truncated = row.int64(13) != 0;
      e.varbinds = varbindsFromJson(row.text(14));
      out.push_back(std::move(e));
    });
  });
  if (!done) return done.error();
  return out;
}

Result<std::int64_t> TrapStore::count() {
  std::int64_t n = 0;
  auto done = db_.read([&](steward::storage::SqliteDb& sql) -> Result<void> {
    auto stmt = sql.prepare("SELECT COUNT(*) FROM trap_events");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    n = stmt->int64(0);
    return {};
  });
  if (!done) return done.error();
  return n;
}

}  // namespace steward::collector::snmp::traps
