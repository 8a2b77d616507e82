// The trap receiver end to end inside one process: net-snmp's real snmptrap and
// snmpinform send v1, v2c and v3 notifications over loopback UDP to a
// NetSnmpTrapListener, which stores them through TrapProcessor in a real collector
// database and hands them to a sink. Bad credentials and bad datagrams are dropped,
// counted and never stored.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <mutex>

#include "collector/snmp/traps/asset_address_index.h"
#include "collector/snmp/traps/net_snmp_trap_listener.h"
#include "collector/snmp/traps/trap_oids.h"
#include "collector/snmp/traps/trap_processor.h"
#include "collector/snmp/traps/trap_store.h"
#include "tests/collector/sample_reports.h"
#include "tests/support/process.h"
#include "tests/support/snmptrap_runner.h"

namespace steward::collector::snmp::traps {
namespace {

using namespace std::chrono_literals;
using ::steward::testing::runSnmpTool;
using ::steward::testing::waitUntil;

constexpr const char* kCommunity = "trap-community-1";
constexpr const char* kEngineId = "0x8000000001020304";
constexpr const char* kIfIndex3 = "1.3.6.1.2.1.2.2.1.1.3";
constexpr const char* kIfDescr3 = "1.3.6.1.2.1.2.2.1.2.3";

class RecordingSink : public TrapSink {
 public:
  void onTrap(const TrapEvent& event) override {
    std::lock_guard lock(mutex_);
    events_.push_back(event);
  }
  std::vector<TrapEvent> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }

 private:
  std::mutex mutex_;
  std::vector<TrapEvent> events_;
};

class TrapReceiverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(TrapStore::prepare(h_.db()));
    config_.enabled = true;
    config_.address = "127.0.0.1";
    config_.port = 0;
    config_.communities = {"another-one", kCommunity};
    config_.users = {
        TrapUser{"trapuser", {"8000000001020304"}, "SHA", "auth-pass-123", "AES", "priv-pass-456"},
        TrapUser{"authonly", {"8000000001020304"}, "SHA-256", "only-auth-789", "none", ""},
    };
    store_ = std::make_unique<TrapStore>(h_.db(), h_.clock, TrapRetention{});
    assets_ = std::make_unique<AssetAddressIndex>(h_.db(), h_.clock, 0ms);
    processor_ = std::make_unique<TrapProcessor>(*store_, *assets_, stats_);
    processor_->addSink(sink_);
    listener_ = std::make_unique<NetSnmpTrapListener>(
        config_, stats_, h_.clock, [this](TrapEvent& e) { return processor_->process(e); });
    auto port = listener_->start();
    ASSERT_TRUE(port) << port.error().message;
    port_ = *port;
    target_ = "127.0.0.1:" + std::to_string(port_);
  }
  void TearDown() override {
    if (listener_) listener_->stop();
  }

  // Sends with `tool` and waits until the receiver has seen one more datagram and
  // finished with it (stored or dropped).
  ::steward::testing::SnmpToolResult send(const std::string& tool,
                                          const std::vector<std::string>& args,
                                          int timeout_seconds = 10) {
    const auto before = stats_.stored() + stats_.droppedTotal();
    auto result = runSnmpTool(tool, args, h_.dir.path().string(), timeout_seconds);
    EXPECT_TRUE(waitUntil([&] { return stats_.stored() + stats_.droppedTotal() > before; }, 5s))
        << tool << " output: " << result.output;
    return result;
  }
  std::vector<TrapEvent> stored() {
    auto events = store_->recent(100);
    EXPECT_TRUE(events) << events.error().message;
    return events ? *events : std::vector<TrapEvent>{};
  }
  void sendDatagram(const std::string& bytes) {
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port_);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const auto sent = sendto(fd, bytes.data(), bytes.size(), 0,
                             reinterpret_cast<const sockaddr*>(&to), sizeof(to));
    close(fd);
    ASSERT_EQ(sent, static_cast<ssize_t>(bytes.size())) << "datagram of " << bytes.size();
  }
  std::vector<std::string> v3(const std::string& user, const std::string& level,
                              const std::string& auth_protocol, const std::string& auth_pass,
                              const std::string& priv_pass = "") {
    std::vector<std::string> args = {"-v3", "-e", kEngineId,     "-u", user,     "-l",
                                     level, "-a", auth_protocol, "-A", auth_pass};
    if (!priv_pass.empty()) {
      args.insert(args.end(), {"-x", "AES", "-X", priv_pass});
    }
    return args;
  }

  collector::testing::CollectorHarness h_;
  TrapConfig config_;
  TrapStats stats_;
  RecordingSink sink_;
  std::unique_ptr<TrapStore> store_;
  std::unique_ptr<AssetAddressIndex> assets_;
  std::unique_ptr<TrapProcessor> processor_;
  std::unique_ptr<NetSnmpTrapListener> listener_;
  std::uint16_t port_ = 0;
  std::string target_;
};

