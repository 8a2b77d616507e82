#include "collector/reconcile/reconciler.h"

#include <gtest/gtest.h>

#include <optional>

#include "collector/reconcile/identifiers.h"
#include "tests/collector/sample_reports.h"

namespace steward::collector::reconcile {
namespace {

using testing::laptopReport;
using testing::testId;
using testing::whiteboxReport;

struct Case {
  std::string name;
  std::vector<wire::InventoryReport> known;  // one existing asset per report: "asset-<index>"
  wire::InventoryReport incoming;
  std::optional<int> expected_asset;  // index into known; nullopt = new asset
  std::string expected_rule;
};

// Failure messages name the case instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

wire::InventoryReport withAgent(wire::InventoryReport r, int n) {
  r.agent_id = testId(n);
  r.report_id = testId(9000 + n);
  return r;
}

// A VM without usable hardware ids: only agent id, MAC and hostname identify it.
wire::InventoryReport vmReport(const std::string& hostname, const std::string& mac, int agent) {
  auto r = withAgent(whiteboxReport(hostname, mac), agent);
  r.hardware = {};
  return r;
}

std::vector<Case> cases() {
  auto laptop = laptopReport();
  auto reinstalled_same_uuid = withAgent(laptop, 2);
  reinstalled_same_uuid.hardware.serial.reset();  // only the SMBIOS UUID is left to match
  reinstalled_same_uuid.system.hostname = "renamed";
  reinstalled_same_uuid.interfaces.clear();

  auto reinstalled_same_serial = withAgent(laptop, 3);
  reinstalled_same_serial.hardware.uuid.reset();
  reinstalled_same_serial.hardware.serial = "  5cg3421xyz ";  // case and spaces differ

  auto other_vendor_same_serial = withAgent(laptop, 4);
  other_vendor_same_serial.hardware = {"LENOVO", "ThinkPad", "5CG3421XYZ", std::nullopt};
  other_vendor_same_serial.system.hostname = "other";
  other_vendor_same_serial.interfaces = {{"eth0", "00:11:22:33:44:55", {}, {}, false}};

  auto vm = vmReport("build-01", "52:54:00:aa:bb:01", 10);
  auto vm_restarted = vm;
  vm_restarted.report_id = testId(9999);
  vm_restarted.system.hostname = "build-01-renamed";
  vm_restarted.interfaces = {{"ens3", "52:54:00:aa:bb:99", {}, {}, false}};

  auto two_nics = vmReport("db-01", "52:54:00:00:00:01", 20);
  two_nics.interfaces.push_back({"ens4", "52:54:00:00:00:02", {}, {}, false});
  auto two_nics_reinstalled = two_nics;
  two_nics_reinstalled = withAgent(two_nics_reinstalled, 21);
  two_nics_reinstalled.system.hostname = "db-01-new";

  // Two machines that share docker0's default MAC and a hostname: docker0 must not count.
  auto docker_a = vmReport("ubuntu", "52:54:00:00:10:01", 30);
  docker_a.interfaces.push_back({"docker0", "02:42:ac:11:00:01", {}, {}, true});
  auto docker_b = vmReport("ubuntu", "52:54:00:00:10:02", 31);
  docker_b.interfaces.push_back({"docker0", "02:42:ac:11:00:01", {}, {}, false});

  return {
      {"SameAgentIdAfterRestart", {vm}, vm_restarted, 0, "agent_id"},
      {"ReinstallWithSameSmbiosUuid", {laptop}, reinstalled_same_uuid, 0, "smbios_uuid"},
      {"ReinstallWithSameSerialAndVendor", {laptop}, reinstalled_same_serial, 0, "serial"},
      {"SameSerialFromAnotherVendorIsAnotherMachine",
       {laptop},
       other_vendor_same_serial,
       std::nullopt,
       "new_asset"},
      {"BogusSerialDoesNotMergeTwoMachines",
       {withAgent(whiteboxReport("shop-1", "00:1b:21:00:00:01"), 40)},
       withAgent(whiteboxReport("shop-2", "00:1b:21:00:00:02"), 41),
       std::nullopt,
       "new_asset"},
      {"AllZeroUuidIsIgnored",
       {withAgent(whiteboxReport("lab-1", "00:1b:21:00:01:01"), 42)},
       withAgent(whiteboxReport("lab-2", "00:1b:21:00:01:02"), 43),
       std::nullopt,
       "new_asset"},
      {"OneSharedMacAloneDoesNotMerge",
       {vmReport("web-1", "52:54:00:12:34:56", 50)},
       vmReport("web-2", "52:54:00:12:34:56", 51),
       std::nullopt,
       "new_asset"},
      {"SharedHostnameAloneDoesNotMerge",
       {vmReport("kiosk", "52:54:00:12:00:01", 52)},
       vmReport("kiosk", "52:54:00:12:00:02", 53),
       std::nullopt,
       "new_asset"},
      {"MacPlusHostnameMerges",
       {vmReport("web-1", "52:54:00:12:34:56", 54)},
       vmReport("web-1", "52:54:00:12:34:56", 55),
       0,
       "weak_keys"},
      {"TwoMacsMerge", {two_nics}, two_nics_reinstalled, 0, "weak_keys"},
      {"VirtualNicMacsDoNotCount", {docker_a}, docker_b, std::nullopt, "new_asset"},
      {"StrongKeyBeatsWeakKeysOfAnotherAsset",
       {vmReport("ws-0042", "8c:04:ba:12:34:56", 60), laptop},
       withAgent(laptop, 61),
       1,
       "serial"},
  };
}

class ReconcilerTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(ReconcilerTableTest, Decides) {
  const Case& c = GetParam();
  std::vector<KnownAsset> known;
  for (std::size_t i = 0; i < c.known.size(); ++i) {
    known.push_back({"asset-" + std::to_string(i), extractIdentifiers(c.known[i])});
  }
  const auto incoming = extractIdentifiers(c.incoming);
  const Decision d = Reconciler().decide(incoming, matchCandidates(incoming, known));

