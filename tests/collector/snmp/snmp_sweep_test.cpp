// SNMP discovery against real agents: snmpsimd serving the tests/fixtures/snmp
// devices on several loopback addresses, net-snmp's snmpd for v3 authPriv and
// HOST-RESOURCES, and a hostile agent for replies no real agent sends.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include "collector/snmp/discovery_service.h"
#include "collector/snmp/net_snmp_client.h"
#include "collector/snmp/range_sweeper.h"
#include "collector/snmp/snmp_tables.h"
#include "collector/snmp/topology.h"
#include "shared/wire/json_codec.h"
#include "tests/collector/sample_reports.h"
#include "tests/collector/snmp/hostile_agent.h"
#include "tests/collector/snmp/snmprec.h"
#include "tests/support/snmp_daemons.h"

namespace steward::collector::snmp {
namespace {

using collector::testing::CollectorHarness;
using collector::testing::laptopReport;
using collector::testing::testId;
using collector::testing::whiteboxReport;
using steward::testing::haveProgram;
using steward::testing::SnmpdDaemon;
using steward::testing::SnmpdOptions;
using steward::testing::SnmpsimDaemon;
using testing::HostileAgent;
using testing::snmpFixture;

#define REQUIRE_PROGRAM(path)                                                  \
  if (!haveProgram(path)) GTEST_SKIP() << path << " is not installed (" \
                                       << "config/dev/install-deps.sh --tests)"

SnmpCredential community(const std::string& name, const std::string& value) {
  SnmpCredential c;
  c.name = name;
  c.version = SnmpVersion::V2c;
  c.community = value;
  return c;
}

SnmpConfig configFor(const std::string& cidr, std::uint16_t port, const SnmpCredential& cred) {
  SnmpConfig config;
  config.port = port;
  config.timeout = std::chrono::milliseconds(700);
  config.retries = 0;
  config.credentials.push_back(cred);
  SnmpRange range;
  range.name = "test";
  range.include.push_back(*parseBlock(cidr));
  range.credentials = {cred.name};
  range.port = port;
  range.rate_per_second = 1000;
  config.ranges.push_back(range);
  return config;
}

struct SweepHarness : CollectorHarness {
  explicit SweepHarness(const SnmpConfig& c)
      : config(c),
        discovery(db(), clock, reconciler, c.uplink_mac_threshold),
        sweeper(client, discovery, config, system_clock) {
    EXPECT_TRUE(discovery.prepare());
  }
  // The network view of every stored SNMP device, by class.
  std::map<std::string, std::pair<std::string, wire::AssetRecord>> byClass() {
    std::map<std::string, std::pair<std::string, wire::AssetRecord>> out;
    for (const auto& item : outbox()) {
      auto record = wire::decodeAssetRecord(item.payload);
      if (record && record->network_device) {
        out[record->network_device->device_class] = {record->asset_id, *record};
      }
    }
    return out;
  }
  SnmpConfig config;
  SystemClock system_clock;  // the sweep's duration is measured for real
  NetSnmpClient client;
  DiscoveryService discovery;
  RangeSweeper sweeper;
};

TEST(SnmpSweepTest, FindsSwitchPrinterAndRouterAndLinksTheLaptop) {
  REQUIRE_PROGRAM("/usr/bin/snmpsimd");
  std::string error;
  auto sim = SnmpsimDaemon::start({"127.0.41.1", "127.0.41.2", "127.0.41.3"},
                                  {snmpFixture("switch.snmprec"), snmpFixture("printer.snmprec"),
                                   snmpFixture("router.snmprec")},
                                  &error);
  ASSERT_TRUE(sim) << error;
  SweepHarness h(configFor("127.0.41.0/29", sim->port(), community("ro", "public")));
  auto laptop = h.service->ingestInventory(laptopReport());
  ASSERT_TRUE(laptop);

  auto summary = h.sweeper.sweep(h.config.ranges[0]);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->addresses, 6u);
  EXPECT_EQ(summary->answered, 3u) << sim->log();
  EXPECT_EQ(summary->stored, 3u);
  EXPECT_EQ(h.assetCount(), 4) << "three devices plus the laptop";

