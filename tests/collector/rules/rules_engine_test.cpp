#include <boost/json/parse.hpp>

#include "tests/collector/rules/rules_engine_test_support.h"
#include "tests/support/temp_dir.h"

namespace steward::collector::rules {
namespace {

using namespace std::chrono_literals;
using Strings = std::vector<std::string>;

constexpr const char* kDiskRules = R"(
[settings]
repeat_interval = 60s
reopen_window = 10m
flap_changes = 10
[rule disk]
type = filesystem_usage
urgency = 2
title = {hostname}: filesystem {subject} is {value}% full
raise = 90
clear = 80
duration = 30s
[rule ro]
type = filesystem_read_only
urgency = 1
title = {hostname}: {subject} read-only
[rule units]
type = failed_unit
title = {hostname}: unit {subject} failed
[rule smart]
type = smart_failure
title = {hostname}: disk {subject} failing
[rule mem]
type = memory_usage
title = memory {value}%
raise = 95
clear = 90
)";

class RulesEngineTest : public RulesEngineFixture {};

TEST_F(RulesEngineTest, FullFilesystemRaisesAfterItsDurationAndClearsBelowTheClearLevel) {
  startEngine(kDiskRules);
  const std::string asset = addAgent(1, "web-01");
  heartbeat(1, filesystem("/var", 95));
  advance(20s);
  heartbeat(1, filesystem("/var", 96));
  EXPECT_TRUE(events().empty()) << "raised before its 30 s duration";
  advance(10s);
  heartbeat(1, filesystem("/var", 96));
  auto raised = events();
  ASSERT_EQ(raised.size(), 1u);
  EXPECT_EQ(raised[0].kind, "raise");
  EXPECT_EQ(raised[0].asset_id, asset);
  EXPECT_EQ(raised[0].subject, "/var");
  EXPECT_EQ(raised[0].title, "web-01: filesystem /var is 96% full");
  EXPECT_EQ(raised[0].urgency, 2);
  EXPECT_NE(raised[0].evidence.find("\"mount_point\":\"/var\""), std::string::npos);

  advance(5s);
  heartbeat(1, filesystem("/var", 85));  // inside the hysteresis band: still open
  EXPECT_EQ(events().size(), 1u);
  advance(5s);
  heartbeat(1, filesystem("/var", 50));
  EXPECT_EQ(kinds(), (Strings{"raise:disk:/var", "clear:disk:/var"}));
}

TEST_F(RulesEngineTest, APersistingFaultRepeatsAtMostOncePerRepeatInterval) {
  startEngine(kDiskRules);
  addAgent(1, "web-01");
  wire::Health h;
  h.memory_total_bytes = 1000;
  h.memory_available_bytes = 10;
  for (int i = 0; i < 150; ++i) {
    heartbeat(1, h);
    advance(1s);
  }
  EXPECT_EQ(kinds(), (Strings{"raise:mem:", "repeat:mem:", "repeat:mem:"}));
}

TEST_F(RulesEngineTest, OneConditionPerSubject) {
  startEngine(kDiskRules);
  addAgent(1, "db-01");
  wire::Health h = filesystem("/", 50);
  h.filesystems.push_back(filesystem("/data", 50).filesystems[0]);
  h.filesystems.back().read_only = true;
  h.filesystems.push_back(filesystem("/logs", 50).filesystems[0]);
  h.filesystems.back().read_only = true;
  h.failed_units = std::vector<std::string>{"nginx.service"};
  wire::SmartHealth bad;
  bad.device = "/dev/sdb";
  bad.passed = false;
  h.smart = {bad};
  heartbeat(1, h);
  EXPECT_EQ(kinds(), (Strings{"raise:ro:/data", "raise:ro:/logs", "raise:units:nginx.service",
                              "raise:smart:/dev/sdb"}));
  // The unit recovered and /logs was unmounted: both clear; the others stay.
  h.failed_units = std::vector<std::string>{};
  h.filesystems.pop_back();
  heartbeat(1, h);
  EXPECT_EQ(kinds().size(), 6u);
  EXPECT_EQ(kinds()[4], "clear:ro:/logs");
  EXPECT_EQ(kinds()[5], "clear:units:nginx.service");
}

TEST_F(RulesEngineTest, ARestartNeitherReRaisesNorForgets) {
  startEngine(kDiskRules);
  addAgent(1, "web-01");
  heartbeat(1, filesystem("/var", 95));
  advance(31s);
  heartbeat(1, filesystem("/var", 95));
  ASSERT_EQ(events().size(), 1u);

  restart();
  advance(10s);
  heartbeat(1, filesystem("/var", 95));
  EXPECT_EQ(events().size(), 1u) << "re-raised after a restart";
  heartbeat(1, filesystem("/var", 10));
  EXPECT_EQ(kinds(), (Strings{"raise:disk:/var", "clear:disk:/var"}));
}

TEST_F(RulesEngineTest, AFaultReturningWithinTheReopenWindowReopens) {
  startEngine(kDiskRules);
  addAgent(1, "web-01");
  wire::Health h;
  h.memory_total_bytes = 1000;
  h.memory_available_bytes = 10;
  wire::Health fine = h;
  fine.memory_available_bytes = 500;
  heartbeat(1, h);
  heartbeat(1, fine);
  advance(5min);
  heartbeat(1, h);
  heartbeat(1, fine);
  advance(11min);
  heartbeat(1, h);
  EXPECT_EQ(kinds(),
            (Strings{"raise:mem:", "clear:mem:", "reopen:mem:", "clear:mem:", "raise:mem:"}));
}

TEST_F(RulesEngineTest, AFlappingConditionYieldsOneIncidentMarkedFlappingAndClearsWhenStable) {
  startEngine(R"(
[settings]
repeat_interval = 60s
reopen_window = 10m
flap_window = 5m
flap_changes = 4
[rule disk]
type = filesystem_usage
title = {subject} full
raise = 90
clear = 80
)");
  addAgent(1, "web-01");
  for (int i = 0; i < 5; ++i) {
    heartbeat(1, filesystem("/var", 95));
    advance(10s);
    heartbeat(1, filesystem("/var", 10));
    advance(10s);
  }
  const auto all = events();
  // The fourth change marks it flapping (a "repeat" with flapping=true); from then on
  // returns count as occurrences (at most one per repeat_interval) and clears wait.
  EXPECT_EQ(kinds(), (Strings{"raise:disk:/var", "clear:disk:/var", "reopen:disk:/var",
                              "repeat:disk:/var"}));
  EXPECT_TRUE(all.back().flapping);
  // No clear while it keeps flapping; one once it has been stable for the window.
  advance(4min);
  ASSERT_TRUE(engine_->tick());
  EXPECT_EQ(events().size(), 4u);
  advance(1min);
  ASSERT_TRUE(engine_->tick());
  EXPECT_EQ(events().size(), 5u);
  EXPECT_EQ(events().back().kind, "clear");
  EXPECT_FALSE(events().back().flapping);
}

TEST_F(RulesEngineTest, ABadReloadKeepsTheOldRules) {
  startEngine(kDiskRules);
  ::steward::testing::TempDir dir;
  const std::string bad =
      dir.write("rules.conf", "[rule x]\ntype = filesystem_usage\ntitle = t\nraise = lots\n");
  auto reloaded = engine_->reload(bad);
  ASSERT_FALSE(reloaded);
  EXPECT_EQ(reloaded.error().message, bad + ":4: raise = 'lots' is not a number");
  EXPECT_NE(engine_->rules()->find("disk"), nullptr);

  const std::string good = dir.write("good.conf", "[rule x]\ntype = failed_unit\ntitle = t\n");
  ASSERT_TRUE(engine_->reload(good));
  EXPECT_EQ(engine_->rules()->find("disk"), nullptr);
  EXPECT_NE(engine_->rules()->find("x"), nullptr);
}

TEST_F(RulesEngineTest, MaintenanceWindowSuppressesRaisingUntilItEnds) {
  // FakeClock starts at 2026-09-21T...; the window covers the first hour only.
  const std::string start = formatRfc3339(h_.clock.now());
  const std::string end = formatRfc3339(h_.clock.now() + 1h);
  startEngine(std::string(kDiskRules) + "[maintenance patching]\nmatch = db-*\nfrom = " + start +
              "\nuntil = " + end + "\n");
  addAgent(1, "db-01");
  addAgent(2, "web-01");
  wire::Health h;
  h.failed_units = std::vector<std::string>{"backup.service"};
  heartbeat(1, h);
  heartbeat(2, h);
  EXPECT_EQ(events().size(), 1u);
  EXPECT_EQ(events()[0].title, "web-01: unit backup.service failed");
  advance(61min);
  heartbeat(1, h);
  EXPECT_EQ(events().size(), 2u);
  EXPECT_EQ(events()[1].title, "db-01: unit backup.service failed");
}

TEST_F(RulesEngineTest, MaintenanceWindowByGroupSuppressesOnlyTheGroupsAssets) {
  const std::string start = formatRfc3339(h_.clock.now());
  const std::string end = formatRfc3339(h_.clock.now() + 1h);
  startEngine(std::string(kDiskRules) + "[group dbservers]\nmatch = db-*, pg-01\n" +
              "[maintenance patching]\ngroup = dbservers\nfrom = " + start + "\nuntil = " + end +
              "\n");
  addAgent(1, "db-01");
  addAgent(2, "pg-01");
  addAgent(3, "web-01");
  wire::Health h;
  h.failed_units = std::vector<std::string>{"backup.service"};
  heartbeat(1, h);
  heartbeat(2, h);
  heartbeat(3, h);
  ASSERT_EQ(events().size(), 1u);
  EXPECT_EQ(events()[0].title, "web-01: unit backup.service failed");
}

TEST_F(RulesEngineTest, ARemovedMemoryModuleRaisesAndItsReturnClears) {
  startEngine(R"(
[rule hw]
type = hardware_removed
title = {hostname}: {subject} removed
)");
  auto module = [](const std::string& slot) {
    wire::MemoryModule m;
    m.slot = slot;
    m.size_bytes = 8ull << 30;
    m.serial = "SN-" + slot;
    return m;
  };
  addAgent(1, "web-01", {module("DIMM A"), module("DIMM B")});
  addAgent(1, "web-01", {module("DIMM A")});
  EXPECT_EQ(kinds(), (Strings{"raise:hw:memory:DIMM B"}));
  EXPECT_EQ(events()[0].title, "web-01: memory:DIMM B removed");
  addAgent(1, "web-01", {});  // no modules read (no root): not a removal
  EXPECT_EQ(events().size(), 1u);
  addAgent(1, "web-01", {module("DIMM A"), module("DIMM B")});
  EXPECT_EQ(kinds(), (Strings{"raise:hw:memory:DIMM B", "clear:hw:memory:DIMM B"}));
}

}  // namespace
}  // namespace steward::collector::rules
