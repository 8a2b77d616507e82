#pragma once

// IncidentRepository and the notification queue on one SQLite connection (its own
// connection to the server's database file; WAL lets it sit beside the asset
// repository's). Calls are serialised by a mutex.

#include <memory>
#include <mutex>
#include <string>

#include "server/itsm/incidents/incident_repository.h"
#include "server/notify/notification.h"
#include "shared/common/clock.h"
#include "shared/storage/sqlite_db.h"

namespace steward::server::itsm {

class SqliteIncidentRepository final : public IncidentRepository, public notify::NotificationQueue {
 public:
  // Opens or creates `path` (":memory:" for tests) and migrates the incident tables.
  static Result<std::unique_ptr<SqliteIncidentRepository>> open(const std::string& path,
                                                                const Clock& clock);

  Result<Incident> create(Incident draft, TimelineEntry entry, WriteExtras extras) override;
  Result<Incident> update(const Incident& incident, const std::vector<TimelineEntry>& entries,
                          WriteExtras extras) override;
  Result<void> recordEvent(const std::string& event_id) override;
  Result<bool> eventProcessed(const std::string& event_id) override;
  Result<Incident> get(const std::string& number_or_id) override;
  Result<std::optional<Incident>> latestFor(const std::string& asset_id, const std::string& source,
                                            const std::string& subject) override;
  Result<IncidentPage> list(const IncidentQuery& query) override;
  Result<std::vector<TimelineEntry>> timeline(const std::string& incident_id) override;
  Result<int> assetCriticality(const std::string& asset_id) override;
  Result<void> setAssetCriticality(const std::string& asset_id, int criticality) override;

  Result<std::vector<notify::Notification>> due(const std::string& now, std::size_t limit) override;
  Result<void> markSent(std::int64_t id) override;
  Result<void> markFailed(std::int64_t id, const std::string& error,
                          const std::string& next_attempt_at) override;
  Result<std::vector<notify::Notification>> forIncident(const std::string& number) override;

 private:
  SqliteIncidentRepository(std::unique_ptr<storage::SqliteDb> db, const Clock& clock)
      : db_(std::move(db)), clock_(clock) {}

  // The write helpers run inside a caller's transaction, with the mutex held.
  Result<void> storeEvent(const std::string& event_id);
  Result<void> appendTimeline(const std::string& incident_id, const TimelineEntry& entry);
  Result<void> enqueue(const WriteExtras& extras, const Incident& incident);
  Result<Incident> getLocked(const std::string& number_or_id);
  Result<std::vector<notify::Notification>> selectNotifications(storage::Statement& stmt);

  std::unique_ptr<storage::SqliteDb> db_;
  const Clock& clock_;
  std::mutex mutex_;
};

}  // namespace steward::server::itsm
