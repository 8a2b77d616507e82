#include "collector/storage/asset_tables.h"

#include <map>

#include "collector/reconcile/identifiers.h"

namespace steward::collector::storage {

using steward::storage::Statement;

namespace {

Result<std::optional<std::string>> singleText(Result<Statement> stmt) {
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->text(0));
}

}  // namespace

Result<std::optional<std::string>> AssetTables::assetForReport(const std::string& report_id) {
  auto stmt = db_.prepare("SELECT asset_id FROM reports WHERE report_id = ?");
  if (stmt) stmt->bind(1, report_id);
  return singleText(std::move(stmt));
}

Result<void> AssetTables::recordReport(const std::string& report_id, const std::string& agent_id,
                                       const std::string& asset_id,
                                       const std::string& received_at) {
  auto stmt = db_.prepare(
      "INSERT INTO reports(report_id, agent_id, asset_id, received_at) VALUES (?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  return stmt->bind(1, report_id).bind(2, agent_id).bind(3, asset_id).bind(4, received_at).run();
}

Result<std::vector<reconcile::Candidate>> AssetTables::candidatesFor(
    const std::vector<wire::AssetIdentifier>& ids) {
  auto stmt = db_.prepare("SELECT asset_id FROM identifiers WHERE kind = ? AND value = ?");
  if (!stmt) return stmt.error();
  std::map<std::string, reconcile::Candidate> by_asset;
  for (const auto& id : ids) {
    stmt->reset();
    stmt->bind(1, id.kind).bind(2, id.value);
    auto rows = stmt->forEachRow([&](auto& row) {
      auto& candidate = by_asset[row.text(0)];
      candidate.asset_id = row.text(0);
      candidate.matched.push_back(id);
    });
    if (!rows) return rows.error();
  }
  std::vector<reconcile::Candidate> out;
  for (auto& [asset_id, candidate] : by_asset) out.push_back(std::move(candidate));
  return out;
}

Result<std::optional<AssetRow>> AssetTables::asset(const std::string& asset_id) {
  auto stmt = db_.prepare(
      "SELECT asset_id, first_seen, last_seen, updated_at, hostname FROM assets "
      "WHERE asset_id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, asset_id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<AssetRow>();
  return std::optional<AssetRow>(
      AssetRow{stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3), stmt->text(4)});
}

Result<void> AssetTables::saveAsset(const AssetRow& r) {
  auto stmt = db_.prepare(
      "INSERT INTO assets(asset_id, first_seen, last_seen, updated_at, hostname) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT(asset_id) DO UPDATE SET "
      "last_seen = excluded.last_seen, updated_at = excluded.updated_at, "
      "hostname = excluded.hostname");
  if (!stmt) return stmt.error();
  return stmt->bind(1, r.asset_id)
      .bind(2, r.first_seen)
      .bind(3, r.last_seen)
      .bind(4, r.updated_at)
      .bind(5, r.hostname)
      .run();
}

Result<void> AssetTables::touchLastSeen(const std::string& asset_id, const std::string& last_seen) {
  auto stmt = db_.prepare("UPDATE assets SET last_seen = ? WHERE asset_id = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, last_seen).bind(2, asset_id).run();
}

Result<std::vector<MovedIdentifier>> AssetTables::replaceIdentifiers(
    const std::string& asset_id, const std::vector<wire::AssetIdentifier>& ids) {
  auto drop = db_.prepare("DELETE FROM identifiers WHERE asset_id = ? AND kind != 'agent_id'");
  if (!drop) return drop.error();
  if (auto r = drop->bind(1, asset_id).run(); !r) return r.error();
  auto owners = db_.prepare(
      "SELECT asset_id FROM identifiers WHERE kind = ? AND value = ? AND asset_id != ?");
  if (!owners) return owners.error();
  auto take = db_.prepare("DELETE FROM identifiers WHERE kind = ? AND value = ? AND asset_id != ?");
  if (!take) return take.error();
  auto put = db_.prepare("INSERT OR IGNORE INTO identifiers(kind, value, asset_id) VALUES (?, ?, ?)");
  if (!put) return put.error();
  std::vector<MovedIdentifier> moved;
  for (const auto& id : ids) {
    if (reconcile::isStrongKind(id.kind)) {
      owners->reset();
      owners->bind(1, id.kind).bind(2, id.value).bind(3, asset_id);
      auto rows = owners->forEachRow([&](auto& row) { moved.push_back({id, row.text(0)}); });
      if (!rows) return rows.error();
      take->reset();
      if (auto r = take->bind(1, id.kind).bind(2, id.value).bind(3, asset_id).run(); !r) {
        return r.error();
      }
    }
    put->reset();
    if (auto r = put->bind(1, id.kind).bind(2, id.value).bind(3, asset_id).run(); !r) {
      return r.error();
    }
  }
  return moved;
}

Result<std::vector<SightingRow>> AssetTables::sightingsOf(const std::string& asset_id) {
  auto stmt = db_.prepare(
      "SELECT asset_id, source, agent_id, content_hash, report_json, seen_at FROM sightings "
      "WHERE asset_id = ? ORDER BY source");
  if (!stmt) return stmt.error();
  stmt->bind(1, asset_id);
  std::vector<SightingRow> out;
  auto rows = stmt->forEachRow([&](auto& row) {
    out.push_back(
        {row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)});
  });
  if (!rows) return rows.error();
  return out;
}

Result<std::optional<SightingRow>> AssetTables::sightingHead(const std::string& asset_id,
                                                             const std::string& source) {
  auto stmt = db_.prepare(
      "SELECT agent_id, content_hash, seen_at FROM sightings WHERE asset_id = ? AND source = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, asset_id).bind(2, source);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<SightingRow>();
  return std::optional<SightingRow>(
      SightingRow{asset_id, source, stmt->text(0), stmt->text(1), "", stmt->text(2)});
}

Result<std::optional<std::string>> AssetTables::sightingText(const std::string& asset_id,
                                                             const std::string& source) {
  auto stmt = db_.prepare("SELECT report_json FROM sightings WHERE asset_id = ? AND source = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, asset_id).bind(2, source);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->text(0));
}

Result<void> AssetTables::saveSighting(const SightingRow& r) {
  auto stmt = db_.prepare(
      "INSERT INTO sightings(asset_id, source, agent_id, content_hash, report_json, seen_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(asset_id, source) DO UPDATE SET "
      "agent_id = excluded.agent_id, content_hash = excluded.content_hash, "
      "report_json = excluded.report_json, seen_at = excluded.seen_at");
  if (!stmt) return stmt.error();
  return stmt->bind(1, r.asset_id)
      .bind(2, r.source)
      .bind(3, r.agent_id)
      .bind(4, r.content_hash)
      .bind(5, r.report_json)
      .bind(6, r.seen_at)
      .run();
}

Result<bool> AssetTables::isNonUnique(const wire::AssetIdentifier& id) {
  auto stmt = db_.prepare("SELECT 1 FROM non_unique WHERE kind = ? AND value = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, id.kind).bind(2, id.value).step();
}

Result<void> AssetTables::flagNonUnique(const wire::AssetIdentifier& id, const std::string& at,
                                        const std::string& evidence) {
  auto flag = db_.prepare(
      "INSERT OR IGNORE INTO non_unique(kind, value, flagged_at, evidence) VALUES (?, ?, ?, ?)");
  if (!flag) return flag.error();
  if (auto r = flag->bind(1, id.kind).bind(2, id.value).bind(3, at).bind(4, evidence).run(); !r) {
    return r;
  }
  auto drop = db_.prepare("DELETE FROM identifiers WHERE kind = ? AND value = ?");
  if (!drop) return drop.error();
  return drop->bind(1, id.kind).bind(2, id.value).run();
}

Result<std::vector<wire::AssetIdentifier>> AssetTables::identifiersOf(const std::string& asset_id) {
  // Strongest kinds first, then by value, so records are stable and easy to read.
  auto stmt = db_.prepare(
      "SELECT kind, value FROM identifiers WHERE asset_id = ? ORDER BY CASE kind "
      "WHEN 'serial' THEN 0 WHEN 'smbios_uuid' THEN 1 WHEN 'agent_id' THEN 2 "
      "WHEN 'mac' THEN 3 ELSE 4 END, value");
  if (!stmt) return stmt.error();
  stmt->bind(1, asset_id);
  std::vector<wire::AssetIdentifier> out;
  auto rows = stmt->forEachRow([&](auto& row) { out.push_back({row.text(0), row.text(1)}); });
  if (!rows) return rows.error();
  return out;
}

Result<std::optional<std::string>> AssetTables::assetForAgent(const std::string& agent_id) {
  auto stmt = db_.prepare("SELECT asset_id FROM agents WHERE agent_id = ?");
  if (stmt) stmt->bind(1, agent_id);
  return singleText(std::move(stmt));
}

Result<void> AssetTables::bindAgent(const std::string& agent_id, const std::string& asset_id,
                                    const std::string& at) {
  auto stmt = db_.prepare(
      "INSERT INTO agents(agent_id, asset_id, first_seen) VALUES (?, ?, ?) "
      "ON CONFLICT(agent_id) DO UPDATE SET asset_id = excluded.asset_id");
  if (!stmt) return stmt.error();
  return stmt->bind(1, agent_id).bind(2, asset_id).bind(3, at).run();
}

Result<void> AssetTables::recordDecision(const DecisionRow& d) {
  auto stmt = db_.prepare(
      "INSERT INTO decisions(asset_id, report_id, at, rule, evidence, action, source, "
      "other_asset_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  return stmt->bind(1, d.asset_id)
      .bind(2, d.report_id)
      .bind(3, d.at)
      .bind(4, d.rule)
      .bind(5, d.evidence)
      .bind(6, d.action)
      .bind(7, d.source)
      .bind(8, d.other_asset_id)
      .run();
}

Result<std::vector<DecisionRow>> AssetTables::decisionsFor(const std::string& asset_id) {
  auto stmt = db_.prepare(
      "SELECT asset_id, report_id, at, rule, evidence, action, source, other_asset_id "
      "FROM decisions WHERE asset_id = ? ORDER BY id");
  if (!stmt) return stmt.error();
  stmt->bind(1, asset_id);
  std::vector<DecisionRow> out;
  auto rows = stmt->forEachRow([&](auto& row) {
    out.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5),
                   row.text(6), row.optionalText(7)});
  });
  if (!rows) return rows.error();
  return out;
}

Result<std::int64_t> AssetTables::assetCount() {
  auto stmt = db_.prepare("SELECT COUNT(*) FROM assets");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return stmt->int64(0);
}

}  // namespace steward::collector::storage
