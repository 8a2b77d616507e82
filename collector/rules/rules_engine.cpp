#include "collector/rules/rules_engine.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "collector/rules/link_trap.h"
#include "collector/rules/maintenance.h"
#include "collector/rules/rules_engine_batch.h"
#include "collector/rules/rules_file.h"
#include "collector/rules/title_template.h"
#include "collector/storage/outbox_table.h"
#include "shared/common/id.h"
#include "shared/common/log.h"

namespace steward::collector::rules {

namespace json = boost::json;

namespace {

Poco::Logger& log() { return logger("collector.rules"); }

// Liveness is written at most this often per asset: after a restart the engine
// waits out a grace period anyway, so a slightly older stored time costs nothing.
constexpr std::int64_t kLivenessStoreEveryMs = 30'000;

std::string normaliseOid(std::string oid) {
  if (!oid.empty() && oid.front() == '.') oid.erase(0, 1);
  return oid;
}

}  // namespace

RulesEngine::RulesEngine(storage::CollectorDb& db, const Clock& clock,
                         const UplinkResolver& uplinks, RuleSet rules,
                         std::function<void()> on_enqueued)
    : db_(db),
      clock_(clock),
      uplinks_(uplinks),
      on_enqueued_(std::move(on_enqueued)),
      rules_(std::make_shared<const RuleSet>(std::move(rules))) {}

std::int64_t RulesEngine::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
      .count();
}

Result<void> RulesEngine::start() {
  if (auto r = ConditionStore::prepare(db_); !r) return r;
  std::lock_guard lock(mutex_);
  auto loaded = db_.read([&](steward::storage::SqliteDb& sql) -> Result<void> {
    ConditionStore store(sql);
    auto conditions = store.conditions();
    if (!conditions) return conditions.error();
    for (auto& c : *conditions) conditions_.emplace(c.key, std::move(c));
    auto liveness = store.liveness();
    if (!liveness) return liveness.error();
    liveness_ = std::move(*liveness);
    auto ports = store.portNames();
    if (!ports) return ports.error();
    ports_ = std::move(*ports);
    return {};
  });
  if (!loaded) return loaded;
  // The collector's own start: agents get missed x interval to report before any of
  // them counts as offline (see the header).
  Millis grace{0};
  for (const auto& rule : rules_->rules) {
    if (rule.kind == RuleKind::AgentOffline)
      grace = std::max(grace, rule.heartbeat_interval * rule.missed);
  }
  grace_until_ = clock_.monotonic() + grace;
  log().information("rules engine started: %s rules from %s, %s open conditions",
                    std::to_string(rules_->rules.size()), rules_->source,
                    std::to_string(conditions_.size()));
  return {};
}

void RulesEngine::replaceRules(RuleSet rules) {
  std::lock_guard lock(mutex_);
  rules_ = std::make_shared<const RuleSet>(std::move(rules));
}

Result<void> RulesEngine::reload(const std::string& path) {
  auto loaded = loadRulesFile(path);
  if (!loaded) {
    log().error("rules reload failed, keeping the previous rules: %s", loaded.error().message);
    return loaded.error();
  }
  const auto count = loaded->rules.size();
  replaceRules(std::move(*loaded));
  log().information("rules reloaded from %s: %s rules", path, std::to_string(count));
  return {};
}

std::shared_ptr<const RuleSet> RulesEngine::rules() const {
  std::lock_guard lock(mutex_);
  return rules_;
}

std::vector<Condition> RulesEngine::conditions() const {
  std::lock_guard lock(mutex_);
  std::vector<Condition> out;
  for (const auto& [_, c] : conditions_) out.push_back(c);
  return out;
}

Condition RulesEngine::current(const Batch& batch, const ConditionKey& key) const {
  if (auto w = batch.writes.find(key); w != batch.writes.end()) {
    if (w->second) return *w->second;
    return freshCondition(key);
  }
  if (auto c = conditions_.find(key); c != conditions_.end()) return c->second;
  return freshCondition(key);
}

std::string RulesEngine::hostnameOf(const std::string& asset_id) const {
  if (auto l = liveness_.find(asset_id); l != liveness_.end()) return l->second.hostname;
  return "";
}

bool RulesEngine::suppressed(const std::string& asset_id, std::int64_t now_ms) const {
  const std::string window = activeWindow(rules_->maintenance, asset_id, hostnameOf(asset_id),
                                          Clock::WallTime(std::chrono::milliseconds(now_ms)));
  return !window.empty();
}

