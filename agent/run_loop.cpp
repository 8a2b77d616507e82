#include "agent/run_loop.h"

#include <algorithm>

#include "shared/common/id.h"
#include "shared/common/log.h"
#include "shared/wire/json_codec.h"

namespace steward::agent {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

namespace {

// Items delivered per tick at most, so a long backlog still lets main() look at its
// stop signals between batches.
constexpr int kBatch = 20;

std::string describe(const Delivery& delivery) {
  if (delivery.status == 0) return delivery.detail;
  return "HTTP " + std::to_string(delivery.status) + " " + delivery.detail;
}

const char* kindName(SpoolKind kind) {
  return kind == SpoolKind::Inventory ? "inventory" : "heartbeat";
}

}  // namespace

RunLoop::RunLoop(SwitchableCollector& collector, HealthSampler& health, CollectorClient& client,
                 Spool& spool, const Clock& clock, std::string agent_id, Options options,
                 std::function<double()> random01)
    : collector_(collector),
      health_(health),
      client_(client),
      spool_(spool),
      clock_(clock),
      agent_id_(std::move(agent_id)),
      options_(std::move(options)),
      random01_(std::move(random01)),
      settings_(options_.local) {
  if (!options_.state_dir.empty()) pushed_ = loadCollectorSettings(options_.state_dir);
  if (pushed_) {
    settings_ = overlay(options_.local, *pushed_);
    logger("agent").information("using the settings the collector pushed last: " +
                                agent::describe(settings_));
  }
  if (!sameSections(settings_.sections, collector_.sections())) {
    collector_.setSections(settings_.sections);
  }
  watch_.setLevels(settings_.watch);
}

milliseconds RunLoop::tick() {
  const Mono now = clock_.monotonic();
  if (!started_) {
    started_ = true;
    next_heartbeat_ = now + settings_.heartbeat_interval;
    checkInventory(now, true);  // full inventory at every start
  } else if (now >= next_inventory_check_) {
    checkInventory(now, false);
  }
  if (now >= next_heartbeat_) {
    queueHeartbeat(now);
    next_heartbeat_ = now + settings_.heartbeat_interval;
    next_watch_ = now + settings_.watch_interval;  // the heartbeat just looked at everything
  } else if (watching() && now >= next_watch_) {
    watch(now);
  }
  deliver(now);

  // Settings pushed during delivery may have moved the schedule.
  Mono wake = std::min(next_heartbeat_, next_inventory_check_);
  if (watching()) wake = std::min(wake, next_watch_);
  if (backlog_) wake = std::min(wake, not_before_.value_or(now));
  return wake <= now ? milliseconds(0) : std::chrono::ceil<milliseconds>(wake - now);
}

void RunLoop::checkInventory(Mono now, bool force) {
  auto& log = logger("agent");
  next_inventory_check_ = now + settings_.inventory_interval;
  wire::InventoryReport report = collector_.collect();
  SectionHashes hashes = sectionHashes(report);
  if (report.cpu.threads > 0) cpu_threads_ = static_cast<int>(report.cpu.threads);
  const std::string changed = changedSections(hashes_, hashes);
  if (!force && changed.empty()) {
    log.debug("inventory unchanged; heartbeats carry its hashes");
    return;
  }
  report.section_hashes = hashes;
  auto queued = spool_.push(SpoolKind::Inventory, report.report_id, wire::encodeInventory(report));
  if (!queued) {
    log.error("could not queue inventory [report=" + report.report_id +
              "]: " + queued.error().message);
    return;  // hashes_ stays: the next check tries again
  }
  maybe_queued_ = true;
  log.information("queued inventory [report=" + report.report_id + "] [seq=" +
                  std::to_string(*queued) + "] packages=" + std::to_string(report.packages.size()) +
                  (force ? "" : " (changed: " + changed + ")"));
  hashes_ = std::move(hashes);
}

bool RunLoop::watching() const {
  return settings_.watch_interval.count() > 0 && !watch_.levels().empty();
}

void RunLoop::watch(Mono now) {
  next_watch_ = now + settings_.watch_interval;
  const HealthSample sample = health_.watchSample(watch_.needs());
  if (!sample.health) return;
  const auto why = watch_.check(*sample.health, cpu_threads_, now,
                                duration_cast<milliseconds>(settings_.watch_interval));
  if (!why) return;
  logger("agent").information("heartbeat now: " + *why);
  ++watch_heartbeats_;
  queueHeartbeat(now);
  next_heartbeat_ = now + settings_.heartbeat_interval;
}

void RunLoop::queueHeartbeat(Mono now) {
  wire::Heartbeat heartbeat;
  heartbeat.heartbeat_id = newUuidV7(clock_);
  heartbeat.agent_id = agent_id_;
  heartbeat.sent_at = formatRfc3339(clock_.now());
  const HealthSample sample = health_.sample();
  heartbeat.uptime_seconds = sample.uptime_seconds;
  heartbeat.load1 = sample.load1;
  heartbeat.health = sample.health;
  heartbeat.section_hashes = hashes_;
  auto queued =
      spool_.push(SpoolKind::Heartbeat, heartbeat.heartbeat_id, wire::encodeHeartbeat(heartbeat));
  if (!queued) {
    logger("agent").error("could not queue heartbeat: " + queued.error().message);
    return;
  }
  maybe_queued_ = true;
  if (sample.health) watch_.reported(*sample.health, cpu_threads_, now);
}

void RunLoop::deliver(Mono now) {
  auto& log = logger("agent");
  backlog_ = false;
  if (!maybe_queued_) return;
  for (int i = 0; i < kBatch; ++i) {
    auto front = spool_.front();
    if (!front) {
      log.error("cannot read the spool: " + front.error().message);
      return;
    }
    backlog_ = front->has_value();
    if (!backlog_) {
      maybe_queued_ = false;
      return;
    }
    if (not_before_ && now < *not_before_) return;
    not_before_.reset();
    const SpoolItem& item = **front;
    const std::string what = std::string(kindName(item.kind)) + " [" +
                             (item.kind == SpoolKind::Inventory ? "report=" : "heartbeat=") +
                             item.key + "] [seq=" + std::to_string(item.sequence) + "]";
    const Delivery delivery = client_.sendSpooled(item);
    switch (delivery.outcome) {
      case Delivery::Outcome::Accepted:
        if (auto r = spool_.remove(item.sequence); !r) {
          log.error("delivered " + what + " but cannot remove it: " + r.error().message);
        }
        consecutive_failures_ = 0;
        if (item.kind == SpoolKind::Inventory) {
          ++inventories_delivered_;
          log.information("delivered " + what);
        } else {
          ++heartbeats_delivered_;
          log.debug("delivered " + what);
        }
        if (item.dropped > 0) {
          log.warning("reported " + std::to_string(item.dropped) +
                      " reports the full spool had dropped");
        }
        applyReply(now, delivery.detail);
        break;
      case Delivery::Outcome::RetryLater:
        retryLater(now, item, delivery);
        return;
      case Delivery::Outcome::InventoryRequired:
        // The collector lacks the inventory these hashes describe (lost, or dropped
        // here): this heartbeat is useless to it; a full inventory goes first.
        log.information("collector asked for a full inventory (" + describe(delivery) + ")");
        if (auto r = spool_.discard(item.sequence); !r) log.error(r.error().message);
        consecutive_failures_ = 0;
        if (auto waiting = spool_.holdsInventory(); !waiting || !*waiting) {
          checkInventory(now, true);
        }
        break;
      case Delivery::Outcome::Rejected:
        // Resending the same bytes would fail the same way: log it and move on. A
        // later 409 on a heartbeat asks for a fresh inventory.
        log.error("collector rejected " + what + ": " + describe(delivery));
        if (auto r = spool_.discard(item.sequence); !r) log.error(r.error().message);
        consecutive_failures_ = 0;
        break;
    }
  }
}

void RunLoop::retryLater(Mono now, const SpoolItem& item, const Delivery& delivery) {
  ++consecutive_failures_;
  const auto cap = duration_cast<milliseconds>(settings_.heartbeat_interval);
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
  logger("agent").warning(std::string("could not deliver ") + kindName(item.kind) + " [seq=" +
                          std::to_string(item.sequence) + "] (attempt " +
                          std::to_string(consecutive_failures_) + "): " + describe(delivery) +
                          "; kept in the spool, retrying in " + std::to_string(wait.count()) +
                          " ms");
}

void RunLoop::applyReply(Mono now, const std::string& body) {
  auto& log = logger("agent");
  const wire::DecodedSettings decoded = wire::decodeReplySettings(body);
  std::string problems;
  for (const auto& problem : decoded.problems) problems += problem + "; ";
  if (problems != last_problems_) {
    last_problems_ = problems;
    for (const auto& problem : decoded.problems) {
      log.warning("ignoring a setting the collector pushed: " + problem +
                  " (agent.conf's value applies)");
    }
  }
  if (!decoded.config || decoded.config == pushed_) return;
  pushed_ = decoded.config;
  if (!options_.state_dir.empty()) {
    if (auto saved = saveCollectorSettings(options_.state_dir, *pushed_); !saved) {
      log.error("cannot save the collector's settings: " + saved.error().message);
    }
  }
  applySettings(now, overlay(options_.local, *pushed_));
}

void RunLoop::applySettings(Mono now, const RunSettings& next) {
  if (sameSettings(next, settings_)) return;
  const RunSettings previous = settings_;
  settings_ = next;
  logger("agent").information("applying settings from the collector: " +
                              agent::describe(settings_));
  if (next.heartbeat_interval != previous.heartbeat_interval) {
    next_heartbeat_ = now + next.heartbeat_interval;
  }
  if (next.inventory_interval != previous.inventory_interval) {
    next_inventory_check_ = now + next.inventory_interval;
  }
  if (!sameSections(next.sections, previous.sections)) {
    collector_.setSections(next.sections);
    next_inventory_check_ = now;  // other categories: other hashes, a new inventory
  }
  watch_.setLevels(next.watch);
  if (next.watch_interval != previous.watch_interval || next.watch != previous.watch) {
    next_watch_ = now;  // look at once: a signal may already be past a new level
  }
}

}  // namespace steward::agent
