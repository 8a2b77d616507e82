// A network device that stops answering SNMP becomes an incident, and answering
// again resolves it: the real collector sweeps a real net-snmp snmpd on loopback
// every second with the shipped rules file (config/rules.conf, device_unreachable).

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "tests/integration/steward_stack.h"
#include "tests/support/snmp_daemons.h"

namespace steward::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class SnmpUnreachableTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (HasFailure()) std::cerr << stack_.logs();
  }
  std::unique_ptr<SnmpdDaemon> startSnmpd(std::uint16_t port) {
    SnmpdOptions options;
    options.port = port;
    options.v3_user = "";
    // The same engine ID across restarts: it is the device's identity.
    options.extra_config = {"engineID steward-unreachable-test"};
    std::string error;
    auto snmpd = SnmpdDaemon::start(options, &error);
    EXPECT_TRUE(snmpd) << error;
    return snmpd;
  }
  json::array unreachable() const { return stack_.incidents("source=rule:device_unreachable"); }

  StewardStack stack_;
};

TEST_F(SnmpUnreachableTest, SilentDeviceRaisesAnIncidentThatResolvesWhenItAnswers) {
  if (!haveProgram("/usr/sbin/snmpd")) GTEST_SKIP() << "snmpd is not installed";
  auto snmpd = startSnmpd(0);
  ASSERT_TRUE(snmpd);
  const std::uint16_t port = snmpd->port();
  // A sweep declares a device silent only after a timeout and a retry, so a busy
  // machine's slow answer is not an outage.
  stack_.setCollectorExtraConfig(
      "[snmp]\nranges = lab\ntimeout_ms = 1000\nretries = 1\n"
      "[snmp.range.lab]\ncidr = 127.0.0.1\ncredentials = lab-ro\ninterval_seconds = 1\n"
      "port = " + std::to_string(port) +
      "\n[snmp.credential.lab-ro]\nversion = 2c\ncommunity = steward-ro\n");
  stack_.setCollectorSettings(
      {"rules.file=" + std::string(STEWARD_FIXTURES_DIR) + "/../../config/rules.conf",
       "rules.tick_ms=100"});
  stack_.startServerAndCollector();

  ASSERT_TRUE(waitUntil([&] { return stack_.assets().size() == 1; }, 20s));
  const std::string device_id(stack_.assets().at(0).at("asset_id").as_string());
  std::this_thread::sleep_for(1500ms);  // more sweeps that answer: nothing is raised
  EXPECT_TRUE(unreachable().empty());

  snmpd.reset();  // stopped by PID
  ASSERT_TRUE(waitUntil([&] { return unreachable().size() == 1; }, 20s));
  json::value incident = unreachable().at(0);
  EXPECT_EQ(incident.at("asset_id").as_string(), device_id);
  EXPECT_EQ(incident.at("state").as_string(), "new");
  EXPECT_NE(json::serialize(incident.at("evidence")).find("127.0.0.1"), std::string::npos)
      << json::serialize(incident.at("evidence"));

  snmpd = startSnmpd(port);
  ASSERT_TRUE(snmpd);
  ASSERT_TRUE(waitUntil(
      [&] {
        auto all = unreachable();
        return all.size() == 1 && all.at(0).at("state").as_string() == "resolved";
      },
      20s));
  EXPECT_EQ(stack_.assets().size(), 1u);  // the same device, not a new asset
}

}  // namespace
}  // namespace steward::testing
