#include "collector/outbox/outbox_forwarder.h"

#include <algorithm>

#include "collector/outbox/retry_policy.h"
#include "collector/storage/outbox_payload.h"
#include "shared/common/log.h"

namespace steward::collector::outbox {

using storage::OutboxItem;
using storage::OutboxTable;

namespace {

std::int64_t unixMs(Clock::WallTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

Clock::WallTime fromUnixMs(std::int64_t ms) {
  return Clock::WallTime(std::chrono::milliseconds(ms));
}

Poco::Logger& log() { return logger("collector.outbox"); }

// Response bodies go to the log; keep a hostile or huge one from flooding it.
std::string excerpt(const std::string& body) {
  constexpr std::size_t kMax = 2000;
  return body.size() <= kMax ? body : body.substr(0, kMax) + "...";
}

}  // namespace

OutboxForwarder::OutboxForwarder(storage::CollectorDb& db, http::HttpClient& client,
                                 const Clock& clock, ForwarderOptions options,
                                 std::uint64_t jitter_seed)
    : db_(db), client_(client), clock_(clock), options_(std::move(options)), rng_(jitter_seed) {}

OutboxForwarder::~OutboxForwarder() { stop(); }

BatchOutcome OutboxForwarder::sendBatch() {
  BatchOutcome outcome;
  std::vector<OutboxItem> items;
  std::optional<std::int64_t> head_due;
  // On the read connection: the writer's is the ingest's, batch after batch.
  auto loaded = db_.readCommitted([&](steward::storage::SqliteDb& db) -> Result<void> {
    // While the head backs off nothing can go: do not load a batch of payloads for
    // nothing (records are large).
    auto due = OutboxTable(db).headDueMs();
    if (!due) return due.error();
    if (*due && **due > unixMs(clock_.now())) {
      head_due = *due;
      return {};
    }
    auto pending = OutboxTable(db).pending(options_.batch_size);
    if (!pending) return pending.error();
    items = std::move(*pending);
    return {};
  });
  if (!loaded) {
    log().error("cannot read the outbox: %s", loaded.error().message);
    return outcome;  // no head to wait for: the thread looks again after retry_max
  }
  if (head_due) {
    outcome.next_due = fromUnixMs(*head_due);
    return outcome;
  }

  for (const auto& item : items) {
    if (item.next_attempt_ms > unixMs(clock_.now())) {
      outcome.next_due = fromUnixMs(item.next_attempt_ms);
      return outcome;  // the oldest item is backing off; later ones wait behind it
    }
    const Attempt attempt = deliver(item);
    switch (attempt.step) {
      case Step::Delivered:
        ++outcome.delivered;
        break;
      case Step::Parked:
        ++outcome.parked;
        break;
      case Step::Retry:
        ++outcome.failed_attempts;
        outcome.next_due = attempt.retry_at;
        return outcome;  // keep order: nothing overtakes the item that failed
    }
  }
  outcome.more = static_cast<int>(items.size()) == options_.batch_size;
  return outcome;
}

Result<std::string> OutboxForwarder::payloadOf(const OutboxItem& item) {
  // Only a record queued without its inventory needs the database again.
  if (item.kind != storage::kOutboxAssetOfSighting) return item.payload;
  Result<std::string> payload = std::string();
  auto read = db_.readCommitted([&](steward::storage::SqliteDb& db) -> Result<void> {
    payload = storage::sendablePayload(db, item);
    return {};
  });
  if (!read) return read.error();
  return payload;
}

OutboxForwarder::Attempt OutboxForwarder::deliver(const OutboxItem& item) {
  const std::string context = "[seq=" + std::to_string(item.seq) + "] [asset=" + item.asset_id +
                              "] [event=" + item.event_id + "] " + item.kind;
  auto payload = payloadOf(item);

  Delivery delivery = Delivery::Retry;
  std::string error;
  std::optional<std::chrono::seconds> server_wait;
  if (!payload) {
    // A record that can never be completed (no sighting left, a damaged text) is
    // parked like one the server refused; a failed read is retried.
    const bool never =
        payload.error().code == "sighting_missing" || payload.error().code == "invalid_record";
    delivery = never ? Delivery::Refused : Delivery::Retry;
    error = "cannot build the record: " + payload.error().message;
  } else {
    http::HttpRequest request;
    request.method = "POST";
    request.target = item.kind == storage::kOutboxSeen       ? "/api/v1/collector/seen"
                     : item.kind == storage::kOutboxHistory  ? "/api/v1/collector/history"
                     : item.kind == storage::kOutboxIncident ? "/api/v1/collector/incident-events"
                                                             : "/api/v1/collector/assets";
    request.setHeader("Content-Type", "application/json");
    request.setHeader("Authorization", "Bearer " + options_.token);
    request.setHeader("Idempotency-Key", item.event_id);
    request.body = std::move(*payload);
    auto response = client_.send(options_.server_url + request.target, request);
    if (!response) {
      error = "no response: " + response.error().message;
    } else {
      delivery = classifyStatus(response->status);
      error = "HTTP " + std::to_string(response->status) + ": " + excerpt(response->body);
      server_wait = retryAfter(*response);
    }
  }

  Result<void> stored;
  Attempt attempt;
  if (delivery == Delivery::Delivered) {
    attempt.step = Step::Delivered;
    stored =
        db_.transact([&](auto& db) { return OutboxTable(db).remove(item.seq, item.event_id); });
    log().debug("%s delivered", context);
  } else if (delivery == Delivery::Refused) {
    attempt.step = Step::Parked;
    stored = db_.transact([&](auto& db) { return OutboxTable(db).park(item.seq, error); });
    log().error("%s parked (will not be retried): %s", context, error);
  } else {
    std::uniform_real_distribution<double> jitter(0.5, 1.0);
    const auto max = std::chrono::duration_cast<std::chrono::milliseconds>(options_.retry_max);
    auto delay = backoffDelay(item.attempts + 1, max, jitter(rng_));
    if (server_wait) {
      delay = std::min(max, std::max(delay, std::chrono::milliseconds(*server_wait)));
    }
    attempt.retry_at = clock_.now() + delay;
    const std::int64_t next = unixMs(attempt.retry_at);
    stored =
        db_.transact([&](auto& db) { return OutboxTable(db).reschedule(item.seq, next, error); });
    log().warning("%s not delivered (attempt %s), retrying in %s ms: %s", context,
                  std::to_string(item.attempts + 1), std::to_string(delay.count()), error);
  }
  if (!stored) log().error("%s cannot update the outbox: %s", context, stored.error().message);
  return attempt;
}

void OutboxForwarder::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { run(); });
}

void OutboxForwarder::wake() {
  {
    std::lock_guard lock(mutex_);
    wake_ = true;
  }
  cv_.notify_one();
}

void OutboxForwarder::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::uint64_t OutboxForwarder::passes() const {
  std::lock_guard lock(mutex_);
  return passes_;
}

void OutboxForwarder::run() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
      wake_ = false;
      ++passes_;
    }
    const BatchOutcome outcome = sendBatch();
    if (outcome.more) continue;

    // Sleep until the head of the queue is due, a new item arrives (unless it is to
    // wait behind a head that backs off: during an outage every report would wake
    // this thread for nothing), or stop().
    std::chrono::milliseconds wait = options_.retry_max;
    if (outcome.next_due) {
      const auto until =
          std::chrono::duration_cast<std::chrono::milliseconds>(*outcome.next_due - clock_.now());
      wait = std::clamp(until, std::chrono::milliseconds(0),
                        std::chrono::duration_cast<std::chrono::milliseconds>(options_.retry_max));
    }
    std::unique_lock lock(mutex_);
    const bool wakes = !outcome.next_due;
    cv_.wait_for(lock, wait, [&] { return stop_ || (wake_ && wakes); });
  }
}

}  // namespace steward::collector::outbox