void RulesEngine::observe(Batch& batch, const Rule& rule, const std::string& asset_id,
                          const Observation& o, std::int64_t now_ms) {
  const ConditionKey key{asset_id, rule.id, o.subject};
  const bool known = batch.writes.contains(key) || conditions_.contains(key);
  if (!known && o.signal != Signal::Fault) return;  // the common case: all is well
  Condition c = current(batch, key);
  const Step step =
      advance(c, o.signal, timingFor(rule, rules_->settings), now_ms, suppressed(asset_id, now_ms));
  if (!step.changed && !step.kind) return;
  apply(batch, std::move(c), rule, step.kind, o, now_ms);
}

void RulesEngine::apply(Batch& batch, Condition c, const Rule& rule,
                        const std::optional<std::string>& kind, const Observation& o,
                        std::int64_t now_ms) {
  if (o.signal == Signal::Fault) c.evidence = o.evidence;
  if (kind == "raise" || kind == "reopen" || c.title.empty()) {
    c.title = renderTitle(rule.title, {{"hostname", hostnameOf(c.key.asset_id)},
                                       {"asset_id", c.key.asset_id},
                                       {"subject", c.key.subject},
                                       {"value", o.value},
                                       {"threshold", o.threshold},
                                       {"rule", rule.id}});
  }
  if (kind) batch.events.push_back(event(c, rule, *kind, o, now_ms));
  const bool idle = isIdle(c, timingFor(rule, rules_->settings), now_ms);
  const ConditionKey key = c.key;
  if (idle && !conditions_.contains(key) && !batch.writes.contains(key)) return;
  batch.writes[key] = idle ? std::nullopt : std::optional<Condition>(std::move(c));
}

wire::IncidentEvent RulesEngine::event(const Condition& c, const Rule& rule,
                                       const std::string& kind, const Observation& o,
                                       std::int64_t now_ms) const {
  wire::IncidentEvent e;
  e.event_id = newUuidV7(clock_);
  e.collector_id = db_.collectorId();
  e.kind = kind;
  e.asset_id = c.key.asset_id;
  e.rule_id = rule.id;
  e.subject = c.key.subject;
  e.title = c.title.empty() ? rule.id + " on " + c.key.asset_id : c.title;
  e.description = kind == "clear" ? "Cleared: " + o.description : o.description;
  if (c.flapping)
    e.description +=
        " (flapping: the condition changed state often; its clear waits until it is stable)";
  e.urgency = rule.urgency;
  e.evidence = o.evidence.empty() ? "{}" : o.evidence;
  e.occurred_at = formatRfc3339(Clock::WallTime(std::chrono::milliseconds(now_ms)));
  e.flapping = c.flapping;
  return e;
}

void RulesEngine::observeAll(Batch& batch, const std::string& asset_id,
                             const Observations& observations, std::int64_t now_ms) {
  std::set<ConditionKey> seen;
  for (const auto& o : observations.items) {
    const Rule* rule = rules_->find(o.rule_id);
    if (!rule) continue;
    observe(batch, *rule, asset_id, o, now_ms);
    seen.insert(ConditionKey{asset_id, o.rule_id, o.subject});
  }
  // Conditions on subjects the report no longer mentions are over.
  std::vector<ConditionKey> gone;
  for (auto it = conditions_.lower_bound(ConditionKey{asset_id, "", ""});
       it != conditions_.end() && it->first.asset_id == asset_id; ++it) {
    if (observations.evaluated_rules.contains(it->first.rule_id) && !seen.contains(it->first)) {
      gone.push_back(it->first);
    }
  }
  for (const auto& key : gone) {
    const Rule* rule = rules_->find(key.rule_id);
    if (!rule) continue;
    Observation o;
    o.rule_id = key.rule_id;
    o.subject = key.subject;
    o.signal = Signal::Ok;
    o.description = key.subject + " is no longer reported";
    observe(batch, *rule, asset_id, o, now_ms);
  }
}

