#include "agent/run_loop.h"

#include <algorithm>

#include "shared/common/id.h"
#include "shared/common/log.h"

namespace steward::agent {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

std::string describe(const Delivery& delivery) {
  if (delivery.status == 0) return delivery.detail;
  return "HTTP " + std::to_string(delivery.status) + " " + delivery.detail;
}

}  // namespace

RunLoop::RunLoop(InventoryCollector& collector, HealthSampler& health, CollectorClient& client,
                 const Clock& clock, std::string agent_id, Options options,
                 std::function<double()> random01)
    : collector_(collector),
      health_(health),
      client_(client),
      clock_(clock),
      agent_id_(std::move(agent_id)),
      options_(options),
      random01_(std::move(random01)) {}

milliseconds RunLoop::tick() {
  const Mono now = clock_.monotonic();
  if (not_before_ && now < *not_before_) return std::chrono::ceil<milliseconds>(*not_before_ - now);
  not_before_.reset();
  if (inventory_needed_) return deliverInventory(now);
  if (!next_heartbeat_ || now >= *next_heartbeat_) return deliverHeartbeat(now);
  return std::chrono::ceil<milliseconds>(*next_heartbeat_ - now);
}

milliseconds RunLoop::scheduleNextHeartbeat(Mono now) {
  next_heartbeat_ = now + options_.heartbeat_interval;
  return duration_cast<milliseconds>(options_.heartbeat_interval);
}

milliseconds RunLoop::deliverInventory(Mono now) {
  auto& log = logger("agent");
  if (!pending_inventory_) pending_inventory_ = collector_.collect();
  const auto& report = *pending_inventory_;
  const Delivery delivery = client_.sendInventory(report);
  switch (delivery.outcome) {
    case Delivery::Outcome::Accepted:
      log.information("posted inventory [report=" + report.report_id + "] packages=" +
                      std::to_string(report.packages.size()) + ": " + delivery.detail);
      ++inventories_delivered_;
      break;
    case Delivery::Outcome::RetryLater:
      return retryLater(now, "inventory", delivery);
    case Delivery::Outcome::InventoryRequired:
    case Delivery::Outcome::Rejected:
      // Our bug or a collector we do not understand: resending the same bytes would
      // fail the same way. A later 409 on a heartbeat asks for a fresh one.
      log.error("collector rejected inventory [report=" + report.report_id +
                "]: " + describe(delivery));
      break;
  }
  pending_inventory_.reset();
  inventory_needed_ = false;
  consecutive_failures_ = 0;
  return scheduleNextHeartbeat(now);
}

milliseconds RunLoop::deliverHeartbeat(Mono now) {
  auto& log = logger("agent");
  wire::Heartbeat heartbeat;
  heartbeat.heartbeat_id = newUuidV7(clock_);
  heartbeat.agent_id = agent_id_;
  heartbeat.sent_at = formatRfc3339(clock_.now());
  const HealthSample sample = health_.sample();
  heartbeat.uptime_seconds = sample.uptime_seconds;
  heartbeat.load1 = sample.load1;
  heartbeat.health = sample.health;
  const Delivery delivery = client_.sendHeartbeat(heartbeat);
  switch (delivery.outcome) {
    case Delivery::Outcome::Accepted:
      log.debug("posted heartbeat [heartbeat=" + heartbeat.heartbeat_id + "]");
      ++heartbeats_delivered_;
      break;
    case Delivery::Outcome::InventoryRequired:
      log.information("collector asked for a full inventory");
      inventory_needed_ = true;
      consecutive_failures_ = 0;
      return milliseconds(0);
    case Delivery::Outcome::Rejected:
      log.error("collector rejected heartbeat [heartbeat=" + heartbeat.heartbeat_id +
                "]: " + describe(delivery));
      break;
    case Delivery::Outcome::RetryLater:
      // The retry sends a fresh heartbeat: only the latest state matters.
      return retryLater(now, "heartbeat", delivery);
  }
  consecutive_failures_ = 0;
  return scheduleNextHeartbeat(now);
}

milliseconds RunLoop::retryLater(Mono now, const char* what, const Delivery& delivery) {
  ++consecutive_failures_;
  const auto cap = duration_cast<milliseconds>(options_.heartbeat_interval);
  milliseconds backoff = options_.initial_backoff;
  for (int i = 1; i < consecutive_failures_ && backoff < cap; ++i) backoff *= 2;
  backoff = std::min(backoff, cap);
  // "Equal jitter": between half and all of the backoff, so agents that lost the
  // collector together do not come back together.
  const double r = std::clamp(random01_(), 0.0, 1.0);
  auto wait = milliseconds(backoff.count() / 2 + static_cast<milliseconds::rep>(
                                                     r * static_cast<double>(backoff.count() / 2)));
  if (delivery.retry_after) wait = std::max<milliseconds>(wait, *delivery.retry_after);
  wait = std::max(wait, milliseconds(1));
  not_before_ = now + wait;
  logger("agent").warning(std::string("could not deliver ") + what + " (attempt " +
                          std::to_string(consecutive_failures_) + "): " + describe(delivery) +
                          "; retrying in " + std::to_string(wait.count()) + " ms");
  return wait;
}

}  // namespace steward::agent
