// The agents people already run: Debian's real fusioninventory-agent 2.6 and
// ocsinventory-agent 2.10 report to a real steward-collector on loopback, and what they
// say about this machine reaches the server API. A machine that also runs a Steward
// agent stays one asset. Each agent keeps its state in the test's temp dir and is only
// given the collector's 127.0.0.1 URL (proxy variables removed). The endpoint asks for
// HTTP Basic credentials; the agents pass them with --user/--password (--realm too for
// ocsinventory-agent), and an agent with the wrong password stores nothing.

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

#include "tests/integration/machine_facts.h"
#include "tests/integration/steward_stack.h"

namespace steward::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr auto kAgentRunLimit = 180s;

// Runs `args` under env(1) without proxy variables; returns the exit status and prints
// how long it took (the agents are compared with steward-agent on footprint).
constexpr const char* kOcsUser = "ocs-agents";
constexpr const char* kOcsPassword = "agents' pass w0rd";
constexpr const char* kOcsRealm = "Steward Test";

int runAgent(const std::string& name, std::vector<std::string> args, const std::string& log,
             bool expect_success = true) {
  std::vector<std::string> command = {"-u", "http_proxy",  "-u", "https_proxy", "-u", "HTTP_PROXY",
                                      "-u", "HTTPS_PROXY", "-u", "all_proxy"};
  command.insert(command.end(), args.begin(), args.end());
  const auto started = std::chrono::steady_clock::now();
  ChildProcess agent("/usr/bin/env", command, log);
  const int status = agent.wait(kAgentRunLimit);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "[ timing ] " << name << " run took " << seconds << " s"
            << (seconds > 60 ? " (more than 60 s)" : "") << "\n";
  if (expect_success) {
    EXPECT_EQ(status, 0) << name << " failed; its log:\n" << agent.log();
  }
  return status;
}

// ocsinventory-agent 2.10 base64-decodes --user and --password before use
// (Ocsinventory::Agent::Encrypt::getClearText), so they are given to it encoded.
std::string base64(const std::string& text) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(text[i]) << 16) |
                       (static_cast<unsigned char>(text[i + 1]) << 8) |
                       static_cast<unsigned char>(text[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
  }
  if (i < text.size()) {
    unsigned v = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) v |= static_cast<unsigned char>(text[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < text.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// A password hash made the way an administrator makes one: steward-collector
// --hash-password with the password on stdin.
std::string hashPassword(const TempDir& dir, const std::string& password) {
  dir.write("ocs-password", password + "\n");
  ChildProcess hasher("/bin/sh",
                      {"-c", "exec \"$0\" --hash-password < \"$1\"",
                       binaryPath("steward-collector"), dir.file("ocs-password")},
                      dir.file("hash.log"));
  EXPECT_EQ(hasher.wait(30s), 0) << hasher.log();
  std::string hash = hasher.log();
  while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) hash.pop_back();
  EXPECT_EQ(hash.rfind("pbkdf2-sha256$", 0), 0u) << hash;
  return hash;
}

class OcsAgentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_.setCollectorExtraConfig(std::string("[ocs]\nenabled = true\nuser = ") + kOcsUser +
                                   "\npassword_hash = " + hashPassword(stack_.dir(), kOcsPassword) +
                                   "\nrealm = " + kOcsRealm + "\n");
  }

  void TearDown() override {
    if (HasFailure()) {
      std::cerr << stack_.logs() << "---- fusioninventory\n"
                << readFile(stack_.dir().file("fusion.log")) << "---- ocsinventory\n"
                << readFile(stack_.dir().file("ocs.log"));
    }
  }

  // fusioninventory-agent has no option for its state directory (setup.pm fixes
  // /var/lib/fusioninventory-agent), so a setup.pm of ours is loaded first.
  void runFusionInventory(const std::string& password = kOcsPassword, bool expect_success = true) {
    const std::string vardir = stack_.dir().file("fusion-var");
    std::filesystem::create_directories(vardir);
    std::filesystem::create_directories(stack_.dir().file("fusion-perl"));
    stack_.dir().write("fusion-perl/setup.pm",
                       "package setup;\nuse strict;\nuse warnings;\nuse parent qw(Exporter);\n"
                       "our @EXPORT = ('%setup');\nour %setup = (\n"
                       "  datadir => '/usr/share/fusioninventory',\n"
                       "  libdir => '/usr/share/fusioninventory/lib',\n  vardir => '" +
                           vardir + "',\n);\n1;\n");
    runAgent("fusioninventory-agent",
             {"perl", "-I" + stack_.dir().file("fusion-perl"), "-Msetup",
              "/usr/bin/fusioninventory-agent", "--config=none",
              "--server=" + stack_.collectorUrl() + "/", "--force", "--timeout=30",
              std::string("--user=") + kOcsUser, "--password=" + password,
              "--no-task=deploy,esx,collect,wakeonlan,netdiscovery,netinventory"},
             stack_.dir().file("fusion.log"), expect_success);
  }

  void runOcsInventory() {
    const std::string vardir = stack_.dir().file("ocs-var");
    std::filesystem::create_directories(vardir);
    // --nolocal: without it Debian's agent follows local= in /etc and ignores --server.
    runAgent(
        "ocsinventory-agent",
        {"ocsinventory-agent", "--nolocal", "--server=" + stack_.collectorUrl() + "/ocsinventory",
         "--force", "--user=" + base64(kOcsUser), "--password=" + base64(kOcsPassword),
         std::string("--realm=") + kOcsRealm, "--basevardir=" + vardir, "--logfile=" + stack_.dir().file("ocs-agent.log")},
        stack_.dir().file("ocs.log"));
  }

  // The one asset's detail once its latest inventory came from packages of `source`.
  json::value waitForInventoryFrom(const std::string& source) {
    json::value found;
    waitUntil(
        [&] {
          for (const auto& asset : stack_.assets()) {
            auto detail =
                stack_.get(stack_.serverUrl() + "/api/v1/assets/" + str(asset, "asset_id"));
            if (detail.status != 200) continue;
            const auto& packages = detail.json.at("inventory").at("packages").as_array();
            if (!packages.empty() && str(packages.at(0), "source") == source) {
              found = detail.json;
              return true;
            }
          }
          return false;
        },
        30s);
    EXPECT_FALSE(found.is_null()) << "no asset with an inventory from " << source;
    return found;
  }

  // Waits until the asset's reconciliation shows `count` merges of "ocs" sightings.
  bool waitForOcsMerges(const std::string& asset_id, std::size_t count) {
    return waitUntil(
        [&] {
          auto r = stack_.get(stack_.serverUrl() + "/api/v1/assets/" + asset_id +
                              "/reconciliation");
          if (r.status != 200) return false;
          std::size_t merges = 0;
          for (const auto& d : r.json.at("decisions").as_array()) {
            merges += str(d, "action") == "merge" && str(d, "source") == "ocs";
          }
          return merges >= count;
        },
        30s);
  }

  void expectThisMachine(const json::value& detail, bool macs_may_include_virtual) {
    if (detail.is_null()) return;
    const auto& inventory = detail.at("inventory");
    EXPECT_EQ(str(inventory.at("system"), "hostname"), thisHostname());
    EXPECT_EQ(str(inventory.at("cpu"), "model"), thisCpuModel());
    const auto packages = static_cast<std::int64_t>(inventory.at("packages").as_array().size());
    EXPECT_NEAR(packages, thisPackageCount(), 10);
    std::set<std::string> macs;
    for (const auto& nic : inventory.at("interfaces").as_array()) {
      if (!nic.at("virtual").as_bool() && nic.as_object().contains("mac")) {
        macs.insert(str(nic, "mac"));
      }
    }
    const auto physical = thisPhysicalMacs();
    ASSERT_FALSE(physical.empty());
    for (const auto& mac : physical) {
      EXPECT_TRUE(macs.count(mac)) << mac << " not reported";
    }
    if (!macs_may_include_virtual) {
      EXPECT_EQ(macs, physical);
    }
  }

  StewardStack stack_;
};

