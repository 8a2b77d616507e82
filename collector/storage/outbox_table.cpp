#include "collector/storage/outbox_table.h"

namespace steward::collector::storage {

Result<void> OutboxTable::enqueue(const OutboxItem& item) {
  auto stmt = db_.prepare(
      "INSERT INTO outbox(kind, asset_id, event_id, payload, created_at) VALUES (?, ?, ?, ?, ?)");
  if (!stmt) return stmt.error();
  return stmt->bind(1, item.kind)
      .bind(2, item.asset_id)
      .bind(3, item.event_id)
      .bind(4, item.payload)
      .bind(5, item.created_at)
      .run();
}

Result<void> OutboxTable::enqueueSeen(const OutboxItem& item) {
  // Refreshed in place: one row rewritten instead of a row and its three index
  // entries deleted and inserted again, on every unchanged report. The row keeps its
  // place in the queue, which is harmless (the server keeps the latest last_seen
  // whatever the order), and its retry schedule.
  auto refresh = db_.prepare(
      "UPDATE outbox SET event_id = ?, payload = ?, created_at = ? "
      "WHERE kind = 'seen' AND state = 'pending' AND asset_id = ?");
  if (!refresh) return refresh.error();
  if (auto r = refresh->bind(1, item.event_id)
                   .bind(2, item.payload)
                   .bind(3, item.created_at)
                   .bind(4, item.asset_id)
                   .run();
      !r) {
    return r;
  }
  if (db_.changes() > 0) return {};
  OutboxItem seen = item;
  seen.kind = kOutboxSeen;
  return enqueue(seen);
}

Result<std::vector<OutboxItem>> OutboxTable::select(const std::string& where, int limit) {
  // `where` is one of two literals below, never data.
  auto stmt = db_.prepare(
      "SELECT seq, kind, asset_id, event_id, payload, created_at, attempts, next_attempt_ms, "
      "state, last_error FROM outbox " +
      where + " ORDER BY seq LIMIT ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, static_cast<std::int64_t>(limit));
  std::vector<OutboxItem> out;
  auto rows = stmt->forEachRow([&](auto& row) {
    out.push_back(OutboxItem{row.int64(0), row.text(1), row.text(2), row.text(3), row.text(4),
                             row.text(5), row.int64(6), row.int64(7), row.text(8), row.text(9)});
  });
  if (!rows) return rows.error();
  return out;
}

Result<std::optional<std::int64_t>> OutboxTable::headDueMs() {
  auto stmt = db_.prepare(
      "SELECT next_attempt_ms FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt->int64(0));
}

Result<std::vector<OutboxItem>> OutboxTable::pending(int limit) {
  return select("WHERE state = 'pending'", limit);
}

Result<std::vector<OutboxItem>> OutboxTable::all() { return select("", -1); }

Result<void> OutboxTable::remove(std::int64_t seq, const std::string& event_id) {
  auto stmt = db_.prepare("DELETE FROM outbox WHERE seq = ? AND event_id = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, seq).bind(2, event_id).run();
}

Result<void> OutboxTable::reschedule(std::int64_t seq, std::int64_t next_attempt_ms,
                                     const std::string& error) {
  auto stmt = db_.prepare(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = ?, last_error = ? "
      "WHERE seq = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, next_attempt_ms).bind(2, error).bind(3, seq).run();
}

Result<void> OutboxTable::park(std::int64_t seq, const std::string& error) {
  auto stmt = db_.prepare(
      "UPDATE outbox SET attempts = attempts + 1, state = 'failed', last_error = ? WHERE seq = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, error).bind(2, seq).run();
}

}  // namespace steward::collector::storage
