// The notification-queue half of SqliteIncidentRepository.

#include "server/itsm/incidents/sqlite_incident_repository.h"

namespace steward::server::itsm {

namespace {
constexpr const char* kQueueColumns =
    "SELECT id, incident_number, event, channel, target, subject, body, attempts, status, "
    "next_attempt_at, last_error FROM notification_queue ";
}  // namespace

Result<std::vector<notify::Notification>> SqliteIncidentRepository::selectNotifications(
    storage::Statement& stmt) {
  std::vector<notify::Notification> out;
  auto rows = stmt.forEachRow([&](auto& row) {
    notify::Notification n;
    n.id = row.int64(0);
    n.incident_number = row.text(1);
    n.event = row.text(2);
    n.channel = row.text(3);
    n.target = row.text(4);
    n.subject = row.text(5);
    n.body = row.text(6);
    n.attempts = static_cast<int>(row.int64(7));
    n.status = row.text(8);
    n.next_attempt_at = row.text(9);
    n.last_error = row.text(10);
    out.push_back(std::move(n));
  });
  if (!rows) return rows.error();
  return out;
}

Result<std::vector<notify::Notification>> SqliteIncidentRepository::due(const std::string& now,
                                                                        std::size_t limit) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(std::string(kQueueColumns) +
                           "WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY id "
                           "LIMIT ?2");
  if (!stmt) return stmt.error();
  stmt->bind(1, now).bind(2, static_cast<std::int64_t>(limit));
  return selectNotifications(*stmt);
}

Result<void> SqliteIncidentRepository::markSent(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "UPDATE notification_queue SET status = 'sent', attempts = attempts + 1, last_error = '' "
      "WHERE id = ?1");
  if (!stmt) return stmt.error();
  return stmt->bind(1, id).run();
}

Result<void> SqliteIncidentRepository::markFailed(std::int64_t id, const std::string& error,
                                                  const std::string& next_attempt_at) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(
      "UPDATE notification_queue SET attempts = attempts + 1, last_error = ?2, "
      "status = CASE WHEN ?3 = '' THEN 'failed' ELSE 'pending' END, "
      "next_attempt_at = CASE WHEN ?3 = '' THEN next_attempt_at ELSE ?3 END WHERE id = ?1");
  if (!stmt) return stmt.error();
  return stmt->bind(1, id).bind(2, error).bind(3, next_attempt_at).run();
}

Result<std::vector<notify::Notification>> SqliteIncidentRepository::forIncident(
    const std::string& number) {
  std::lock_guard lock(mutex_);
  auto stmt = db_->prepare(std::string(kQueueColumns) + "WHERE incident_number = ?1 ORDER BY id");
  if (!stmt) return stmt.error();
  stmt->bind(1, number);
  return selectNotifications(*stmt);
}

}  // namespace steward::server::itsm
