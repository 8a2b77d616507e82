// RulesEngine::tick(): the timer half of the engine. Offline detection with the
// collector's own outage guard, uplink linking, and the clears no report triggers
// (trap quiet periods, flapping conditions that became stable).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "collector/rules/rules_engine.h"
#include "collector/rules/rules_engine_batch.h"
#include "shared/common/log.h"

namespace steward::collector::rules {

namespace json = boost::json;

namespace {

Poco::Logger& log() { return logger("collector.rules"); }

bool isLinkTarget(RuleKind kind) {
  return kind == RuleKind::DeviceUnreachable || kind == RuleKind::AgentOffline;
}

}  // namespace

std::optional<std::string> RulesEngine::openUplink(const Batch& batch, const std::string& asset_id,
                                                   const std::set<std::string>& going_down) const {
  const auto uplink = uplinks_.uplinkOf(asset_id);
  if (!uplink || *uplink == asset_id) return std::nullopt;
  if (going_down.contains(*uplink)) return *uplink;
  std::set<ConditionKey> keys;
  for (auto it = conditions_.lower_bound(ConditionKey{*uplink, "", ""});
       it != conditions_.end() && it->first.asset_id == *uplink; ++it) {
    keys.insert(it->first);
  }
  for (auto it = batch.writes.lower_bound(ConditionKey{*uplink, "", ""});
       it != batch.writes.end() && it->first.asset_id == *uplink; ++it) {
    keys.insert(it->first);
  }
  for (const auto& key : keys) {
    const Rule* rule = rules_->find(key.rule_id);
    const Condition c = current(batch, key);
    if (rule && isLinkTarget(rule->kind) && c.active && c.incident_open) return *uplink;
  }
  return std::nullopt;
}

Result<void> RulesEngine::tick() {
  std::lock_guard lock(mutex_);
  const std::int64_t now = nowMs();
  Batch batch;
  checkOffline(batch, now);

  std::vector<ConditionKey> idle;
  for (const auto& [key, stored] : conditions_) {
    const Rule* rule = rules_->find(key.rule_id);
    if (!rule || !rule->enabled) continue;
    const Condition c = current(batch, key);
    const Timing timing = timingFor(*rule, rules_->settings);
    Observation o;
    o.rule_id = key.rule_id;
    o.subject = key.subject;
    o.signal = Signal::Ok;
    o.evidence = c.evidence;
    if (rule->kind == RuleKind::Trap && c.active && rule->clear_after.count() > 0 &&
        now - c.last_fault_ms >= rule->clear_after.count()) {
      o.description = "no trap for " + std::to_string(rule->clear_after.count() / 1000) + " s";
      observe(batch, *rule, key.asset_id, o, now);
    } else if (c.incident_open && c.flapping && !c.active) {
      o.description = "stable again after flapping";
      observe(batch, *rule, key.asset_id, o, now);
    } else if (!batch.writes.contains(key) && isIdle(c, timing, now)) {
      idle.push_back(key);  // reopen window and flap history are over: forget it
    }
  }
  for (const auto& key : idle) batch.writes[key] = std::nullopt;

  for (const auto& uplink : dirty_uplinks_) batch.dirty.insert(uplink);
  dirty_uplinks_.clear();
  for (const auto& uplink : std::set<std::string>(batch.dirty)) sendLinks(batch, uplink, now);
  batch.dirty.clear();
  return commit(batch);
}

void RulesEngine::checkOffline(Batch& batch, std::int64_t now_ms) {
  const Clock::MonoTime mono = clock_.monotonic();
  std::vector<const Rule*> offline_rules;
  Millis grace{0}, shortest{std::chrono::hours(24)};
  for (const auto& rule : rules_->rules) {
    if (!rule.enabled || rule.kind != RuleKind::AgentOffline) continue;
    offline_rules.push_back(&rule);
    grace = std::max(grace, rule.heartbeat_interval * rule.missed);
    shortest = std::min(shortest, rule.heartbeat_interval);
  }
  const auto previous = last_tick_;
  last_tick_ = mono;
  if (offline_rules.empty()) return;
  if (previous && mono - *previous > shortest) {
    // This loop did not run for longer than a heartbeat interval: heartbeats may
    // have gone unheard, so give every agent a fresh chance.
    log().warning("rules timer paused for %s ms; offline detection waits %s ms",
                  std::to_string(std::chrono::duration_cast<Millis>(mono - *previous).count()),
                  std::to_string(grace.count()));
    grace_until_ = std::max(grace_until_, mono + grace);
  }
  if (mono < grace_until_) return;

  struct Candidate {
    const Rule* rule;
    std::string asset_id;
    std::int64_t silent_ms;
  };
  std::vector<Candidate> fresh;  // not yet active: would raise or link now
  int monitored = 0;
  for (const auto& [asset_id, l] : liveness_) {
    if (!l.last_heartbeat_ms) continue;
    ++monitored;
    for (const Rule* rule : offline_rules) {
      const std::int64_t silent = now_ms - *l.last_heartbeat_ms;
      const ConditionKey key{asset_id, rule->id, ""};
      const Condition c = current(batch, key);
      if (silent <= (rule->heartbeat_interval * rule->missed).count()) continue;
      if (c.active && c.linked_to.empty()) {
        Observation o;
        o.rule_id = rule->id;
        o.signal = Signal::Fault;
        o.value = std::to_string(silent / 1000);
        o.evidence = c.evidence;
        o.description = "no heartbeat for " + std::to_string(silent / 1000) + " s";
        observe(batch, *rule, asset_id, o, now_ms);  // repeats, rate-limited
        continue;
      }
      if (c.active && openUplink(batch, asset_id) == c.linked_to) continue;  // still attached
      fresh.push_back(Candidate{rule, asset_id, silent});
    }
  }
  if (fresh.empty()) {
    outage_logged_ = false;
    return;
  }

  // Explained: the uplink is down already, or goes down in this same check (a switch
  // and everything behind it fall silent together). Only the rest can be an outage.
  std::set<std::string> going_down;
  for (const auto& f : fresh) going_down.insert(f.asset_id);
  std::vector<Candidate> unexplained, explained;
  for (const auto& f : fresh) {
    (openUplink(batch, f.asset_id, going_down) ? explained : unexplained).push_back(f);
  }
  const auto& s = rules_->settings;
  const bool outage = monitored >= s.outage_min_agents && !unexplained.empty() &&
                      static_cast<double>(unexplained.size()) >= s.outage_fraction * monitored;
  if (outage) {
    if (!outage_logged_) {
      log().warning(
          "%s of %s monitored agents went silent at once: treating it as this collector's own "
          "outage, raising nothing for them",
          std::to_string(unexplained.size()), std::to_string(monitored));
    }
    outage_logged_ = true;
    grace_until_ = mono + grace;
    unexplained.clear();
  } else {
    outage_logged_ = false;
  }

  const auto evidenceOf = [](const Candidate& f) {
    return json::serialize(
        json::object{{"silent_seconds", f.silent_ms / 1000.0},
                     {"heartbeat_interval_seconds", f.rule->heartbeat_interval.count() / 1000.0},
                     {"missed", f.rule->missed}});
  };
  // Uplinks first, so that what sits behind them finds their incident open.
  for (const auto& f : unexplained) {
    const ConditionKey key{f.asset_id, f.rule->id, ""};
    Condition c = current(batch, key);
    if (!c.linked_to.empty()) {
      // Its uplink recovered but it did not: it raises on its own now.
      batch.dirty.insert(c.linked_to);
      c.linked_to.clear();
      c.active = false;
      batch.writes[key] = c;
    }
    const std::string silent = std::to_string(f.silent_ms / 1000);
    Observation o;
    o.rule_id = f.rule->id;
    o.signal = Signal::Fault;
    o.value = silent;
    o.evidence = evidenceOf(f);
    o.description = "no heartbeat for " + silent + " s (expected every " +
                    std::to_string(f.rule->heartbeat_interval.count() / 1000) + " s)";
    observe(batch, *f.rule, f.asset_id, o, now_ms);
  }
  for (const auto& f : explained) {
    const auto uplink = openUplink(batch, f.asset_id);
    if (!uplink) continue;  // its uplink did not raise (outage or maintenance): wait
    const ConditionKey key{f.asset_id, f.rule->id, ""};
    Condition c = current(batch, key);
    // Attached to the uplink's incident: no incident of its own.
    if (c.linked_to != *uplink) batch.dirty.insert(*uplink);
    if (!c.linked_to.empty() && c.linked_to != *uplink) batch.dirty.insert(c.linked_to);
    c.active = true;
    c.pending_since_ms.reset();
    c.last_fault_ms = now_ms;
    c.linked_to = *uplink;
    c.evidence = evidenceOf(f);
    batch.writes[key] = c;
  }
}

void RulesEngine::sendLinks(Batch& batch, const std::string& uplink, std::int64_t now_ms) {
  // The uplink's open condition that carries the links: its unreachable one if it
  // has one, else its offline one.
  std::set<ConditionKey> keys;
  for (auto it = conditions_.lower_bound(ConditionKey{uplink, "", ""});
       it != conditions_.end() && it->first.asset_id == uplink; ++it) {
    keys.insert(it->first);
  }
  for (auto it = batch.writes.lower_bound(ConditionKey{uplink, "", ""});
       it != batch.writes.end() && it->first.asset_id == uplink; ++it) {
    keys.insert(it->first);
  }
  std::optional<ConditionKey> target;
  for (const auto& key : keys) {
    const Rule* rule = rules_->find(key.rule_id);
    const Condition c = current(batch, key);
    if (!rule || !isLinkTarget(rule->kind) || !c.active || !c.incident_open) continue;
    if (!target || (rule->kind == RuleKind::DeviceUnreachable &&
                    rules_->find(target->rule_id)->kind != RuleKind::DeviceUnreachable)) {
      target = key;
    }
  }
  if (!target) return;
  std::set<std::string> linked;
  for (const auto& [key, c] : conditions_) {
    if (!batch.writes.contains(key) && c.linked_to == uplink && c.active)
      linked.insert(key.asset_id);
  }
  for (const auto& [key, w] : batch.writes) {
    if (w && w->linked_to == uplink && w->active) linked.insert(key.asset_id);
  }
  Condition c = current(batch, *target);
  const Rule* rule = rules_->find(target->rule_id);
  boost::system::error_code ec;
  json::value parsed = json::parse(c.evidence.empty() ? "{}" : c.evidence, ec);
  json::object evidence = !ec && parsed.is_object() ? parsed.as_object() : json::object{};
  json::array ids;
  for (const auto& id : linked) ids.emplace_back(id);
  const auto* old = evidence.if_contains("linked_asset_ids");
  if ((old && *old == json::value(ids)) || (!old && ids.empty())) return;  // nothing new
  evidence["linked_asset_ids"] = ids;
  evidence["linked_count"] = static_cast<std::int64_t>(linked.size());
  c.evidence = json::serialize(evidence);
  c.last_sent_ms = now_ms;
  Observation o;
  o.rule_id = rule->id;
  o.subject = target->subject;
  o.signal = Signal::Fault;
  o.evidence = c.evidence;
  o.description = std::to_string(linked.size()) +
                  " assets behind this device are unreachable and attached to this incident";
  batch.events.push_back(event(c, *rule, "repeat", o, now_ms));
  batch.writes[*target] = c;
}

}  // namespace steward::collector::rules
