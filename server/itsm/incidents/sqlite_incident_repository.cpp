#include "server/itsm/incidents/sqlite_incident_repository.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "server/itsm/incidents/incident_schema.h"

namespace steward::server::itsm {

namespace {

constexpr const char* kColumns =
    "id, number, title, description, evidence, asset_id, category, source, subject, impact, "
    "urgency, priority, state, assignment_group, assignee, hold_reason, resolution_note, "
    "occurrence_count, flapping, created_at, updated_at, last_occurred_at, responded_at, "
    "resolved_at, closed_at, response_due, resolution_due, version";

Incident readIncident(const storage::Statement& s) {
  Incident i;
  i.id = s.text(0);
  i.number = s.text(1);
  i.title = s.text(2);
  i.description = s.text(3);
  i.evidence = s.text(4);
  i.asset_id = s.optionalText(5);
  i.category = s.text(6);
  i.source = s.text(7);
  i.subject = s.text(8);
  i.impact = static_cast<int>(s.int64(9));
  i.urgency = static_cast<int>(s.int64(10));
  i.priority = static_cast<int>(s.int64(11));
  i.state = parseState(s.text(12)).value_or(IncidentState::New);
  i.assignment_group = s.text(13);
  i.assignee = s.text(14);
  i.hold_reason = s.text(15);
  i.resolution_note = s.text(16);
  i.occurrence_count = static_cast<int>(s.int64(17));
  i.flapping = s.int64(18) != 0;
  i.created_at = s.text(19);
  i.updated_at = s.text(20);
  i.last_occurred_at = s.text(21);
  i.responded_at = s.optionalText(22);
  i.resolved_at = s.optionalText(23);
  i.closed_at = s.optionalText(24);
  i.response_due = s.text(25);
  i.resolution_due = s.text(26);
  i.version = s.int64(27);
  return i;
}

// Binds every column but id/number/seq from position `first` on, in kColumns order
// starting at title (27 values... see the statements below).
void bindFields(storage::Statement& s, int first, const Incident& i) {
  s.bind(first, i.title)
      .bind(first + 1, i.description)
      .bind(first + 2, i.evidence)
      .bind(first + 3, i.asset_id)
      .bind(first + 4, i.category)
      .bind(first + 5, i.source)
      .bind(first + 6, i.subject)
      .bind(first + 7, std::int64_t{i.impact})
      .bind(first + 8, std::int64_t{i.urgency})
      .bind(first + 9, std::int64_t{i.priority})
      .bind(first + 10, stateName(i.state))
      .bind(first + 11, i.assignment_group)
      .bind(first + 12, i.assignee)
      .bind(first + 13, i.hold_reason)
      .bind(first + 14, i.resolution_note)
      .bind(first + 15, std::int64_t{i.occurrence_count})
      .bind(first + 16, std::int64_t{i.flapping ? 1 : 0})
      .bind(first + 17, i.created_at)
      .bind(first + 18, i.updated_at)
      .bind(first + 19, i.last_occurred_at)
      .bind(first + 20, i.responded_at)
      .bind(first + 21, i.resolved_at)
      .bind(first + 22, i.closed_at)
      .bind(first + 23, i.response_due)
      .bind(first + 24, i.resolution_due);
}

std::string formatNumber(std::int64_t seq) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "INC%07lld", static_cast<long long>(seq));
  return buffer;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

}  // namespace

Result<std::unique_ptr<SqliteIncidentRepository>> SqliteIncidentRepository::open(
    const std::string& path, const Clock& clock) {
  auto db = storage::SqliteDb::open(path);
  if (!db) return db.error();
  if (auto migrated = migrateIncidentSchema(**db); !migrated) {
    return makeError(migrated.error().code, path + ": " + migrated.error().message);
  }
  return std::unique_ptr<SqliteIncidentRepository>(
      new SqliteIncidentRepository(std::move(*db), clock));
}

Result<void> SqliteIncidentRepository::storeEvent(const std::string& event_id) {
  auto stmt = db_->prepare("INSERT INTO incident_events (event_id, processed_at) VALUES (?1, ?2)");
  if (!stmt) return stmt.error();
  auto done = stmt->bind(1, event_id).bind(2, formatRfc3339(clock_.now())).run();
  if (!done && done.error().code == "constraint") {
    return makeError("duplicate_event", "event " + event_id + " was already applied");
  }
  return done;
}

