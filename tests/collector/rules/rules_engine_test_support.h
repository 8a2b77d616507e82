#pragma once

// A real collector database and ingest service (CollectorHarness) with a rules engine
// fed through the ingest hooks, as main() wires it; events are read back from the
// outbox.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "collector/rules/rules_engine.h"
#include "collector/rules/rules_file.h"
#include "shared/common/id.h"
#include "shared/wire/incident_event.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::rules {

// Offline after 3 x 10 s without a heartbeat, and SNMP unreachable; the collector's
// own outage needs 5 agents of which 80 % go silent.
inline constexpr const char* kOfflineRules = R"(
[settings]
repeat_interval = 10m
outage_fraction = 0.8
outage_min_agents = 5
[rule offline]
type = agent_offline
urgency = 2
title = {hostname} is offline
heartbeat_interval = 10s
missed = 3
[rule unreachable]
type = device_unreachable
urgency = 1
title = {hostname} does not answer
)";

class RulesEngineFixture : public ::testing::Test {
 protected:
  void startEngine(const std::string& rules_text) {
    rules_text_ = rules_text;
    auto set = parseRules(rules_text, "test.conf");
    ASSERT_TRUE(set) << set.error().message;
    engine_ = std::make_unique<RulesEngine>(h_.db(), h_.clock,
                                            resolver_ ? *resolver_ : uplinks_, std::move(*set));
    ASSERT_TRUE(engine_->start());
    h_.service->setHooks(
        ingest::IngestHooks{[this](const std::string& id, const wire::InventoryReport& r) {
                              ASSERT_TRUE(engine_->onInventory(id, r));
                            },
                            [this](const std::string& id, const wire::Heartbeat& hb) {
                              ASSERT_TRUE(engine_->onHeartbeat(id, hb));
                            }});
  }
  // A collector restart: database reopened, a new engine loads the stored state.
  void restart() {
    engine_.reset();
    h_.reopen();
    startEngine(rules_text_);
  }

  // Agent n sends an inventory; returns its asset id.
  std::string addAgent(int n, const std::string& hostname,
                       std::vector<wire::MemoryModule> modules = {}) {
    auto report = testing::laptopReport();
    report.agent_id = testing::testId(n);
    report.report_id = newUuidV7(h_.clock);
    report.hardware = {};
    report.interfaces.clear();
    report.system.hostname = hostname;
    report.memory.modules = std::move(modules);
    auto outcome = h_.service->ingestInventory(report);
    EXPECT_TRUE(outcome);
    return outcome ? outcome->asset_id : "";
  }
  void heartbeat(int n, std::optional<wire::Health> health = wire::Health{}) {
    wire::Heartbeat hb;
    hb.heartbeat_id = newUuidV7(h_.clock);
    hb.agent_id = testing::testId(n);
    hb.sent_at = formatRfc3339(h_.clock.now());
    hb.health = std::move(health);
    ASSERT_TRUE(h_.service->recordHeartbeat(hb));
  }
  static wire::Health filesystem(const std::string& mount, std::uint64_t used_pct) {
    wire::Health h;
    wire::FilesystemHealth f;
    f.mount_point = mount;
    f.device = "/dev/sda1";
    f.size_bytes = 100'000;
    f.used_bytes = used_pct * 1000;
    f.available_bytes = 100'000 - f.used_bytes;
    h.filesystems.push_back(f);
    return h;
  }

  // Incident events queued so far, oldest first.
  std::vector<wire::IncidentEvent> events() {
    std::vector<wire::IncidentEvent> out;
    for (const auto& item : h_.outbox()) {
      if (item.kind != "incident") continue;
      auto e = wire::decodeIncidentEvent(item.payload);
      EXPECT_TRUE(e) << item.payload;
      if (e) out.push_back(*e);
    }
    return out;
  }
  std::vector<std::string> kinds() {
    std::vector<std::string> out;
    for (const auto& e : events()) out.push_back(e.kind + ":" + e.rule_id + ":" + e.subject);
    return out;
  }
  void advance(std::chrono::milliseconds by) { h_.clock.advance(by); }
  // Ticks once a second for `seconds`, heartbeating the agents in `alive` every 10 s.
  void run(int seconds, const std::vector<int>& alive) {
    for (int s = 0; s < seconds; ++s) {
      if (s % 10 == 0) {
        for (int n : alive) heartbeat(n);
      }
      ASSERT_TRUE(engine_->tick());
      advance(std::chrono::seconds(1));
    }
  }

  testing::CollectorHarness h_;
  TableUplinkResolver uplinks_;
  const UplinkResolver* resolver_ = nullptr;  // set before startEngine to replace uplinks_
  std::unique_ptr<RulesEngine> engine_;
  std::string rules_text_;
};

}  // namespace steward::collector::rules
