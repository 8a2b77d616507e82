// The real steward-collector with [traps] enabled on a loopback port: net-snmp's
// snmptrap sends from 127.0.0.x addresses; a trap from the address an enrolled agent
// reported is stored against that agent's asset, bad credentials and garbage are
// dropped and counted, and the counters are visible on /api/v1/traps/stats.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <iostream>

#include "shared/storage/sqlite_db.h"
#include "shared/wire/json_codec.h"
#include "tests/integration/steward_stack.h"
#include "tests/support/sample_report.h"
#include "tests/support/snmp_daemons.h"
#include "tests/support/snmptrap_runner.h"

namespace steward::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kCommunity = "site-trap-community";
constexpr const char* kLinkDown = "1.3.6.1.6.3.1.1.5.3";

class TrapReceiverIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = freeUdpPort();
    stack_.setCollectorExtraConfig(
        "[traps]\nenabled = true\naddress = 127.0.0.1\nport = " + std::to_string(port_) +
        "\ncommunities = " + kCommunity +
        "\nv3_users = noc\n[trap_user.noc]\nengine_ids = 0x80000000aa00000001\n"
        "auth_protocol = SHA\nauth_password = noc-auth-pass\npriv_protocol = AES\n"
        "priv_password = noc-priv-pass\n");
    stack_.startServerAndCollector();
  }
  void TearDown() override {
    if (HasFailure()) std::cerr << stack_.logs();
  }

  json::object stats() {
    auto reply = stack_.get(stack_.collectorUrl() + "/api/v1/traps/stats");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.is_object() ? reply.json.as_object() : json::object{};
  }
  std::uint64_t counter(const json::object& s, const char* name) {
    const json::value* v = s.if_contains(name);
    return v ? v->to_number<std::uint64_t>() : 0;
  }
  std::uint64_t dropped(const char* reason) {
    const auto s = stats();
    return s.contains("dropped") ? counter(s.at("dropped").as_object(), reason) : 0;
  }
  SnmpToolResult snmptrap(const std::vector<std::string>& args) {
    auto r = runSnmpTool("snmptrap", args, stack_.dir().path().string());
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r;
  }
  std::string target() const { return "127.0.0.1:" + std::to_string(port_); }

  StewardStack stack_;
  int port_ = 0;
};

TEST_F(TrapReceiverIntegrationTest, TrapFromAnAgentsAddressIsStoredAgainstItsAsset) {
  // An enrolled agent reports 127.0.0.31 on its NIC.
  wire::InventoryReport report = sampleReport();
  report.interfaces = {{"eth0", "8c:04:ba:12:34:56", {"127.0.0.31/8"}, {}, false}};
  const std::string auth = stack_.enrollDirectly(report.agent_id);
  auto stored = stack_.post(stack_.collectorUrl() + "/api/v1/agent/inventory",
                            wire::encodeInventory(report), "application/json", auth);
  ASSERT_EQ(stored.status, 200) << stored.body;
  const std::string asset_id(stored.json.at("asset_id").as_string());

  snmptrap({"--clientaddr=127.0.0.31", "-v2c", "-c", kCommunity, target(), "", kLinkDown,
            "1.3.6.1.2.1.2.2.1.1.2", "i", "2", "1.3.6.1.2.1.2.2.1.2.2", "s", "eth0"});
  snmptrap({"--clientaddr=127.0.0.31", "-v3", "-e", "0x80000000aa00000001", "-u", "noc", "-l",
            "authPriv", "-a", "SHA", "-A", "noc-auth-pass", "-x", "AES", "-X", "noc-priv-pass",
            target(), "", "1.3.6.1.6.3.1.1.5.1"});
  ASSERT_TRUE(waitUntil([&] { return counter(stats(), "stored") == 2; }, 10s));
  EXPECT_EQ(counter(stats(), "matched_to_asset"), 2u);

  // What the collector keeps, read as another process would.
  auto db = storage::SqliteDb::open(stack_.dir().file("collector.db"));
  ASSERT_TRUE(db) << db.error().message;
  auto rows = (*db)->prepare(
      "SELECT asset_id, source, version, trap_oid, subject, varbinds FROM trap_events ORDER BY "
      "seq");
  ASSERT_TRUE(rows);
  std::vector<std::vector<std::string>> got;
  ASSERT_TRUE(rows->forEachRow([&](storage::Statement& r) {
    got.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)});
  }));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0][0], asset_id);
  EXPECT_EQ(got[0][1], "127.0.0.31");
  EXPECT_EQ(got[0][2], "v2c");
  EXPECT_EQ(got[0][3], kLinkDown);
  EXPECT_EQ(got[0][4], "ifIndex=2");
  EXPECT_NE(got[0][5].find(R"("value":"eth0")"), std::string::npos) << got[0][5];
  EXPECT_EQ(got[1][2], "v3");
  EXPECT_EQ(got[1][3], "1.3.6.1.6.3.1.1.5.1");
  EXPECT_NE(readFile(stack_.dir().file("collector.log")).find("linkDown ifIndex=2"),
            std::string::npos);
}

TEST_F(TrapReceiverIntegrationTest, BadCredentialsAndGarbageAreDroppedAndCounted) {
  snmptrap({"-v2c", "-c", "public", target(), "", kLinkDown});
  snmptrap({"-v3", "-e", "0x80000000aa00000001", "-u", "noc", "-l", "authPriv", "-a", "SHA", "-A",
            "wrong-password", "-x", "AES", "-X", "noc-priv-pass", target(), "", kLinkDown});
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port_));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const std::string garbage(1500, '\x7f');
  ASSERT_EQ(
      sendto(fd, garbage.data(), garbage.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof(to)),
      1500);
  close(fd);

  ASSERT_TRUE(
      waitUntil([&] { return counter(stats().at("dropped").as_object(), "total") == 3; }, 10s))
      << json::serialize(stats());
  EXPECT_EQ(dropped("unknown_community"), 1u);
  EXPECT_EQ(dropped("bad_authentication"), 1u);
  EXPECT_EQ(dropped("malformed"), 1u);
  const auto s = stats();
  EXPECT_EQ(counter(s, "received"), 3u);
  EXPECT_EQ(counter(s, "stored"), 0u);
  auto db = storage::SqliteDb::open(stack_.dir().file("collector.db"));
  ASSERT_TRUE(db);
  auto count = (*db)->prepare("SELECT COUNT(*) FROM trap_events");
  ASSERT_TRUE(count);
  ASSERT_TRUE(count->step());
  EXPECT_EQ(count->int64(0), 0);
}

}  // namespace
}  // namespace steward::testing