Result<void> RulesEngine::onHeartbeat(const std::string& asset_id,
                                      const wire::Heartbeat& heartbeat) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = nowMs();
  Batch batch;
  Liveness l = liveness_.count(asset_id) ? liveness_[asset_id] : Liveness{};
  const bool store = !l.last_heartbeat_ms || now - *l.last_heartbeat_ms >= kLivenessStoreEveryMs ||
                     l.hostname.empty();
  if (l.hostname.empty()) {
    // Inventories fill it; this covers assets inventoried before the engine existed.
    (void)db_.read([&](steward::storage::SqliteDb& sql) -> Result<void> {
      auto stmt = sql.prepare("SELECT hostname FROM assets WHERE asset_id = ?");
      if (!stmt) return stmt.error();
      stmt->bind(1, asset_id);
      auto row = stmt->step();
      if (row && *row) l.hostname = stmt->text(0);
      return {};
    });
  }
  l.last_heartbeat_ms = now;
  liveness_[asset_id] = l;  // in memory always; on disk every kLivenessStoreEveryMs
  if (store) batch.liveness[asset_id] = l;

  for (const auto& rule : rules_->rules) {
    if (!rule.enabled || rule.kind != RuleKind::AgentOffline) continue;
    Observation o;
    o.rule_id = rule.id;
    o.signal = Signal::Ok;
    o.description = "heartbeat received again";
    o.evidence = json::serialize(json::object{{"last_heartbeat", formatRfc3339(clock_.now())}});
    const ConditionKey key{asset_id, rule.id, ""};
    const Condition before = current(batch, key);
    observe(batch, rule, asset_id, o, now);
    if (!before.linked_to.empty()) {
      // Back while attached to its uplink's incident: detach, refresh the list.
      auto w = batch.writes.find(key);
      if (w != batch.writes.end() && w->second) w->second->linked_to.clear();
      batch.dirty.insert(before.linked_to);
    }
  }
  if (heartbeat.health)
    observeAll(batch, asset_id, observeHealth(*rules_, *heartbeat.health, l.cpu_threads), now);
  return commit(batch);
}

Result<void> RulesEngine::onInventory(const std::string& asset_id,
                                      const wire::InventoryReport& report) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = nowMs();
  Batch batch;
  Liveness l = liveness_.count(asset_id) ? liveness_[asset_id] : Liveness{};
  l.hostname = report.system.hostname;
  if (report.cpu.threads > 0) l.cpu_threads = static_cast<int>(report.cpu.threads);
  batch.liveness[asset_id] = l;

  std::map<std::string, std::string> before;
  auto read = db_.read([&](steward::storage::SqliteDb& sql) -> Result<void> {
    auto stored = ConditionStore(sql).components(asset_id);
    if (!stored) return stored.error();
    before = std::move(*stored);
    return {};
  });
  if (!read) return read;
  std::map<std::string, std::string> after = hardwareComponents(report);
  auto snapshot = after;
  bool memory = false, disks = false;
  for (const auto& [key, _] : after) {
    memory = memory || key.starts_with("memory:");
    disks = disks || key.starts_with("disk:");
  }
  for (const auto& [key, description] : before) {
    // A category this report left empty (no root for SMBIOS) keeps what was known.
    if (key.starts_with("memory:") ? !memory : !disks) snapshot.emplace(key, description);
  }
  batch.components = std::make_pair(asset_id, std::move(snapshot));
  liveness_[asset_id] = l;  // the hostname titles use, before observing
  if (!before.empty()) observeAll(batch, asset_id, observeHardware(*rules_, before, after), now);
  return commit(batch);
}

