#include "server/storage/sqlite/sqlite_asset_repository.h"

#include <algorithm>
#include <cctype>

#include "server/storage/asset_summary.h"
#include "server/storage/sqlite/asset_schema.h"
#include "shared/common/id.h"
#include "shared/wire/json_codec.h"
#include "shared/common/text.h"

namespace steward::server {

namespace {

constexpr std::size_t kMaxEventIdLength = 200;

// Rewrites an RFC 3339 timestamp in the one form we store (UTC, milliseconds), so
// that comparing the text compares the times.
Result<std::string> normalizeTime(const std::string& field, const std::string& text) {
  auto parsed = parseRfc3339(text);
  if (!parsed) {
    return makeError("invalid_field", "$." + field + ": '" + text + "' is not an RFC 3339 time");
  }
  return formatRfc3339(*parsed);
}

Result<void> checkIds(const std::string& event_id, const std::string& asset_id) {
  if (event_id.empty() || event_id.size() > kMaxEventIdLength) {
    return makeError("invalid_field",
                     "$.event_id: must be 1.." + std::to_string(kMaxEventIdLength) + " characters");
  }
  if (!isUuid(asset_id)) {
    return makeError("invalid_field", "$.asset_id: '" + asset_id + "' is not a UUID");
  }
  return {};
}

// The LIKE pattern for a case-insensitive substring search, wildcards escaped.
std::string likePattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

std::optional<std::string> nonEmpty(std::optional<std::string> v) {
  return v && !v->empty() ? v : std::nullopt;
}

}  // namespace

Result<std::unique_ptr<SqliteAssetRepository>> SqliteAssetRepository::open(const std::string& path,
                                                                           const Clock& clock) {
  auto db = storage::SqliteDb::open(path);
  if (!db) return db.error();
  if (auto migrated = migrateAssetSchema(**db); !migrated) {
    return makeError(migrated.error().code, path + ": " + migrated.error().message);
  }
  return std::unique_ptr<SqliteAssetRepository>(new SqliteAssetRepository(std::move(*db), clock));
}

Result<bool> SqliteAssetRepository::eventProcessed(const std::string& event_id) {
  auto stmt = db_->prepare("SELECT 1 FROM processed_events WHERE event_id = ?1");
  if (!stmt) return stmt.error();
  return stmt->bind(1, event_id).step();
}

Result<void> SqliteAssetRepository::recordEvent(const std::string& event_id,
                                                const std::string& asset_id, const char* kind,
                                                WriteOutcome outcome) {
  auto stmt = db_->prepare(
      "INSERT INTO processed_events (event_id, asset_id, kind, outcome, processed_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return stmt.error();
  return stmt->bind(1, event_id)
      .bind(2, asset_id)
      .bind(3, kind)
      .bind(4, writeOutcomeName(outcome))
      .bind(5, formatRfc3339(clock_.now()))
      .run();
}

Result<void> SqliteAssetRepository::widenSeen(const std::string& asset_id,
                                              const std::string& first_seen,
                                              const std::string& last_seen) {
  auto stmt = db_->prepare(
      "UPDATE assets SET first_seen = min(first_seen, ?2), last_seen = max(last_seen, ?3) "
      "WHERE asset_id = ?1");
  if (!stmt) return stmt.error();
  return stmt->bind(1, asset_id).bind(2, first_seen).bind(3, last_seen).run();
}

Result<void> SqliteAssetRepository::writeAsset(const wire::AssetRecord& record) {
  const AssetSummary s = summarizeAsset(record);
  auto upsert = db_->prepare(R"SQL(
    INSERT INTO assets (asset_id, collector_id, hostname, os_name, vendor, model, serial,
                        cpu_model, memory_total_bytes, package_count, ip_addresses,
                        mac_addresses, first_seen, last_seen, updated_at, record)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
    ON CONFLICT (asset_id) DO UPDATE SET
      collector_id = excluded.collector_id, hostname = excluded.hostname,
      os_name = excluded.os_name, vendor = excluded.vendor, model = excluded.model,
      serial = excluded.serial, cpu_model = excluded.cpu_model,
      memory_total_bytes = excluded.memory_total_bytes,
      package_count = excluded.package_count, ip_addresses = excluded.ip_addresses,
      mac_addresses = excluded.mac_addresses,
      first_seen = min(assets.first_seen, excluded.first_seen),
      last_seen = max(assets.last_seen, excluded.last_seen),
      updated_at = excluded.updated_at, record = excluded.record)SQL");
  if (!upsert) return upsert.error();
  upsert->bind(1, record.asset_id)
      .bind(2, record.collector_id)
      .bind(3, s.hostname)
      .bind(4, nonEmpty(s.os_name))
      .bind(5, nonEmpty(s.vendor))
      .bind(6, nonEmpty(s.model))
      .bind(7, nonEmpty(s.serial))
      .bind(8, nonEmpty(s.cpu_model))
      .bind(9, static_cast<std::int64_t>(s.memory_total_bytes))
      .bind(10, static_cast<std::int64_t>(s.package_count))
      .bind(11, joinAddresses(s.ip_addresses))
      .bind(12, joinAddresses(s.mac_addresses))
      .bind(13, record.first_seen)
      .bind(14, record.last_seen)
      .bind(15, record.updated_at)
      .bind(16, wire::encodeAssetRecord(record));
  if (auto done = upsert->run(); !done) return done;

  auto clear = db_->prepare("DELETE FROM asset_identifiers WHERE asset_id = ?1");
  if (!clear) return clear.error();
  if (auto done = clear->bind(1, record.asset_id).run(); !done) return done;
  auto add = db_->prepare(
      "INSERT OR IGNORE INTO asset_identifiers (asset_id, kind, value) VALUES (?1, ?2, ?3)");
  if (!add) return add.error();
  for (const auto& id : record.identifiers) {
    add->reset();
    if (auto done = add->bind(1, record.asset_id).bind(2, id.kind).bind(3, id.value).run(); !done) {
      return done;
    }
  }
  return {};
}

Result<WriteOutcome> SqliteAssetRepository::upsertAsset(const wire::AssetRecord& incoming) {
  if (auto ok = checkIds(incoming.event_id, incoming.asset_id); !ok) return ok.error();
  wire::AssetRecord record = incoming;
  record.asset_id = asciiLower(record.asset_id);
  for (auto [field, value] :
       {std::pair{"first_seen", &record.first_seen}, std::pair{"last_seen", &record.last_seen},
        std::pair{"updated_at", &record.updated_at}}) {
    auto normal = normalizeTime(field, *value);
    if (!normal) return normal.error();
    *value = std::move(*normal);
  }

  std::lock_guard lock(mutex_);
  auto tx = storage::Transaction::begin(*db_);
  if (!tx) return tx.error();
  auto seen_before = eventProcessed(record.event_id);
  if (!seen_before) return seen_before.error();
  if (*seen_before) return WriteOutcome::Duplicate;

  auto stored = db_->prepare("SELECT updated_at FROM assets WHERE asset_id = ?1");
  if (!stored) return stored.error();
  auto row = stored->bind(1, record.asset_id).step();
  if (!row) return row.error();
  const bool stale = *row && record.updated_at < stored->text(0);

  const WriteOutcome outcome = stale ? WriteOutcome::Stale : WriteOutcome::Applied;
  auto written =
      stale ? widenSeen(record.asset_id, record.first_seen, record.last_seen) : writeAsset(record);
  if (!written) return written.error();
  if (auto done = recordEvent(record.event_id, record.asset_id, "asset", outcome); !done) {
    return done.error();
  }
  if (auto done = tx->commit(); !done) return done.error();
  return outcome;
}

Result<WriteOutcome> SqliteAssetRepository::markSeen(const wire::AssetSeen& incoming) {
  if (auto ok = checkIds(incoming.event_id, incoming.asset_id); !ok) return ok.error();
  const std::string asset_id = asciiLower(incoming.asset_id);
  auto last_seen = normalizeTime("last_seen", incoming.last_seen);
  if (!last_seen) return last_seen.error();

  std::lock_guard lock(mutex_);
  auto tx = storage::Transaction::begin(*db_);
  if (!tx) return tx.error();
  auto seen_before = eventProcessed(incoming.event_id);
  if (!seen_before) return seen_before.error();
  if (*seen_before) return WriteOutcome::Duplicate;

  auto stored = db_->prepare("SELECT last_seen FROM assets WHERE asset_id = ?1");
  if (!stored) return stored.error();
  auto row = stored->bind(1, asset_id).step();
  if (!row) return row.error();
  if (!*row) return makeError("not_found", "no asset " + asset_id);

  const bool forward = *last_seen > stored->text(0);
  const WriteOutcome outcome = forward ? WriteOutcome::Applied : WriteOutcome::Stale;
  if (forward) {
    auto update = db_->prepare("UPDATE assets SET last_seen = ?2 WHERE asset_id = ?1");
    if (!update) return update.error();
    if (auto done = update->bind(1, asset_id).bind(2, *last_seen).run(); !done) {
      return done.error();
    }
  }
  if (auto done = recordEvent(incoming.event_id, asset_id, "seen", outcome); !done) {
    return done.error();
  }
  if (auto done = tx->commit(); !done) return done.error();
  return outcome;
}

Result<AssetPage> SqliteAssetRepository::list(const AssetQuery& query) {
  static constexpr const char* kWhere =
      " WHERE (?1 = '' OR hostname LIKE ?2 ESCAPE '\\' OR serial LIKE ?2 ESCAPE '\\'"
      " OR ip_addresses LIKE ?2 ESCAPE '\\')";
  const std::string pattern = likePattern(query.search);

  std::lock_guard lock(mutex_);
  AssetPage page;
  auto count = db_->prepare(std::string("SELECT COUNT(*) FROM assets") + kWhere);
  if (!count) return count.error();
  auto counted = count->bind(1, query.search).bind(2, pattern).step();
  if (!counted) return counted.error();
  page.total = static_cast<std::uint64_t>(count->int64(0));

  auto rows = db_->prepare(
      std::string("SELECT asset_id, hostname, os_name, vendor, model, serial, cpu_model,"
                  " memory_total_bytes, package_count, ip_addresses, mac_addresses,"
                  " first_seen, last_seen FROM assets") +
      kWhere + " ORDER BY hostname COLLATE NOCASE, asset_id LIMIT ?3 OFFSET ?4");
  if (!rows) return rows.error();
  const std::int64_t offset =
      (static_cast<std::int64_t>(query.page) - 1) * static_cast<std::int64_t>(query.per_page);
  rows->bind(1, query.search)
      .bind(2, pattern)
      .bind(3, static_cast<std::int64_t>(query.per_page))
      .bind(4, std::max<std::int64_t>(offset, 0));
  for (;;) {
    auto row = rows->step();
    if (!row) return row.error();
    if (!*row) break;
    AssetSummary s;
    s.asset_id = rows->text(0);
    s.hostname = rows->text(1);
    s.os_name = rows->optionalText(2);
    s.vendor = rows->optionalText(3);
    s.model = rows->optionalText(4);
    s.serial = rows->optionalText(5);
    s.cpu_model = rows->optionalText(6);
    s.memory_total_bytes = static_cast<std::uint64_t>(rows->int64(7));
    s.package_count = static_cast<std::uint64_t>(rows->int64(8));
    s.ip_addresses = splitAddresses(rows->text(9));
    s.mac_addresses = splitAddresses(rows->text(10));
    s.first_seen = rows->text(11);
    s.last_seen = rows->text(12);
    page.items.push_back(std::move(s));
  }
  return page;
}

Result<wire::AssetRecord> SqliteAssetRepository::get(const std::string& asset_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "SELECT record, first_seen, last_seen, updated_at FROM assets WHERE asset_id = ?1");
  if (!stmt) return stmt.error();
  auto row = stmt->bind(1, asciiLower(asset_id)).step();
  if (!row) return row.error();
  if (!*row) return makeError("not_found", "no asset " + asset_id);
  auto record = wire::decodeAssetRecord(stmt->text(0));
  if (!record) {
    return makeError("storage", "stored record of asset " + asset_id +
                                    " cannot be read: " + record.error().message);
  }
  record->first_seen = stmt->text(1);
  record->last_seen = stmt->text(2);
  record->updated_at = stmt->text(3);
  return record;
}

}  // namespace steward::server
