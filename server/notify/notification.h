#pragma once

// One message waiting in the durable notification queue: rendered when the incident
// changed (in the same transaction), delivered later by NotificationWorker.

#include <cstdint>
#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::server::notify {

struct Notification {
  std::int64_t id = 0;
  std::string incident_number;
  std::string event;    // "raise", "priority", "reopen", "resolve"
  std::string channel;  // "email" or "webhook"
  std::string target;   // mail address or http:// URL
  std::string subject;  // mail subject ("" for webhooks)
  std::string body;     // mail text, or the webhook's JSON
  int attempts = 0;
  std::string status = "pending";  // "pending", "sent", "failed" (gave up)
  std::string next_attempt_at;     // RFC 3339 UTC
  std::string last_error;
};

// The queue the worker drains. Implemented by the incident repository, whose writes
// enqueue notifications atomically with the change that caused them.
class NotificationQueue {
 public:
  virtual ~NotificationQueue() = default;
  // Pending notifications whose next attempt is due at `now`, oldest first.
  virtual Result<std::vector<Notification>> due(const std::string& now, std::size_t limit) = 0;
  virtual Result<void> markSent(std::int64_t id) = 0;
  // Records a failed attempt: attempts+1, the error, and either the next attempt time
  // or (when `next_attempt_at` is empty) status "failed".
  virtual Result<void> markFailed(std::int64_t id, const std::string& error,
                                  const std::string& next_attempt_at) = 0;
  // Every notification for one incident (oldest first), for the API and tests.
  virtual Result<std::vector<Notification>> forIncident(const std::string& incident_number) = 0;
};

}  // namespace steward::server::notify