Result<void> RulesEngine::onTrap(const std::string& asset_id, const std::string& trap_oid,
                                 const std::vector<TrapVarbind>& varbinds,
                                 const std::string& subject) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = nowMs();
  const std::string oid = normaliseOid(trap_oid);
  Batch batch;
  json::object bound;
  for (const auto& v : varbinds) bound[normaliseOid(v.oid)] = v.value;
  const std::optional<std::uint32_t> if_index = trapIfIndex(varbinds, subject);
  const auto polled = ports_.find(asset_id);
  const std::vector<PortState>* ports = polled == ports_.end() ? nullptr : &polled->second;
  for (const auto& rule : rules_->rules) {
    if (!rule.enabled || rule.kind != RuleKind::Trap) continue;
    const bool raises = oid == rule.oid;
    if (!raises && (rule.clear_oid.empty() || oid != rule.clear_oid)) continue;
    // Fed into an interface_down condition: one incident per port, trap or poll.
    const Rule* target = rule.condition.empty() ? nullptr : rules_->find(rule.condition);
    if (target && target->enabled && target->kind == RuleKind::InterfaceDown && if_index) {
      observe(batch, *target, asset_id,
              observeLinkTrap(rule, *target, raises, oid, *if_index, ports, varbinds), now);
      continue;
    }
    Observation o;
    o.rule_id = rule.id;
    o.subject = subject;
    if (!rule.subject_varbind.empty()) {
      for (const auto& v : varbinds) {
        const std::string v_oid = normaliseOid(v.oid);
        if (v_oid == rule.subject_varbind || v_oid.starts_with(rule.subject_varbind + ".")) {
          o.subject = v.value;
          break;
        }
      }
    }
    // An ifIndex subject is named as the polls name the port, so titles and
    // interface_down agree ("ifIndex N" until the device was polled).
    if (rule.subject_varbind == kIfIndexColumn && if_index) {
      o.subject = portSubject(ports, *if_index);
    }
    o.signal = raises ? Signal::Fault : Signal::Ok;
    o.value = oid;
    json::object evidence{{"trap_oid", oid}, {"varbinds", bound}};
    if (if_index) evidence["if_index"] = static_cast<std::int64_t>(*if_index);
    o.evidence = json::serialize(evidence);
    o.description = std::string(raises ? "trap " : "clearing trap ") + oid +
                    (o.subject.empty() ? "" : " for " + o.subject) + " with varbinds " +
                    json::serialize(bound);
    observe(batch, rule, asset_id, o, now);
  }
  return commit(batch);
}

Result<void> RulesEngine::onReachability(const std::string& asset_id, bool reachable,
                                         const std::string& evidence_json) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = nowMs();
  Batch batch;
  for (const auto& rule : rules_->rules) {
    if (!rule.enabled || rule.kind != RuleKind::DeviceUnreachable) continue;
    Observation o;
    o.rule_id = rule.id;
    o.signal = reachable ? Signal::Ok : Signal::Fault;
    o.value = reachable ? "reachable" : "unreachable";
    o.evidence = evidence_json.empty() ? "{}" : evidence_json;
    o.description = std::string("the device ") + (reachable ? "answers again" : "does not answer");
    observe(batch, rule, asset_id, o, now);
  }
  batch.dirty.insert(asset_id);
  return commit(batch);
}

Result<void> RulesEngine::commit(Batch& batch) {
  if (batch.writes.empty() && batch.events.empty() && batch.liveness.empty() && !batch.components &&
      !batch.ports) {
    dirty_uplinks_.insert(batch.dirty.begin(), batch.dirty.end());
    return {};
  }
  const std::string now = formatRfc3339(clock_.now());
  auto done = db_.transact([&](steward::storage::SqliteDb& sql) -> Result<void> {
    ConditionStore store(sql);
    for (const auto& [key, c] : batch.writes) {
      if (auto r = c ? store.save(*c) : store.remove(key); !r) return r;
    }
    for (const auto& [asset_id, l] : batch.liveness) {
      if (auto r = store.saveLiveness(asset_id, l); !r) return r;
    }
    if (batch.components) {
      if (auto r = store.replaceComponents(batch.components->first, batch.components->second); !r) {
        return r;
      }
    }
    if (batch.ports) {
      if (auto r = store.replacePortNames(batch.ports->first, batch.ports->second); !r) return r;
    }
    storage::OutboxTable outbox(sql);
    for (const auto& e : batch.events) {
      if (auto r = outbox.enqueue(storage::newOutboxItem(storage::kOutboxIncident, e.asset_id,
                                                         e.event_id, wire::encodeIncidentEvent(e),
                                                         now));
          !r) {
        return r;
      }
    }
    return {};
  });
  if (!done) {
    log().error("cannot store rule conditions (nothing sent): %s", done.error().message);
    return done;
  }
  for (auto& [key, c] : batch.writes) {
    if (c) {
      conditions_[key] = std::move(*c);
    } else {
      conditions_.erase(key);
    }
  }
  if (batch.ports) ports_[batch.ports->first] = std::move(batch.ports->second);
  dirty_uplinks_.insert(batch.dirty.begin(), batch.dirty.end());
  for (const auto& e : batch.events) {
    log().information("[asset=%s] [rule=%s] [subject=%s] %s%s: %s", e.asset_id, e.rule_id,
                      e.subject, e.kind, std::string(e.flapping ? " (flapping)" : ""), e.title);
  }
  if (!batch.events.empty() && on_enqueued_) on_enqueued_();
  return {};
}

}  // namespace steward::collector::rules