TEST_F(TrapReceiverTest, V2cLinkDownIsStoredWithTrapOidUptimeVarbindsAndSubject) {
  auto r =
      send("snmptrap", {"-v2c", "-c", kCommunity, target_, "12345", kLinkDown, kIfIndex3, "i", "3",
                        kIfDescr3, "s", "GigabitEthernet0/3", "1.3.6.1.2.1.2.2.1.8.3", "i", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto events = stored();
  ASSERT_EQ(events.size(), 1u);
  const TrapEvent& e = events[0];
  EXPECT_EQ(e.version, "v2c");
  EXPECT_FALSE(e.inform);
  EXPECT_EQ(e.trap_oid, kLinkDown);
  EXPECT_EQ(e.uptime_hundredths, 12345u);
  EXPECT_EQ(e.source_address, "127.0.0.1");
  EXPECT_EQ(e.subject, "ifIndex=3");
  EXPECT_EQ(e.interface_name, "GigabitEthernet0/3");
  EXPECT_FALSE(e.asset_id.has_value());
  ASSERT_EQ(e.varbinds.size(), 3u);
  EXPECT_EQ(e.varbinds[0], (TrapVarbind{kIfIndex3, "integer", "3"}));
  EXPECT_EQ(e.varbinds[1], (TrapVarbind{kIfDescr3, "string", "GigabitEthernet0/3"}));
  EXPECT_EQ(e.varbinds[2], (TrapVarbind{"1.3.6.1.2.1.2.2.1.8.3", "integer", "2"}));
  EXPECT_TRUE(e.security_name.empty());
  ASSERT_EQ(sink_.events().size(), 1u);
  EXPECT_EQ(sink_.events()[0].event_id, e.event_id);
  EXPECT_EQ(stats_.received(), 1u);
  EXPECT_EQ(stats_.stored(), 1u);
}

TEST_F(TrapReceiverTest, V1TrapsGetTheirRfc3584TrapOid) {
  auto generic =
      send("snmptrap", {"-v1", "-c", kCommunity, target_, "1.3.6.1.4.1.8072.3.2.10", "127.0.0.9",
                        "2", "0", "555", "1.3.6.1.2.1.2.2.1.1.7", "i", "7"});
  ASSERT_EQ(generic.exit_code, 0) << generic.output;
  auto specific =
      send("snmptrap", {"-v1", "-c", kCommunity, target_, "1.3.6.1.4.1.9999.1", "127.0.0.9", "6",
                        "17", "1", "1.3.6.1.4.1.9999.1.2.0", "s", "fan failed"});
  ASSERT_EQ(specific.exit_code, 0) << specific.output;
  auto events = stored();
  ASSERT_EQ(events.size(), 2u);
  const TrapEvent& link = events[1];  // newest first
  EXPECT_EQ(link.version, "v1");
  EXPECT_EQ(link.trap_oid, kLinkDown);
  EXPECT_EQ(link.enterprise, "1.3.6.1.4.1.8072.3.2.10");
  EXPECT_EQ(link.agent_address, "127.0.0.9");
  EXPECT_EQ(link.uptime_hundredths, 555u);
  EXPECT_EQ(link.subject, "ifIndex=7");
  EXPECT_EQ(events[0].trap_oid, "1.3.6.1.4.1.9999.1.0.17");
  ASSERT_EQ(events[0].varbinds.size(), 1u);
  EXPECT_EQ(events[0].varbinds[0].value, "fan failed");
}

TEST_F(TrapReceiverTest, V2cInformIsAcknowledgedAfterItIsStored) {
  auto r =
      send("snmpinform", {"-v2c", "-c", kCommunity, "-r", "0", "-t", "3", target_, "", kColdStart});
  EXPECT_EQ(r.exit_code, 0) << "snmpinform got no acknowledgement: " << r.output;
  auto events = stored();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].inform);
  EXPECT_EQ(events[0].trap_oid, kColdStart);
  EXPECT_EQ(stats_.informsAcknowledged(), 1u);
}

