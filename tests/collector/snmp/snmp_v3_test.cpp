// SNMPv3 discovery against real snmpd (authPriv SHA/AES): engine-ID discovery runs
// asynchronously (many v3 devices, some silent, cost one timeout), wrong
// credentials are named per device, and a v3 sweep and the v3 trap receiver share
// net-snmp's global USM user list in one process without breaking each other.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "collector/snmp/net_snmp_client.h"
#include "collector/snmp/snmp_device.h"
#include "collector/snmp/traps/asset_address_index.h"
#include "collector/snmp/traps/net_snmp_trap_listener.h"
#include "collector/snmp/traps/trap_oids.h"
#include "collector/snmp/traps/trap_processor.h"
#include "collector/snmp/traps/trap_store.h"
#include "tests/collector/sample_reports.h"
#include "tests/support/process.h"
#include "tests/support/snmp_daemons.h"
#include "tests/support/snmptrap_runner.h"

namespace steward::collector::snmp {
namespace {

using namespace std::chrono_literals;
using steward::testing::haveProgram;
using steward::testing::runSnmpTool;
using steward::testing::SnmpdDaemon;
using steward::testing::SnmpdOptions;
using steward::testing::waitUntil;

#define REQUIRE_PROGRAM(path) \
  if (!haveProgram(path))     \
  GTEST_SKIP() << path << " is not installed (config/dev/install-deps.sh --tests)"

SnmpCredential v3Credential(const std::string& name, const SnmpdOptions& options) {
  SnmpCredential c;
  c.name = name;
  c.version = SnmpVersion::V3;
  c.user = options.v3_user;
  c.auth_password = options.v3_auth_password;
  c.priv_password = options.v3_priv_password;
  return c;
}

bool anyContains(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& line : lines) {
    if (line.find(part) != std::string::npos) return true;
  }
  return false;
}

double secondsSince(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

TEST(SnmpV3Test, SweepWithSilentHostsTakesOneTimeoutAndNamesWrongCredentials) {
  REQUIRE_PROGRAM("/usr/sbin/snmpd");
  std::string error;
  SnmpdOptions options;
  auto a = SnmpdDaemon::start(options, &error);
  ASSERT_TRUE(a) << error;
  auto b = SnmpdDaemon::start(options, &error);
  ASSERT_TRUE(b) << error;
  const SnmpCredential right = v3Credential("admin3", options);
  SnmpCredential wrong_auth = right;
  wrong_auth.name = "old-auth";
  wrong_auth.auth_password = "not-the-auth-secret";
  SnmpCredential wrong_priv = right;
  wrong_priv.name = "old-priv";
  wrong_priv.priv_password = "not-the-priv-secret";
  SnmpCredential unknown = right;
  unknown.name = "stranger";
  unknown.user = "intruder";

  std::vector<PollTarget> targets = {
      {"127.0.0.1", a->port(), {&right}},
      {"127.0.0.1", b->port(), {&right}},
      {"127.0.0.1", a->port(), {&wrong_auth}},
      {"127.0.0.1", b->port(), {&wrong_priv}},
      {"127.0.0.1", a->port(), {&unknown}},
      // The right credential after a wrong one for the same user: net-snmp keeps one
      // key set per engine and user, which must not stay poisoned by the first.
      {"127.0.0.1", b->port(), {&wrong_auth, &right}},
  };
  const std::uint16_t silent_port = steward::testing::freeUdpPort("127.0.47.1");
  for (int host = 1; host <= 8; ++host) {
    targets.push_back({"127.0.47." + std::to_string(host), silent_port, {&right}});
  }
  NetSnmpClient client;
  PollOptions poll;
  poll.timeout = 1000ms;
  poll.retries = 0;
  const auto started = std::chrono::steady_clock::now();
  const auto results = client.poll(targets, sweepPlan(), poll);
  const double seconds = secondsSince(started);
  ASSERT_EQ(results.size(), targets.size());

  for (int i : {0, 1}) {
    EXPECT_TRUE(results[i].answered)
        << i << ::testing::PrintToString(results[i].warnings) << (i ? b : a)->log();
    EXPECT_EQ(results[i].credential, "admin3");
    EXPECT_TRUE(results[i].values.count(parseOid("1.3.6.1.2.1.1.5.0"))) << "sysName read";
  }
  EXPECT_FALSE(results[2].answered);
  EXPECT_TRUE(results[2].values.empty());
  EXPECT_TRUE(anyContains(results[2].warnings,
                          "credential old-auth (v3 user 'steward'): "
                          "authentication failed"))
      << ::testing::PrintToString(results[2].warnings);
  EXPECT_FALSE(results[3].answered);
  EXPECT_TRUE(anyContains(results[3].warnings, "credential old-priv (v3 user 'steward')"));
  EXPECT_TRUE(anyContains(results[3].warnings, "privacy password"))
      << ::testing::PrintToString(results[3].warnings);
  EXPECT_FALSE(results[4].answered);
  EXPECT_TRUE(anyContains(results[4].warnings, "does not know this user"))
      << ::testing::PrintToString(results[4].warnings);
  EXPECT_TRUE(results[5].answered) << ::testing::PrintToString(results[5].warnings);
  EXPECT_EQ(results[5].credential, "admin3");
  EXPECT_TRUE(anyContains(results[5].warnings, "credential old-auth"));
  for (std::size_t i = 6; i < results.size(); ++i) {
    EXPECT_FALSE(results[i].answered) << results[i].address;
    EXPECT_TRUE(results[i].warnings.empty())
        << "silence is not a credential problem: " << ::testing::PrintToString(results[i].warnings);
  }
  // Eight silent v3 hosts and a wrong privacy password each wait one timeout: in
  // flight together that is about one second; one after another it would be nine.
  // The bound leaves room for a loaded 2-core CI machine and still fails sequential.
  EXPECT_GE(seconds, 0.9);
  EXPECT_LT(seconds, 5.0);
}

// The trap receiver's side of one collector process.
struct TrapSide {
  explicit TrapSide(traps::TrapConfig c) : config(std::move(c)) {
    EXPECT_TRUE(traps::TrapStore::prepare(h.db()));
    store = std::make_unique<traps::TrapStore>(h.db(), h.clock, traps::TrapRetention{});
    assets = std::make_unique<traps::AssetAddressIndex>(h.db(), h.clock, 0ms);
    processor = std::make_unique<traps::TrapProcessor>(*store, *assets, stats);
    listener = std::make_unique<traps::NetSnmpTrapListener>(
        config, stats, h.clock, [this](traps::TrapEvent& e) { return processor->process(e); });
  }
  ~TrapSide() { listener->stop(); }
  // snmptrap -v3 authPriv SHA/AES as `user` of engine `engine_hex`.
  steward::testing::SnmpToolResult send(const std::string& engine_hex, const std::string& user,
                                        const std::string& auth, const std::string& priv) {
    return runSnmpTool(
        "snmptrap",
        {"-v3", "-e", "0x" + engine_hex, "-u", user, "-l", "authPriv", "-a", "SHA", "-A", auth,
         "-x", "AES", "-X", priv, "127.0.0.1:" + std::to_string(port), "", traps::kLinkDown},
        h.dir.path().string());
  }
  collector::testing::CollectorHarness h;
  traps::TrapConfig config;
  traps::TrapStats stats;
  std::unique_ptr<traps::TrapStore> store;
  std::unique_ptr<traps::AssetAddressIndex> assets;
  std::unique_ptr<traps::TrapProcessor> processor;
  std::unique_ptr<traps::NetSnmpTrapListener> listener;
  std::uint16_t port = 0;
};

traps::TrapConfig trapConfig(std::vector<traps::TrapUser> users) {
  traps::TrapConfig config;
  config.enabled = true;
  config.address = "127.0.0.1";
  config.port = 0;
  config.users = std::move(users);
  return config;
}

TEST(SnmpV3Test, V3SweepsAndV3TrapsRunConcurrentlyInOneProcess) {
  REQUIRE_PROGRAM("/usr/sbin/snmpd");
  REQUIRE_PROGRAM("/usr/bin/snmptrap");
  std::string error;
  SnmpdOptions options;
  auto snmpd = SnmpdDaemon::start(options, &error);
  ASSERT_TRUE(snmpd) << error;
  // The trap sender uses the same user name as the polled agent, with other
  // passwords, at its own engine ID: two entries in net-snmp's one user list.
  const std::string sender_engine = "80000000010203ff";
  TrapSide traps(trapConfig({traps::TrapUser{
      options.v3_user, {sender_engine}, "SHA", "trap-auth-secret", "AES", "trap-priv-secret"}}));
  auto port = traps.listener->start();
  ASSERT_TRUE(port) << port.error().message;
  traps.port = *port;

  const SnmpCredential right = v3Credential("admin3", options);
  std::atomic<int> polls{0}, answered{0};
  std::atomic<bool> stop{false};
  std::thread sweeper([&] {
    NetSnmpClient client;
    PollOptions poll;
    poll.timeout = 2000ms;
    poll.retries = 1;
    // Four targets on the agent per poll, each with its own session and discovery.
    const std::vector<PollTarget> targets(4, PollTarget{"127.0.0.1", snmpd->port(), {&right}});
    while (!stop.load() || polls.load() < 5) {
      for (const auto& r : client.poll(targets, sweepPlan(), poll)) {
        ++polls;
        answered += r.answered;
      }
    }
  });
  constexpr int kTraps = 8;
  for (int i = 0; i < kTraps; ++i) {
    auto r = traps.send(sender_engine, options.v3_user, "trap-auth-secret", "trap-priv-secret");
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
  EXPECT_TRUE(waitUntil([&] { return traps.stats.stored() >= kTraps; }, 10s));
  stop = true;
  sweeper.join();
  EXPECT_EQ(traps.stats.stored(), static_cast<std::uint64_t>(kTraps)) << traps.stats.summary();
  EXPECT_EQ(traps.stats.droppedTotal(), 0u) << traps.stats.summary();
  EXPECT_GE(polls.load(), 20);
  EXPECT_EQ(answered.load(), polls.load()) << "every poll of the agent answered";
}

TEST(SnmpV3Test, APollCredentialNeverReplacesATrapUsersKeys) {
  REQUIRE_PROGRAM("/usr/sbin/snmpd");
  REQUIRE_PROGRAM("/usr/bin/snmptrap");
  std::string error;
  SnmpdOptions options;
  options.v3_user = "pinned";  // a user no other test polls: the trap entry stays
  auto snmpd = SnmpdDaemon::start(options, &error);
  ASSERT_TRUE(snmpd) << error;
  // The agent's engine ID, read over v2c.
  NetSnmpClient client;
  SnmpCredential v2c;
  v2c.name = "ro";
  v2c.community = options.community;
  PollPlan engine_plan;
  engine_plan.get = {parseOid("1.3.6.1.6.3.10.2.1.1.0")};
  const auto id = client.poll({{"127.0.0.1", snmpd->port(), {&v2c}}}, engine_plan, {});
  ASSERT_TRUE(id[0].answered);
  const std::string engine_bytes = id[0].values.begin()->second.bytes;
  std::string engine_hex;
  for (unsigned char c : engine_bytes) {
    static const char* digits = "0123456789abcdef";
    engine_hex += digits[c >> 4];
    engine_hex += digits[c & 15];
  }
  // The trap configuration says this agent's 'pinned' user has other passwords
  // than the poll credential below: one of them is wrong, and discovery must not
  // silently swap the trap receiver's keys for its own.
  TrapSide traps(trapConfig({traps::TrapUser{
      "pinned", {engine_hex}, "SHA", "trap-auth-secret", "AES", "trap-priv-secret"}}));
  auto port = traps.listener->start();
  ASSERT_TRUE(port) << port.error().message;
  traps.port = *port;

  const SnmpCredential poll_cred = v3Credential("admin3", options);
  PollOptions poll;
  poll.timeout = 1000ms;
  poll.retries = 0;
  const auto results = client.poll({{"127.0.0.1", snmpd->port(), {&poll_cred}}}, sweepPlan(), poll);
  EXPECT_FALSE(results[0].answered);
  EXPECT_TRUE(anyContains(results[0].warnings,
                          "is configured for traps ([traps] users) with "
                          "other passwords"))
      << ::testing::PrintToString(results[0].warnings);

  auto r = traps.send(engine_hex, "pinned", "trap-auth-secret", "trap-priv-secret");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(waitUntil([&] { return traps.stats.stored() == 1; }, 5s))
      << "the trap user's keys still work: " << traps.stats.summary();
}

}  // namespace
}  // namespace steward::collector::snmp
