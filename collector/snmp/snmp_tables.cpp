#include "collector/snmp/snmp_tables.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "shared/wire/network_device_codec.h"

namespace steward::collector::snmp {

Result<void> ensureSnmpTables(steward::storage::SqliteDb& db) {
  return db.exec(R"sql(
CREATE TABLE IF NOT EXISTS snmp_devices (
  asset_id    TEXT PRIMARY KEY,
  address     TEXT NOT NULL,
  device_json TEXT NOT NULL,
  polled_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snmp_links (
  endpoint_asset_id TEXT PRIMARY KEY,
  switch_asset_id   TEXT NOT NULL,
  port              TEXT NOT NULL,
  vlan              INTEGER,
  seen_at           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS snmp_links_by_switch ON snmp_links(switch_asset_id);
)sql");
}

Result<void> SnmpTables::saveDevice(const std::string& asset_id,
                                    const wire::NetworkDevice& device,
                                    const std::string& polled_at) {
  auto stmt = db_.prepare(
      "INSERT INTO snmp_devices(asset_id, address, device_json, polled_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(asset_id) DO UPDATE SET address = excluded.address, "
      "device_json = excluded.device_json, polled_at = excluded.polled_at");
  if (!stmt) return stmt.error();
  return stmt->bind(1, asset_id)
      .bind(2, device.address)
      .bind(3, boost::json::serialize(wire::detail::encodeNetworkDevice(device)))
      .bind(4, polled_at)
      .run();
}

Result<std::optional<wire::NetworkDevice>> SnmpTables::device(const std::string& asset_id) {
  auto stmt = db_.prepare("SELECT device_json FROM snmp_devices WHERE asset_id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, asset_id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<wire::NetworkDevice>();
  try {
    const auto value = boost::json::parse(stmt->text(0));
    return std::optional<wire::NetworkDevice>(
        wire::detail::decodeNetworkDevice(wire::detail::ObjectReader(value, "$")));
  } catch (const wire::detail::DecodeFailure& failure) {
    return makeError("corrupt_row", "snmp_devices row of " + asset_id + ": " + failure.message);
  } catch (const std::exception& e) {
    return makeError("corrupt_row", "snmp_devices row of " + asset_id + ": " + e.what());
  }
}

Result<void> SnmpTables::saveLink(const std::string& endpoint_asset_id,
                                  const wire::PortLink& link, const std::string& seen_at) {
  auto stmt = db_.prepare(
      "INSERT INTO snmp_links(endpoint_asset_id, switch_asset_id, port, vlan, seen_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT(endpoint_asset_id) DO UPDATE SET "
      "switch_asset_id = excluded.switch_asset_id, port = excluded.port, "
      "vlan = excluded.vlan, seen_at = excluded.seen_at");
  if (!stmt) return stmt.error();
  stmt->bind(1, endpoint_asset_id).bind(2, link.asset_id).bind(3, link.port);
  if (link.vlan) {
    stmt->bind(4, static_cast<std::int64_t>(*link.vlan));
  } else {
    stmt->bindNull(4);
  }
  return stmt->bind(5, seen_at).run();
}

Result<std::optional<wire::PortLink>> SnmpTables::link(const std::string& endpoint_asset_id) {
  auto stmt = db_.prepare(
      "SELECT switch_asset_id, port, vlan FROM snmp_links WHERE endpoint_asset_id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, endpoint_asset_id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<wire::PortLink>();
  wire::PortLink link{stmt->text(0), stmt->text(1), std::nullopt};
  if (!stmt->isNull(2)) link.vlan = static_cast<std::uint32_t>(stmt->int64(2));
  return std::optional<wire::PortLink>(std::move(link));
}

Result<std::vector<std::string>> SnmpTables::endpointsOf(const std::string& switch_asset_id,
                                                         const std::string& seen_before) {
  // seen_at values share one fixed-width RFC 3339 format, so text order is time order.
  auto stmt = db_.prepare(
      "SELECT endpoint_asset_id FROM snmp_links WHERE switch_asset_id = ? AND seen_at < ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, switch_asset_id).bind(2, seen_before);
  std::vector<std::string> out;
  auto done = stmt->forEachRow([&](steward::storage::Statement& s) { out.push_back(s.text(0)); });
  if (!done) return done.error();
  return out;
}

Result<void> SnmpTables::dropLink(const std::string& endpoint_asset_id) {
  auto stmt = db_.prepare("DELETE FROM snmp_links WHERE endpoint_asset_id = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, endpoint_asset_id).run();
}

}  // namespace steward::collector::snmp
