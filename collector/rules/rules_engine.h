#pragma once

// The collector's fault rules engine: turns heartbeats, inventories, traps and
// reachability into incident events for the server. One condition per (asset, rule,
// subject); each change of a condition and the event it causes are committed in one
// transaction (rule_conditions + outbox), so a restart neither re-raises nor forgets.
//
// Offline detection runs in tick() (call it about every second). It raises nothing
// while the collector itself cannot have heard its agents:
//   - for missed x heartbeat_interval after the engine starts (agents get a chance
//     to report to a collector that was down);
//   - for the same grace after tick() itself was not called for longer than one
//     heartbeat interval (the collector was stopped, suspended or starved);
//   - when at least outage_fraction of the monitored agents (and at least
//     outage_min_agents) would go offline in the same tick and no uplink incident
//     explains them: that is the collector's own network, not theirs.
// An endpoint whose uplink device (UplinkResolver) has an open unreachable or
// offline incident raises nothing of its own: it is attached to that incident, whose
// evidence lists "linked_asset_ids" (sent as a "repeat" event when the list changes).

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "collector/rules/condition.h"
#include "collector/rules/condition_store.h"
#include "collector/rules/interface_observations.h"
#include "collector/rules/observation.h"
#include "collector/rules/rule_set.h"
#include "collector/rules/uplink_resolver.h"
#include "collector/storage/collector_db.h"
#include "shared/common/clock.h"
#include "shared/common/result.h"
#include "shared/wire/incident_event.h"
#include "shared/wire/inventory.h"

namespace steward::collector::rules {

class RulesEngine {
 public:
  // `on_enqueued` runs after a commit that queued events (wakes the forwarder).
  RulesEngine(storage::CollectorDb& db, const Clock& clock, const UplinkResolver& uplinks,
              RuleSet rules, std::function<void()> on_enqueued = {});

  // Creates the tables and loads the stored conditions and liveness. Call once.
  Result<void> start();

  // Swaps the rule set (SIGHUP). Existing conditions keep their state.
  void replaceRules(RuleSet rules);
  // Loads `path` and swaps on success; on failure logs it, keeps the old rules and
  // returns the error (which names file, line and problem).
  Result<void> reload(const std::string& path);
  std::shared_ptr<const RuleSet> rules() const;

  // A heartbeat of the agent on `asset_id` was committed.
  Result<void> onHeartbeat(const std::string& asset_id, const wire::Heartbeat& heartbeat);
  // An inventory of `asset_id` was committed (hostname, CPU count, components).
  Result<void> onInventory(const std::string& asset_id, const wire::InventoryReport& report);
  // An SNMP trap from the device `asset_id` (the trap receiver resolved it). Matches
  // every enabled trap rule by OID (oid raises, clear_oid clears). The subject is
  // the rule's subject_varbind value when present, else `subject`; an ifIndex
  // subject_varbind names the port as the latest onInterfaces() table does
  // (link_trap.h). A rule with `condition` feeds that interface_down rule's
  // (device, port) condition instead of its own (a trap without an ifIndex, or
  // with the target disabled, falls back to the rule's own condition).
  Result<void> onTrap(const std::string& asset_id, const std::string& trap_oid,
                      const std::vector<TrapVarbind>& varbinds, const std::string& subject);
  // The SNMP poller's verdict on a device: device_unreachable rules.
  Result<void> onReachability(const std::string& asset_id, bool reachable,
                              const std::string& evidence_json = "{}");
  // One SNMP poll of the device's interface table: interface_down rules
  // (interface_observations.h). `hostname` (sysName, else the address) titles the
  // device's incidents unless an agent on the same asset names it.
  Result<void> onInterfaces(const std::string& asset_id, const std::string& hostname,
                            const std::vector<PortState>& ports);
  // Offline detection, trap quiet-period clears, held flapping clears, uplink links.
  Result<void> tick();

  // Snapshot of every tracked condition (tests, diagnostics).
  std::vector<Condition> conditions() const;

 private:
  struct Batch;
  Condition current(const Batch& batch, const ConditionKey& key) const;
  void observe(Batch& batch, const Rule& rule, const std::string& asset_id,
               const Observation& observation, std::int64_t now_ms);
  void apply(Batch& batch, Condition c, const Rule& rule, const std::optional<std::string>& kind,
             const Observation& observation, std::int64_t now_ms);
  void observeAll(Batch& batch, const std::string& asset_id, const Observations& observations,
                  std::int64_t now_ms);
  wire::IncidentEvent event(const Condition& c, const Rule& rule, const std::string& kind,
                            const Observation& observation, std::int64_t now_ms) const;
  std::string hostnameOf(const std::string& asset_id) const;
  bool suppressed(const std::string& asset_id, std::int64_t now_ms) const;
  // The uplink of `asset_id` when it has an open unreachable/offline condition (as of
  // the batch), or when it is in `going_down` (raised in this same check).
  std::optional<std::string> openUplink(const Batch& batch, const std::string& asset_id,
                                        const std::set<std::string>& going_down = {}) const;
  void checkOffline(Batch& batch, std::int64_t now_ms);
  void sendLinks(Batch& batch, const std::string& uplink, std::int64_t now_ms);
  Result<void> commit(Batch& batch);
  std::int64_t nowMs() const;

  storage::CollectorDb& db_;
  const Clock& clock_;
  const UplinkResolver& uplinks_;
  std::function<void()> on_enqueued_;

  mutable std::mutex mutex_;
  std::shared_ptr<const RuleSet> rules_;
  std::map<ConditionKey, Condition> conditions_;
  std::map<std::string, Liveness> liveness_;
  // Index, name and alias of each port at the latest non-empty sweep of each device
  // (stored in rule_port_names, loaded at start), so traps name ports as sweeps do.
  std::map<std::string, std::vector<PortState>> ports_;
  std::set<std::string> dirty_uplinks_;  // linked set changed: send the list again
  Clock::MonoTime grace_until_{};
  std::optional<Clock::MonoTime> last_tick_;
  bool outage_logged_ = false;
};

}  // namespace steward::collector::rules
