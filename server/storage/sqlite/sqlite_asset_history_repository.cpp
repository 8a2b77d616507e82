#include "server/storage/sqlite/sqlite_asset_history_repository.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "shared/common/id.h"
#include "server/storage/sqlite/component_schema.h"
#include "shared/common/text.h"

namespace steward::server {

namespace {

constexpr std::array<std::string_view, kAssetHistorySchemaVersion> kMigrations = {
    R"SQL(
CREATE TABLE asset_decisions (
  decision_id    TEXT PRIMARY KEY,
  asset_id       TEXT NOT NULL,
  at             TEXT NOT NULL,   -- RFC 3339 UTC, milliseconds
  action         TEXT NOT NULL,
  rule           TEXT NOT NULL,
  source         TEXT NOT NULL,
  report_id      TEXT NOT NULL,
  evidence       TEXT NOT NULL,
  other_asset_id TEXT,
  collector_id   TEXT NOT NULL
);
CREATE INDEX asset_decisions_by_asset ON asset_decisions (asset_id, at, decision_id);

CREATE TABLE asset_changes (
  change_id    TEXT PRIMARY KEY,
  asset_id     TEXT NOT NULL,
  at           TEXT NOT NULL,
  source       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  subject      TEXT NOT NULL,
  before       TEXT,
  after        TEXT,
  collector_id TEXT NOT NULL
);
CREATE INDEX asset_changes_by_asset ON asset_changes (asset_id, at, change_id);
CREATE INDEX asset_changes_by_kind ON asset_changes (asset_id, kind, at, change_id);

CREATE TABLE asset_history_events (
  event_id     TEXT PRIMARY KEY,
  processed_at TEXT NOT NULL
);
)SQL",
};

Result<void> migrate(storage::SqliteDb& db) {
  return migrateComponent(db, "asset_history", kMigrations);
}

Result<std::string> uuidField(const std::string& path, const std::string& value) {
  if (!isUuid(value)) return makeError("invalid_field", path + ": '" + value + "' is not a UUID");
  return asciiLower(value);
}

Result<std::string> timeField(const std::string& path, const std::string& value) {
  auto parsed = parseRfc3339(value);
  if (!parsed) {
    return makeError("invalid_field", path + ": '" + value + "' is not an RFC 3339 time");
  }
  return formatRfc3339(*parsed);
}

// Validates and normalises ids and times in place, naming the first bad field.
Result<void> normalize(wire::AssetHistory& h) {
  auto asset = uuidField("$.asset_id", h.asset_id);
  if (!asset) return asset.error();
  h.asset_id = *asset;
  for (std::size_t i = 0; i < h.decisions.size(); ++i) {
    auto& d = h.decisions[i];
    const std::string at = "$.decisions[" + std::to_string(i) + "].";
    for (auto [name, field] : {std::pair{"decision_id", &d.decision_id},
                               std::pair{"asset_id", &d.asset_id}}) {
      auto v = uuidField(at + name, *field);
      if (!v) return v.error();
      *field = *v;
    }
    if (d.other_asset_id) {
      auto v = uuidField(at + "other_asset_id", *d.other_asset_id);
      if (!v) return v.error();
      d.other_asset_id = *v;
    }
    auto t = timeField(at + "at", d.at);
    if (!t) return t.error();
    d.at = *t;
  }
  for (std::size_t i = 0; i < h.changes.size(); ++i) {
    auto& c = h.changes[i];
    const std::string at = "$.changes[" + std::to_string(i) + "].";
    for (auto [name, field] :
         {std::pair{"change_id", &c.change_id}, std::pair{"asset_id", &c.asset_id}}) {
      auto v = uuidField(at + name, *field);
      if (!v) return v.error();
      *field = *v;
    }
    auto t = timeField(at + "at", c.at);
    if (!t) return t.error();
    c.at = *t;
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<SqliteAssetHistoryRepository>> SqliteAssetHistoryRepository::open(
    const std::string& path, const Clock& clock) {
  auto db = storage::SqliteDb::open(path);
  if (!db) return db.error();
  if (auto migrated = migrate(**db); !migrated) {
    return makeError(migrated.error().code, path + ": " + migrated.error().message);
  }
  return std::unique_ptr<SqliteAssetHistoryRepository>(
      new SqliteAssetHistoryRepository(std::move(*db), clock));
}

Result<WriteOutcome> SqliteAssetHistoryRepository::storeHistory(const wire::AssetHistory& in) {
  if (in.event_id.empty() || in.event_id.size() > 200) {
    return makeError("invalid_field", "$.event_id: must be 1..200 characters");
  }
  wire::AssetHistory h = in;
  if (auto ok = normalize(h); !ok) return ok.error();

  std::lock_guard lock(mutex_);
  auto tx = storage::Transaction::begin(*db_);
  if (!tx) return tx.error();
  auto seen = db_->prepare("SELECT 1 FROM asset_history_events WHERE event_id = ?1");
  if (!seen) return seen.error();
  auto row = seen->bind(1, h.event_id).step();
  if (!row) return row.error();
  if (*row) return WriteOutcome::Duplicate;

  auto decision = db_->prepare(
      "INSERT OR IGNORE INTO asset_decisions (decision_id, asset_id, at, action, rule, source, "
      "report_id, evidence, other_asset_id, collector_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!decision) return decision.error();
  for (const auto& d : h.decisions) {
    decision->reset();
    if (auto done = decision->bind(1, d.decision_id)
                        .bind(2, d.asset_id)
                        .bind(3, d.at)
                        .bind(4, d.action)
                        .bind(5, d.rule)
                        .bind(6, d.source)
                        .bind(7, d.report_id)
                        .bind(8, d.evidence)
                        .bind(9, d.other_asset_id)
                        .bind(10, h.collector_id)
                        .run();
        !done) {
      return done.error();
    }
  }
  auto change = db_->prepare(
      "INSERT OR IGNORE INTO asset_changes (change_id, asset_id, at, source, kind, subject, "
      "before, after, collector_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!change) return change.error();
  for (const auto& c : h.changes) {
    change->reset();
    if (auto done = change->bind(1, c.change_id)
                        .bind(2, c.asset_id)
                        .bind(3, c.at)
                        .bind(4, c.source)
                        .bind(5, c.kind)
                        .bind(6, c.subject)
                        .bind(7, c.before)
                        .bind(8, c.after)
                        .bind(9, h.collector_id)
                        .run();
        !done) {
      return done.error();
    }
  }
  auto event = db_->prepare(
      "INSERT INTO asset_history_events (event_id, processed_at) VALUES (?1, ?2)");
  if (!event) return event.error();
  if (auto done = event->bind(1, h.event_id).bind(2, formatRfc3339(clock_.now())).run(); !done) {
    return done.error();
  }
  if (auto done = tx->commit(); !done) return done.error();
  return WriteOutcome::Applied;
}

Result<std::vector<wire::ReconcileDecision>> SqliteAssetHistoryRepository::decisions(
    const std::string& asset_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "SELECT decision_id, asset_id, at, action, rule, source, report_id, evidence, "
      "other_asset_id FROM asset_decisions WHERE asset_id = ?1 ORDER BY at, decision_id");
  if (!stmt) return stmt.error();
  stmt->bind(1, asciiLower(asset_id));
  std::vector<wire::ReconcileDecision> out;
  auto rows = stmt->forEachRow([&](auto& r) {
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                   r.text(7), r.optionalText(8)});
  });
  if (!rows) return rows.error();
  return out;
}

Result<ChangePage> SqliteAssetHistoryRepository::changes(const std::string& asset_id,
                                                         const ChangeQuery& query) {
  // ?2 = '' : all kinds; otherwise the exact kind or the kinds of a category.
  static constexpr const char* kWhere =
      " WHERE asset_id = ?1 AND (?2 = '' OR kind = ?2 OR kind LIKE ?3 ESCAPE '\\')";
  std::string category;
  for (char c : query.kind) {
    if (c == '%' || c == '_' || c == '\\') category += '\\';
    category += c;
  }
  category += "\\_%";
  std::lock_guard lock(mutex_);
  ChangePage page;
  auto count = db_->prepare(std::string("SELECT COUNT(*) FROM asset_changes") + kWhere);
  if (!count) return count.error();
  auto counted = count->bind(1, asciiLower(asset_id)).bind(2, query.kind).bind(3, category).step();
  if (!counted) return counted.error();
  page.total = static_cast<std::uint64_t>(count->int64(0));

  auto rows = db_->prepare(
      std::string("SELECT change_id, asset_id, at, source, kind, subject, before, after "
                  "FROM asset_changes") +
      kWhere + " ORDER BY at DESC, change_id DESC LIMIT ?4 OFFSET ?5");
  if (!rows) return rows.error();
  rows->bind(1, asciiLower(asset_id))
      .bind(2, query.kind)
      .bind(3, category)
      .bind(4, static_cast<std::int64_t>(query.per_page))
      .bind(5, (static_cast<std::int64_t>(query.page) - 1) * query.per_page);
  auto done = rows->forEachRow([&](auto& r) {
    page.items.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                          r.optionalText(6), r.optionalText(7)});
  });
  if (!done) return done.error();
  return page;
}

}  // namespace steward::server