TEST_F(OcsAgentsTest, FusionInventoryAgentReportsThisMachine) {
  stack_.startServerAndCollector();
  runFusionInventory();
  const json::value detail = waitForInventoryFrom("fusioninventory");
  expectThisMachine(detail, false);  // it flags virtual NICs (VIRTUALDEV)
  EXPECT_EQ(stack_.assets().size(), 1u);
  EXPECT_NE(readFile(stack_.dir().file("collector.log")).find("PROLOG"), std::string::npos);
}

TEST_F(OcsAgentsTest, AgentWithTheWrongPasswordIsRefusedAndStoresNothing) {
  stack_.startServerAndCollector();
  runFusionInventory("not the password", false);
  const std::string collector_log = readFile(stack_.dir().file("collector.log"));
  EXPECT_NE(collector_log.find("refused OCS request: wrong user or password"), std::string::npos)
      << collector_log;
  EXPECT_EQ(collector_log.find("inventory stored"), std::string::npos) << collector_log;
  EXPECT_EQ(collector_log.find("PROLOG"), std::string::npos) << "a PROLOG got past the check";
  EXPECT_TRUE(stack_.assets().empty());
  // Without credentials at all: 401 with the realm the agents must name.
  const auto reply = stack_.post(stack_.collectorUrl() + "/ocsinventory", "<REQUEST/>",
                                 "application/xml");
  EXPECT_EQ(reply.status, 401) << reply.body;
}

TEST_F(OcsAgentsTest, OcsInventoryAgentReportsThisMachine) {
  stack_.startServerAndCollector();
  runOcsInventory();
  const json::value detail = waitForInventoryFrom("ocs");
  expectThisMachine(detail, true);  // no VIRTUALDEV: ifb* count as NICs
  EXPECT_EQ(stack_.assets().size(), 1u);
}

TEST_F(OcsAgentsTest, StewardAgentAndBothOcsAgentsOnThisMachineAreOneAsset) {
  stack_.startServerAndCollector();
  stack_.startAgent("first");
  ASSERT_TRUE(waitUntil([&] { return stack_.assets().size() == 1; }, 30s));
  const std::string asset_id = str(stack_.assets().at(0), "asset_id");

  // Each OCS agent's report joins the Steward agent's asset as an "ocs" sighting
  // (a merge the asset's reconciliation explains); its inventory keeps the Steward
  // agent's attributes, which come first in the default [reconcile] precedence.
  runFusionInventory();
  EXPECT_TRUE(waitForOcsMerges(asset_id, 1)) << "the fusioninventory report was not merged";
  runOcsInventory();
  EXPECT_TRUE(waitForOcsMerges(asset_id, 2)) << "the ocsinventory report was not merged";
  EXPECT_EQ(stack_.assets().size(), 1u);
  const auto detail = stack_.get(stack_.serverUrl() + "/api/v1/assets/" + asset_id);
  ASSERT_EQ(detail.status, 200);
  const auto& packages = detail.json.at("inventory").at("packages").as_array();
  ASSERT_FALSE(packages.empty());
  EXPECT_NE(str(packages.at(0), "source"), "ocs");
  EXPECT_NE(str(packages.at(0), "source"), "fusioninventory");
}

}  // namespace
}  // namespace steward::testing