  EXPECT_EQ(d.rule, c.expected_rule) << d.evidence;
  if (c.expected_asset) {
    EXPECT_EQ(d.asset_id, "asset-" + std::to_string(*c.expected_asset)) << d.evidence;
  } else {
    EXPECT_FALSE(d.asset_id.has_value()) << "merged into " << *d.asset_id << ": " << d.evidence;
  }
  EXPECT_FALSE(d.evidence.empty());
}

INSTANTIATE_TEST_SUITE_P(Rules, ReconcilerTableTest, ::testing::ValuesIn(cases()),
                         [](const auto& p) { return p.param.name; });

TEST(ReconcilerTest, EvidenceNamesTheIdentifiersThatDecided) {
  const auto incoming = extractIdentifiers(laptopReport());
  const Decision d =
      Reconciler().decide(incoming, {{"asset-a", {{"serial", "dell inc.|5CG3421XYZ"}}}});
  EXPECT_EQ(d.rule, "serial");
  EXPECT_NE(d.evidence.find("serial=dell inc.|5CG3421XYZ"), std::string::npos) << d.evidence;
}

TEST(ReconcilerTest, NewAssetEvidenceSaysWhichSingleWeakKeyWasIgnored) {
  const Decision d = Reconciler().decide({{"mac", "52:54:00:12:34:56"}},
                                         {{"asset-a", {{"mac", "52:54:00:12:34:56"}}}});
  EXPECT_EQ(d.rule, "new_asset");
  EXPECT_NE(d.evidence.find("mac=52:54:00:12:34:56 of asset asset-a ignored"), std::string::npos)
      << d.evidence;
}

TEST(ReconcilerTest, TieBetweenStrongMatchesGoesToTheOldestAsset) {
  const std::vector<Candidate> candidates = {
      {"0193b000-0000-7000-8000-000000000002", {{"agent_id", "x"}}},
      {"0193a000-0000-7000-8000-000000000001", {{"agent_id", "x"}}}};
  const Decision d = Reconciler().decide({{"agent_id", "x"}}, candidates);
  EXPECT_EQ(d.asset_id, "0193a000-0000-7000-8000-000000000001");
}

}  // namespace
}  // namespace steward::collector::reconcile
