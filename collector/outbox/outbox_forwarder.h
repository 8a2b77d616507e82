#pragma once

// Delivers the outbox to the server, oldest item first, on a background thread:
//   "asset" -> POST {server}/api/v1/collector/assets  (AssetRecord JSON)
//   "seen"  -> POST {server}/api/v1/collector/seen    (AssetSeen JSON)
//   "history" -> POST {server}/api/v1/collector/history (AssetHistory JSON)
//   "incident" -> POST {server}/api/v1/collector/incident-events (IncidentEvent JSON)
// with "Authorization: Bearer <token>". An item is deleted only after a 2xx. A
// retryable failure (see retry_policy.h) keeps the item, backs off with jitter up to
// retry_max and holds the items behind it so the server sees updates in order. A
// refused item is parked and the queue moves on.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "collector/storage/collector_db.h"
#include "collector/storage/outbox_table.h"
#include "shared/common/clock.h"
#include "shared/http/client.h"

namespace steward::collector::outbox {

struct ForwarderOptions {
  std::string server_url;  // no trailing slash
  std::string token;
  std::chrono::seconds retry_max{30};
  int batch_size = 100;
};

struct BatchOutcome {
  int delivered = 0;
  int parked = 0;
  int failed_attempts = 0;  // retryable failures (0 or 1: the batch stops)
  bool more = false;        // a full batch went out; send again at once
  // The head of the queue backs off until then: items queued meanwhile wait behind
  // it, so the thread need not look again before, whatever is queued.
  std::optional<Clock::WallTime> next_due;
};

class OutboxForwarder {
 public:
  // `jitter_seed` makes backoff deterministic in tests.
  OutboxForwarder(storage::CollectorDb& db, http::HttpClient& client, const Clock& clock,
                  ForwarderOptions options, std::uint64_t jitter_seed = std::random_device{}());
  ~OutboxForwarder();
  OutboxForwarder(const OutboxForwarder&) = delete;
  OutboxForwarder& operator=(const OutboxForwarder&) = delete;

  // One pass over the due items, without waiting; what the thread runs. For tests.
  BatchOutcome sendBatch();

  // Starts the background thread.
  void start();
  // Asks the thread to look at the queue now (a new item was committed).
  void wake();
  // Stops the thread after the request in flight, if any. Idempotent.
  void stop();
  // How many times the thread has read the queue (diagnostics, tests).
  std::uint64_t passes() const;

 private:
  enum class Step { Delivered, Parked, Retry };
  struct Attempt {
    Step step = Step::Retry;
    Clock::WallTime retry_at{};  // for Step::Retry
  };
  Attempt deliver(const storage::OutboxItem& item);
  // What the server is sent for `item` (storage::sendablePayload).
  Result<std::string> payloadOf(const storage::OutboxItem& item);
  void run();

  storage::CollectorDb& db_;
  http::HttpClient& client_;
  const Clock& clock_;
  ForwarderOptions options_;
  std::mt19937_64 rng_;

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::uint64_t passes_ = 0;
  bool wake_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace steward::collector::outbox