TEST_F(TrapReceiverTest, V3InformIsAcknowledgedAfterEngineIdDiscovery) {
  // No -e: snmpinform discovers the collector's engine ID (a report), then informs.
  auto r = send("snmpinform", {"-v3",
                               "-u",
                               "trapuser",
                               "-l",
                               "authPriv",
                               "-a",
                               "SHA",
                               "-A",
                               "auth-pass-123",
                               "-x",
                               "AES",
                               "-X",
                               "priv-pass-456",
                               "-r",
                               "0",
                               "-t",
                               "3",
                               target_,
                               "",
                               kLinkUp,
                               kIfIndex3,
                               "i",
                               "3"});
  EXPECT_EQ(r.exit_code, 0) << "snmpinform got no acknowledgement: " << r.output;
  auto events = stored();
  ASSERT_EQ(events.size(), 1u) << stats_.summary();
  EXPECT_TRUE(events[0].inform);
  EXPECT_EQ(events[0].version, "v3");
  EXPECT_EQ(events[0].security_name, "trapuser");
  EXPECT_EQ(events[0].subject, "ifIndex=3");
  EXPECT_EQ(stats_.informsAcknowledged(), 1u);
  EXPECT_EQ(stats_.engineIdProbes(), 1u);
  EXPECT_EQ(stats_.droppedTotal(), 0u) << stats_.summary();
}

TEST_F(TrapReceiverTest, InformThatCannotBeStoredIsNotAcknowledgedSoTheSenderRetries) {
  ASSERT_TRUE(h_.db().transact([](steward::storage::SqliteDb& sql) {
    return sql.exec("DROP TABLE trap_events");
  }));
  auto r = send("snmpinform",
                {"-v2c", "-c", kCommunity, "-r", "0", "-t", "1", target_, "", kColdStart});
  EXPECT_NE(r.exit_code, 0) << "an unstored inform was acknowledged: " << r.output;
  EXPECT_EQ(stats_.dropped(DropReason::StorageError), 1u);
  EXPECT_EQ(stats_.informsAcknowledged(), 0u);
  EXPECT_TRUE(sink_.events().empty());
}

TEST_F(TrapReceiverTest, InformWithUnknownCommunityIsNotAcknowledgedNorStored) {
  auto r = send("snmpinform",
                {"-v2c", "-c", "wrong-community", "-r", "0", "-t", "1", target_, "", kColdStart});
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_EQ(stats_.dropped(DropReason::UnknownCommunity), 1u);
  EXPECT_EQ(stats_.informsAcknowledged(), 0u);
  EXPECT_TRUE(stored().empty());
}

TEST_F(TrapReceiverTest, V3AuthPrivShaAesTrapIsAcceptedWithTheSendersEngineId) {
  auto args = v3("trapuser", "authPriv", "SHA", "auth-pass-123", "priv-pass-456");
  args.insert(args.end(), {target_, "", kAuthenticationFailure});
  auto r = send("snmptrap", args);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto events = stored();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].version, "v3");
  EXPECT_EQ(events[0].security_name, "trapuser");
  EXPECT_EQ(events[0].trap_oid, kAuthenticationFailure);
  ASSERT_EQ(sink_.events().size(), 1u);
}