Result<void> SqliteIncidentRepository::appendTimeline(const std::string& incident_id,
                                                      const TimelineEntry& e) {
  auto stmt = db_->prepare(
      "INSERT INTO incident_timeline (incident_id, at, actor, action, changes, note) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return stmt.error();
  return stmt->bind(1, incident_id)
      .bind(2, e.at)
      .bind(3, e.actor)
      .bind(4, e.action)
      .bind(5, e.changes)
      .bind(6, e.note)
      .run();
}

Result<void> SqliteIncidentRepository::enqueue(const WriteExtras& extras,
                                               const Incident& incident) {
  if (!extras.notify) return {};
  for (const auto& n : extras.notify(incident)) {
    auto stmt = db_->prepare(
        "INSERT INTO notification_queue (incident_number, event, channel, target, subject, body, "
        "next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt) return stmt.error();
    auto done = stmt->bind(1, incident.number)
                    .bind(2, n.event)
                    .bind(3, n.channel)
                    .bind(4, n.target)
                    .bind(5, n.subject)
                    .bind(6, n.body)
                    .bind(7, formatRfc3339(clock_.now()))
                    .run();
    if (!done) return done;
  }
  return {};
}

Result<Incident> SqliteIncidentRepository::create(Incident draft, TimelineEntry entry,
                                                  WriteExtras extras) {
  std::lock_guard lock(mutex_);
  auto tx = storage::Transaction::begin(*db_);
  if (!tx) return tx.error();
  if (extras.event_id) {
    if (auto stored = storeEvent(*extras.event_id); !stored) return stored.error();
  }
  auto next = db_->prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM incidents");
  if (!next) return next.error();
  if (auto row = next->step(); !row) return row.error();
  const std::int64_t seq = next->int64(0);
  draft.number = formatNumber(seq);
  draft.version = 1;
  auto stmt = db_->prepare(std::string("INSERT INTO incidents (id, seq, number, ") +
                           (kColumns + 12) +  // skip "id, number, "
                           ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                           "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, "
                           "?28, ?29)");
  if (!stmt) return stmt.error();
  stmt->bind(1, draft.id).bind(2, seq).bind(3, draft.number);
  bindFields(*stmt, 4, draft);
  stmt->bind(29, draft.version);
  if (auto done = stmt->run(); !done) return done.error();
  if (auto done = appendTimeline(draft.id, entry); !done) return done.error();
  if (auto done = enqueue(extras, draft); !done) return done.error();
  if (auto done = tx->commit(); !done) return done.error();
  return draft;
}

Result<Incident> SqliteIncidentRepository::update(const Incident& incident,
                                                  const std::vector<TimelineEntry>& entries,
                                                  WriteExtras extras) {
  std::lock_guard lock(mutex_);
  auto tx = storage::Transaction::begin(*db_);
  if (!tx) return tx.error();
  if (extras.event_id) {
    if (auto stored = storeEvent(*extras.event_id); !stored) return stored.error();
  }
  auto stmt = db_->prepare(
      "UPDATE incidents SET title = ?1, description = ?2, evidence = ?3, asset_id = ?4, "
      "category = ?5, source = ?6, subject = ?7, impact = ?8, urgency = ?9, priority = ?10, "
      "state = ?11, assignment_group = ?12, assignee = ?13, hold_reason = ?14, "
      "resolution_note = ?15, occurrence_count = ?16, flapping = ?17, created_at = ?18, "
      "updated_at = ?19, last_occurred_at = ?20, responded_at = ?21, resolved_at = ?22, "
      "closed_at = ?23, response_due = ?24, resolution_due = ?25, version = version + 1 "
      "WHERE id = ?26 AND version = ?27");
  if (!stmt) return stmt.error();
  bindFields(*stmt, 1, incident);
  stmt->bind(26, incident.id).bind(27, incident.version);
  if (auto done = stmt->run(); !done) return done.error();
  if (db_->changes() != 1) {
    return makeError("conflict", incident.number + " changed meanwhile; read it again and retry");
  }
  for (const auto& entry : entries) {
    if (auto done = appendTimeline(incident.id, entry); !done) return done.error();
  }
  Incident stored = incident;
  stored.version = incident.version + 1;
  if (auto done = enqueue(extras, stored); !done) return done.error();
  if (auto done = tx->commit(); !done) return done.error();
  return stored;
}

Result<void> SqliteIncidentRepository::recordEvent(const std::string& event_id) {
  std::lock_guard lock(mutex_);
  return storeEvent(event_id);
}

Result<bool> SqliteIncidentRepository::eventProcessed(const std::string& event_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare("SELECT 1 FROM incident_events WHERE event_id = ?1");
  if (!stmt) return stmt.error();
  return stmt->bind(1, event_id).step();
}

Result<Incident> SqliteIncidentRepository::getLocked(const std::string& key) {
  auto stmt = db_->prepare(std::string("SELECT ") + kColumns +
                           " FROM incidents WHERE number = ?1 OR id = ?2");
  if (!stmt) return stmt.error();
  auto row = stmt->bind(1, upper(key)).bind(2, key).step();
  if (!row) return row.error();
  if (!*row) return makeError("not_found", "no incident " + key);
  return readIncident(*stmt);
}

Result<Incident> SqliteIncidentRepository::get(const std::string& number_or_id) {
  std::lock_guard lock(mutex_);
  return getLocked(number_or_id);
}

Result<std::optional<Incident>> SqliteIncidentRepository::latestFor(const std::string& asset_id,
                                                                    const std::string& source,
                                                                    const std::string& subject) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(std::string("SELECT ") + kColumns +
                           " FROM incidents WHERE asset_id = ?1 AND source = ?2 AND subject = ?3 "
                           "ORDER BY seq DESC LIMIT 1");
  if (!stmt) return stmt.error();
  auto row = stmt->bind(1, asset_id).bind(2, source).bind(3, subject).step();
  if (!row) return row.error();
  if (!*row) return std::optional<Incident>();
  return std::optional<Incident>(readIncident(*stmt));
}

Result<IncidentPage> SqliteIncidentRepository::list(const IncidentQuery& q) {
  std::lock_guard lock(mutex_);
  // Every filter is bound; an absent one is NULL and matches everything.
  const std::string where =
      " WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR priority = ?2) "
      "AND (?3 IS NULL OR asset_id = ?3) AND (?4 IS NULL OR assignee = ?4) "
      "AND (?5 IS NULL OR source = ?5 OR source LIKE ?5 || ':%')";
  auto bindFilters = [&q](storage::Statement& s) {
    if (q.state)
      s.bind(1, stateName(*q.state));
    else
      s.bindNull(1);
    if (q.priority)
      s.bind(2, std::int64_t{*q.priority});
    else
      s.bindNull(2);
    s.bind(3, q.asset_id).bind(4, q.assignee);
    if (q.source && (*q.source == "rule" || *q.source == "person")) {
      s.bind(5, *q.source);
    } else {
      s.bind(5, q.source);
    }
  };
  IncidentPage page;
  auto count = db_->prepare("SELECT COUNT(*) FROM incidents" + where);
  if (!count) return count.error();
  bindFilters(*count);
  if (auto row = count->step(); !row) return row.error();
  page.total = count->int64(0);
  auto stmt = db_->prepare(std::string("SELECT ") + kColumns + " FROM incidents" + where +
                           " ORDER BY seq DESC LIMIT ?6 OFFSET ?7");
  if (!stmt) return stmt.error();
  bindFilters(*stmt);
  stmt->bind(6, std::int64_t{q.per_page})
      .bind(7, static_cast<std::int64_t>(q.page - 1) * q.per_page);
  auto rows = stmt->forEachRow([&](auto& row) { page.items.push_back(readIncident(row)); });
  if (!rows) return rows.error();
  return page;
}

Result<std::vector<TimelineEntry>> SqliteIncidentRepository::timeline(
    const std::string& incident_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "SELECT at, actor, action, changes, note FROM incident_timeline WHERE incident_id = ?1 "
      "ORDER BY seq");
  if (!stmt) return stmt.error();
  stmt->bind(1, incident_id);
  std::vector<TimelineEntry> out;
  auto rows = stmt->forEachRow([&](auto& row) {
    out.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.text(4)});
  });
  if (!rows) return rows.error();
  return out;
}

Result<int> SqliteIncidentRepository::assetCriticality(const std::string& asset_id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare("SELECT criticality FROM asset_criticality WHERE asset_id = ?1");
  if (!stmt) return stmt.error();
  auto row = stmt->bind(1, asset_id).step();
  if (!row) return row.error();
  return *row ? static_cast<int>(stmt->int64(0)) : 3;
}

Result<void> SqliteIncidentRepository::setAssetCriticality(const std::string& asset_id,
                                                           int criticality) {
  if (criticality < 1 || criticality > 3) {
    return makeError("invalid_field", "$.criticality: must be 1 (high) .. 3 (low)");
  }
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "INSERT INTO asset_criticality (asset_id, criticality) VALUES (?1, ?2) "
      "ON CONFLICT (asset_id) DO UPDATE SET criticality = excluded.criticality");
  if (!stmt) return stmt.error();
  return stmt->bind(1, asset_id).bind(2, std::int64_t{criticality}).run();
}

}  // namespace steward::server::itsm