  auto devices = h.byClass();
  ASSERT_TRUE(devices.count("switch"));
  ASSERT_TRUE(devices.count("printer"));
  ASSERT_TRUE(devices.count("router"));
  const auto& sw = devices["switch"].second;
  EXPECT_EQ(sw.inventory.hardware.serial, "FOC1932X0AB");
  EXPECT_EQ(sw.network_device->address, "127.0.41.1");
  int down = 0;
  for (const auto& i : sw.network_device->interfaces) down += i.oper_status == "down";
  EXPECT_EQ(down, 2) << "Gi1/0/2 (admin up) and Gi1/0/3 (admin down)";
  EXPECT_EQ(sw.network_device->neighbors.size(), 1u);
  const auto& printer = devices["printer"].second;
  EXPECT_EQ(printer.inventory.hardware.serial, "PHBQ123456");
  EXPECT_EQ(printer.network_device->supplies.size(), 3u);
  EXPECT_EQ(printer.network_device->page_count, 152340);
  EXPECT_EQ(devices["router"].second.network_device->arp.size(), 3u);

  const auto port = Topology(h.db()).uplinkOf(laptop->asset_id);
  ASSERT_TRUE(port);
  EXPECT_EQ(port->switch_asset_id, devices["switch"].first);
  EXPECT_EQ(port->port, "Gi1/0/5");
}

// switch.snmprec with `edit` applied to every line ("" drops the line), as `path`.
std::string editedSwitch(const std::filesystem::path& path,
                         const std::function<std::string(const std::string&)>& edit) {
  std::ifstream in(snmpFixture("switch.snmprec"));
  std::ofstream out(path);
  for (std::string line; std::getline(in, line);) {
    const std::string edited = edit(line);
    if (!edited.empty()) out << edited << "\n";
  }
  return path.string();
}

// The newest record queued for `asset_id`.
std::optional<wire::AssetRecord> latestRecord(CollectorHarness& h, const std::string& asset_id) {
  std::optional<wire::AssetRecord> out;
  for (const auto& item : h.outbox()) {
    if (item.kind != "asset" || item.asset_id != asset_id) continue;
    if (auto record = wire::decodeAssetRecord(item.payload)) out = *record;
  }
  return out;
}

TEST(SnmpSweepTest, EndpointLinksFollowTheLatestPollOfTheSwitch) {
  REQUIRE_PROGRAM("/usr/bin/snmpsimd");
  std::string error;
  auto sim = SnmpsimDaemon::start({"127.0.48.1"}, {snmpFixture("switch.snmprec")}, &error);
  ASSERT_TRUE(sim) << error;
  SweepHarness h(configFor("127.0.48.1", sim->port(), community("ro", "public")));
  auto laptop = h.service->ingestInventory(laptopReport());  // 8c:04:ba:12:34:56, port 5
  ASSERT_TRUE(laptop);
  auto mover_report = whiteboxReport("ws-mover", "58:8a:5a:00:00:01");  // bridge port 1
  mover_report.agent_id = testId(8);
  mover_report.report_id = testId(1900);
  auto mover = h.service->ingestInventory(mover_report);
  ASSERT_TRUE(mover);

  ASSERT_TRUE(h.sweeper.sweep(h.config.ranges[0]));
  Topology topology(h.db());
  const auto laptop_port = topology.uplinkOf(laptop->asset_id);
  ASSERT_TRUE(laptop_port) << sim->log();
  EXPECT_EQ(laptop_port->port, "Gi1/0/5");
  const auto mover_port = topology.uplinkOf(mover->asset_id);
  ASSERT_TRUE(mover_port);
  EXPECT_NE(mover_port->port, "Gi1/0/5");

  // A poll more than [snmp] link_max_age (24 h) later: the laptop was unplugged
  // long ago (its MAC aged out of the FDB) and the other machine now sits on the
  // laptop's old port 5.
  const std::string second = editedSwitch(
      h.dir.path() / "switch-later.snmprec", [](const std::string& line) -> std::string {
        if (line.find(".140.4.186.18.52.86|") != std::string::npos) return "";
        const bool fdb_port = line.rfind("1.3.6.1.2.1.17.4.3.1.2.", 0) == 0 ||
                              line.rfind("1.3.6.1.2.1.17.7.1.2.2.1.2.", 0) == 0;
        if (fdb_port && line.find(".88.138.90.0.0.1|2|1") != std::string::npos) {
          return line.substr(0, line.size() - 1) + "5";
        }
        return line;
      });
  sim.reset();
  auto later = SnmpsimDaemon::start({"127.0.48.1"}, {second}, &error);
  ASSERT_TRUE(later) << error;
  SnmpRange range = h.config.ranges[0];
  range.port = later->port();
  h.clock.advance(std::chrono::hours(25));
  ASSERT_TRUE(h.sweeper.sweep(range));

  EXPECT_FALSE(topology.uplinkOf(laptop->asset_id)) << "a MAC gone for a day keeps no old port";
  const auto moved = topology.uplinkOf(mover->asset_id);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->port, "Gi1/0/5");
  // The server hears both: the laptop's record goes out again without a port.
  const auto record = latestRecord(h, laptop->asset_id);
  ASSERT_TRUE(record);
  EXPECT_FALSE(record->connected_to);
  const auto mover_record = latestRecord(h, mover->asset_id);
  ASSERT_TRUE(mover_record && mover_record->connected_to);
  EXPECT_EQ(mover_record->connected_to->port, "Gi1/0/5");
}