TEST_F(TrapReceiverTest, V3AuthNoPrivIsAcceptedOnlyForAUserConfiguredWithoutPrivacy) {
  auto ok = v3("authonly", "authNoPriv", "SHA-256", "only-auth-789");
  ok.insert(ok.end(), {target_, "", kWarmStart});
  ASSERT_EQ(send("snmptrap", ok).exit_code, 0);
  auto weak = v3("trapuser", "authNoPriv", "SHA", "auth-pass-123");
  weak.insert(weak.end(), {target_, "", kWarmStart});
  ASSERT_EQ(send("snmptrap", weak).exit_code, 0);
  auto events = stored();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].security_name, "authonly");
  EXPECT_EQ(stats_.dropped(DropReason::WrongSecurityLevel), 1u);
}

TEST_F(TrapReceiverTest, WrongCredentialsAreDroppedCountedAndNothingIsStored) {
  ASSERT_EQ(send("snmptrap", {"-v2c", "-c", "public", target_, "", kLinkDown}).exit_code, 0);
  ASSERT_EQ(
      send("snmptrap", {"-v1", "-c", "", target_, "1.3.6.1.4.1.1", "127.0.0.1", "0", "0", "1"})
          .exit_code,
      0);
  auto wrong_auth = v3("trapuser", "authPriv", "SHA", "not-the-password", "priv-pass-456");
  wrong_auth.insert(wrong_auth.end(), {target_, "", kLinkDown});
  ASSERT_EQ(send("snmptrap", wrong_auth).exit_code, 0);
  auto wrong_priv = v3("trapuser", "authPriv", "SHA", "auth-pass-123", "not-the-privkey");
  wrong_priv.insert(wrong_priv.end(), {target_, "", kLinkDown});
  ASSERT_EQ(send("snmptrap", wrong_priv).exit_code, 0);
  auto unknown_user = v3("nobody", "authPriv", "SHA", "auth-pass-123", "priv-pass-456");
  unknown_user.insert(unknown_user.end(), {target_, "", kLinkDown});
  ASSERT_EQ(send("snmptrap", unknown_user).exit_code, 0);
  // The right user and password from an engine ID nobody configured.
  std::vector<std::string> other_engine = {
      "-v3", "-e",     "0x80000000aabbccdd", "-u", "trapuser", "-l", "authPriv",      "-a",
      "SHA", "-A",     "auth-pass-123",      "-x", "AES",      "-X", "priv-pass-456", target_,
      "",    kLinkDown};
  ASSERT_EQ(send("snmptrap", other_engine).exit_code, 0);

  EXPECT_TRUE(stored().empty());
  EXPECT_TRUE(sink_.events().empty());
  EXPECT_EQ(stats_.dropped(DropReason::UnknownCommunity), 2u);
  // Wrong auth password: the digest fails. Wrong privacy password: the digest is
  // right, and the decrypted scoped PDU does not parse.
  EXPECT_EQ(stats_.dropped(DropReason::BadAuthentication), 2u) << stats_.summary();
  EXPECT_EQ(stats_.dropped(DropReason::UnknownUser), 2u) << stats_.summary();
  EXPECT_EQ(stats_.received(), 6u);
  EXPECT_EQ(stats_.droppedTotal(), 6u) << "each datagram is counted once: " << stats_.summary();
}

