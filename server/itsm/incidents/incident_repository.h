#pragma once

// Storage contract for incidents, their timelines, per-asset criticality and the
// idempotency record of collector events. Every write is one transaction that also
// enqueues the notifications it caused. Errors: "not_found", "conflict" (the row
// changed since it was read), "duplicate_event", "invalid_field", "busy", "storage".

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "server/itsm/incidents/incident.h"
#include "server/notify/notification.h"
#include "shared/common/result.h"

namespace steward::server::itsm {

// What travels with a write in the same transaction.
struct WriteExtras {
  std::optional<std::string> event_id;  // stored once; a second write with it is "duplicate_event"
  // Renders the notifications this write causes from the stored record (on create,
  // after the number is allocated); they are enqueued in the same transaction.
  std::function<std::vector<notify::Notification>(const Incident&)> notify;
};

class IncidentRepository {
 public:
  virtual ~IncidentRepository() = default;

  // Stores a new incident: allocates the next number (INC + 7 digits) in the same
  // transaction and returns the stored record. `draft.id` must be set.
  virtual Result<Incident> create(Incident draft, TimelineEntry entry, WriteExtras extras) = 0;
  // Writes `incident` when its version still matches the stored one ("conflict"
  // otherwise), appends `entries` and bumps the version.
  virtual Result<Incident> update(const Incident& incident,
                                  const std::vector<TimelineEntry>& entries,
                                  WriteExtras extras) = 0;
  // Marks an event applied that changed nothing (e.g. a clear with no open incident).
  virtual Result<void> recordEvent(const std::string& event_id) = 0;
  virtual Result<bool> eventProcessed(const std::string& event_id) = 0;

  // By number ("INC0000042", any case) or id; "not_found" otherwise.
  virtual Result<Incident> get(const std::string& number_or_id) = 0;
  // The most recent incident for (asset, source, subject), open or not.
  virtual Result<std::optional<Incident>> latestFor(const std::string& asset_id,
                                                    const std::string& source,
                                                    const std::string& subject) = 0;
  virtual Result<IncidentPage> list(const IncidentQuery& query) = 0;
  // Oldest first.
  virtual Result<std::vector<TimelineEntry>> timeline(const std::string& incident_id) = 0;

  // 1 (business critical) .. 3 (default for assets never rated).
  virtual Result<int> assetCriticality(const std::string& asset_id) = 0;
  virtual Result<void> setAssetCriticality(const std::string& asset_id, int criticality) = 0;
};

}  // namespace steward::server::itsm