TEST(SnmpSweepTest, SilentSlash24FinishesInAboutOneTimeout) {
  NetSnmpClient client;
  const std::uint16_t port = steward::testing::freeUdpPort("127.0.42.1");
  const SnmpCredential cred = community("ro", "public");
  std::vector<PollTarget> targets;
  for (int host = 1; host <= 254; ++host) {
    targets.push_back({"127.0.42." + std::to_string(host), port, {&cred}});
  }
  PollOptions options;
  options.timeout = std::chrono::milliseconds(1000);
  options.retries = 0;
  const auto started = std::chrono::steady_clock::now();
  const auto results = client.poll(targets, discoveryPlan(), options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(results.size(), 254u);
  for (const auto& r : results) EXPECT_FALSE(r.answered) << r.address;
  EXPECT_GE(seconds, 0.9) << "every address waited for its timeout";
  EXPECT_LT(seconds, 3.0) << "254 silent addresses in flight together, not one after another";
}

TEST(SnmpSweepTest, RateLimitSpreadsRequests) {
  NetSnmpClient client;
  const std::uint16_t port = steward::testing::freeUdpPort("127.0.43.1");
  const SnmpCredential cred = community("ro", "public");
  std::vector<PollTarget> targets;
  for (int host = 1; host <= 40; ++host) {
    targets.push_back({"127.0.43." + std::to_string(host), port, {&cred}});
  }
  PollOptions options;
  options.timeout = std::chrono::milliseconds(100);
  options.retries = 0;
  options.rate_per_second = 40;
  const auto started = std::chrono::steady_clock::now();
  (void)client.poll(targets, sweepPlan(), options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_GE(seconds, 0.8) << "40 requests at 40/s take about a second";
}

TEST(SnmpSweepTest, EverySweepHandsTheInterfaceTableToTheFaultRules) {
  REQUIRE_PROGRAM("/usr/bin/snmpsimd");
  std::string error;
  auto sim = SnmpsimDaemon::start({"127.0.45.1"}, {snmpFixture("access-switch.snmprec")}, &error);
  ASSERT_TRUE(sim) << error;
  SweepHarness h(configFor("127.0.45.1", sim->port(), community("ro", "public")));
  std::string hostname;
  std::vector<rules::PortState> ports;
  h.sweeper.setInterfaceSink([&](const std::string&, const std::string& name,
                                 const std::vector<rules::PortState>& seen) {
    hostname = name;
    ports = seen;
  });
  const auto gi2 = [&]() -> const rules::PortState* {
    for (const auto& p : ports) {
      if (p.name == "Gi1/0/2") return &p;
    }
    return nullptr;
  };
  ASSERT_TRUE(h.sweeper.sweep(h.config.ranges[0]));
  EXPECT_EQ(hostname, "sw-floor-3");
  ASSERT_EQ(ports.size(), 7u) << sim->log();
  ASSERT_TRUE(gi2());
  EXPECT_EQ(gi2()->oper_status, "down");
  EXPECT_EQ(gi2()->alias, "printer room 3");
  EXPECT_EQ(gi2()->in_state_seconds, 3600);
  for (const auto& p : ports) EXPECT_EQ(p.uplink, p.name == "Gi1/0/48") << p.name;

  // The device changes under the running simulator: the next sweep sees it.
  ASSERT_TRUE(sim->replaceData(0, snmpFixture("access-switch-port-up.snmprec"), &error)) << error;
  ports.clear();
  ASSERT_TRUE(h.sweeper.sweep(h.config.ranges[0]));
  ASSERT_TRUE(gi2()) << sim->log();
  EXPECT_EQ(gi2()->oper_status, "up");
  EXPECT_EQ(gi2()->in_state_seconds, 10);
}

TEST(SnmpSweepTest, WrongCommunityStoresNothing) {
  REQUIRE_PROGRAM("/usr/bin/snmpsimd");
  std::string error;
  auto sim = SnmpsimDaemon::start({"127.0.44.1"}, {snmpFixture("switch.snmprec")}, &error);
  ASSERT_TRUE(sim) << error;
  SweepHarness h(configFor("127.0.44.1", sim->port(), community("guess", "private")));
  auto summary = h.sweeper.sweep(h.config.ranges[0]);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->answered, 0u);
  EXPECT_EQ(h.assetCount(), 0);
  EXPECT_TRUE(h.outbox().empty());
}

TEST(SnmpSweepTest, V3AuthPrivReadsSnmpdHostResources) {
  REQUIRE_PROGRAM("/usr/sbin/snmpd");
  std::string error;
  SnmpdOptions options;
  auto snmpd = SnmpdDaemon::start(options, &error);
  ASSERT_TRUE(snmpd) << error;
  SnmpCredential v3;
  v3.name = "admin3";
  v3.version = SnmpVersion::V3;
  v3.user = options.v3_user;
  v3.auth_password = options.v3_auth_password;
  v3.priv_password = options.v3_priv_password;
  // A user snmpd does not know (wrong passwords: snmp_v3_test.cpp).
  SnmpCredential wrong = v3;
  wrong.name = "wrong";
  wrong.user = "intruder";
  SnmpCredential v2c = community("ro", options.community);

  NetSnmpClient client;
  PollOptions poll;
  poll.timeout = std::chrono::milliseconds(1000);
  poll.retries = 0;
  PollPlan plan = discoveryPlan();
  const auto results = client.poll({{"127.0.0.1", snmpd->port(), {&wrong}},
                                    {"127.0.0.1", snmpd->port(), {&v3}},
                                    {"127.0.0.1", snmpd->port(), {&v2c}}},
                                   plan, poll);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_FALSE(results[0].answered) << "an unknown v3 user gets nothing";
  EXPECT_TRUE(results[0].values.empty());
  ASSERT_TRUE(results[1].answered) << ::testing::PrintToString(results[1].warnings) << snmpd->log();
  EXPECT_EQ(results[1].credential, "admin3");
  const SnmpDevice host = parseSnmpDevice("127.0.0.1", results[1].values);
  EXPECT_TRUE(host.host_resources);
  EXPECT_EQ(host.device.device_class, "server");
  EXPECT_FALSE(host.sys_name.empty());
  EXPECT_TRUE(host.device.engine_id);
  EXPECT_GT(host.memory_bytes.value_or(0), 0u);
  ASSERT_TRUE(results[2].answered);
  const SnmpDevice same = parseSnmpDevice("127.0.0.1", results[2].values);
  EXPECT_EQ(same.device.engine_id, host.device.engine_id) << "v2c and v3 see one engine";
}

TEST(SnmpSweepTest, GarbageAndOversizedRepliesAreDropped) {
  NetSnmpClient client;
  const SnmpCredential cred = community("ro", "public");
  PollOptions options;
  options.timeout = std::chrono::milliseconds(400);
  options.retries = 0;
  for (auto mode : {HostileAgent::Mode::Garbage, HostileAgent::Mode::Oversized}) {
    HostileAgent agent(mode);
    const auto results =
        client.poll({{"127.0.0.1", agent.port(), {&cred}}}, discoveryPlan(), options);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_FALSE(results[0].answered);
    EXPECT_TRUE(results[0].values.empty());
    EXPECT_GE(agent.requests(), 1);
  }
}

TEST(SnmpSweepTest, LoopingAndEndlessWalksAreStoppedWithAWarning) {
  NetSnmpClient client;
  const SnmpCredential cred = community("ro", "public");
  PollOptions options;
  options.timeout = std::chrono::milliseconds(400);
  options.retries = 0;
  options.max_rows_per_walk = 50;
  PollPlan plan = sweepPlan();
  plan.walk = {parseOid("1.3.6.1.2.1.2.2.1.2")};

  HostileAgent looping(HostileAgent::Mode::Looping);
  auto results = client.poll({{"127.0.0.1", looping.port(), {&cred}}}, plan, options);
  ASSERT_TRUE(results[0].answered);
  ASSERT_EQ(results[0].warnings.size(), 1u);
  EXPECT_NE(results[0].warnings[0].find("not increasing"), std::string::npos);
  EXPECT_LT(looping.requests(), 5);

  HostileAgent endless(HostileAgent::Mode::Endless);
  results = client.poll({{"127.0.0.1", endless.port(), {&cred}}}, plan, options);
  ASSERT_TRUE(results[0].answered);
  ASSERT_EQ(results[0].warnings.size(), 1u);
  EXPECT_NE(results[0].warnings[0].find("cut at 50 rows"), std::string::npos);
  EXPECT_EQ(column(results[0].values, parseOid("1.3.6.1.2.1.2.2.1.2")).size(), 50u);
}

}  // namespace
}  // namespace steward::collector::snmp