TEST_F(TrapReceiverTest, GarbageTruncatedAndOversizedDatagramsAreDroppedAsMalformed) {
  sendDatagram("hello, this is not SNMP");
  sendDatagram(std::string("\x30", 1));
  // A BER SEQUENCE claiming 4 GiB of content.
  sendDatagram(std::string("\x30\x84\xff\xff\xff\xff\x02\x01\x01", 9));
  // A v2c trap header cut short after the community.
  sendDatagram(std::string("\x30\x29\x02\x01\x01\x04\x10trap-community-1\xa7\x12", 24));
  // The largest datagram loopback carries.
  sendDatagram(std::string(65507, '\x30'));
  ASSERT_TRUE(waitUntil([&] { return stats_.droppedTotal() == 5; }, 5s)) << stats_.summary();
  EXPECT_EQ(stats_.dropped(DropReason::Malformed), 5u) << stats_.summary();
  EXPECT_TRUE(stored().empty());
  // The receiver is still there for real traps.
  ASSERT_EQ(send("snmptrap", {"-v2c", "-c", kCommunity, target_, "", kColdStart}).exit_code, 0);
  EXPECT_EQ(stored().size(), 1u);
}

TEST_F(TrapReceiverTest, OversizedValuesAndTooManyVarbindsAreCappedAndMarkedTruncated) {
  std::vector<std::string> args = {"-v2c",
                                   "-c",
                                   kCommunity,
                                   target_,
                                   "",
                                   kColdStart,
                                   "1.3.6.1.4.1.9999.1.1.0",
                                   "s",
                                   std::string(20000, 'x')};
  for (int i = 0; i < 100; ++i) {
    args.insert(args.end(), {"1.3.6.1.4.1.9999.2." + std::to_string(i), "i", std::to_string(i)});
  }
  ASSERT_EQ(send("snmptrap", args).exit_code, 0);
  auto events = stored();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].truncated);
  ASSERT_EQ(events[0].varbinds.size(), kMaxVarbinds);
  EXPECT_EQ(events[0].varbinds[0].value, std::string(kMaxValueBytes, 'x'));
}

TEST_F(TrapReceiverTest, RequestsSentToTheTrapPortAreNotNotifications) {
  auto r = send("snmpget",
                {"-v2c", "-c", kCommunity, "-r", "0", "-t", "1", target_, "1.3.6.1.2.1.1.3.0"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(stats_.dropped(DropReason::NotANotification), 1u);
  EXPECT_TRUE(stored().empty());
}

TEST_F(TrapReceiverTest, TrapFromAnAddressAnAssetReportedIsMatchedToThatAsset) {
  wire::InventoryReport report = collector::testing::laptopReport();
  report.interfaces = {{"enp0s31f6", "8c:04:ba:12:34:56", {"127.0.0.23/8"}, {}, false},
                       {"lo", std::nullopt, {"127.0.0.1/8"}, {}, true}};
  auto ingested = h_.service->ingestInventory(report);
  ASSERT_TRUE(ingested) << ingested.error().message;

  ASSERT_EQ(send("snmptrap", {"--clientaddr=127.0.0.23", "-v2c", "-c", kCommunity, target_, "",
                              kLinkUp, kIfIndex3, "i", "3"})
                .exit_code,
            0);
  ASSERT_EQ(
      send("snmptrap", {"--clientaddr=127.0.0.24", "-v2c", "-c", kCommunity, target_, "", kLinkUp})
          .exit_code,
      0);
  // Loopback interfaces identify nobody: every host has 127.0.0.1.
  ASSERT_EQ(send("snmptrap", {"-v2c", "-c", kCommunity, target_, "", kLinkUp}).exit_code, 0);
  auto events = stored();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].source_address, "127.0.0.23");
  EXPECT_EQ(events[2].asset_id, ingested->asset_id);
  EXPECT_EQ(events[1].source_address, "127.0.0.24");
  EXPECT_FALSE(events[1].asset_id.has_value());
  EXPECT_FALSE(events[0].asset_id.has_value());
  EXPECT_EQ(stats_.matched(), 1u);
  ASSERT_EQ(sink_.events().size(), 3u);
  EXPECT_EQ(sink_.events()[0].asset_id, ingested->asset_id);
}

}  // namespace
}  // namespace steward::collector::snmp::traps
