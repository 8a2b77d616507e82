#include "collector/ingest/ocs/ocs_inventory_mapper.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "shared/common/id.h"
#include "tests/support/temp_dir.h"

namespace steward::collector::ingest::ocs {
namespace {

constexpr const char* kNow = "2026-11-25T17:40:00.000Z";

std::string fixture(const std::string& name) {
  std::ifstream in(::steward::testing::fixturesDir() + "/ocs/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(text.str().empty()) << name;
  return text.str();
}

wire::InventoryReport mapFixture(const std::string& name) {
  const std::string xml = fixture(name);
  auto request = parseOcsRequest(xml);
  EXPECT_TRUE(request) << request.error().message;
  auto report = mapInventory(*request, xml, kNow);
  EXPECT_TRUE(report) << report.error().message;
  return *report;
}

const wire::NetworkInterface* nic(const wire::InventoryReport& r, const std::string& name) {
  for (const auto& n : r.interfaces) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

// Facts of the VM both fixtures were captured on (tests/fixtures/ocs/README.md).
void expectSameMachine(const wire::InventoryReport& r) {
  EXPECT_EQ(r.system.hostname, "vm");
  EXPECT_EQ(r.system.architecture, "x86_64");
  EXPECT_EQ(r.system.os_id, "debian");
  EXPECT_EQ(r.cpu.model, "AMD EPYC");
  EXPECT_EQ(r.cpu.vendor, "AMD");
  EXPECT_EQ(r.cpu.sockets, 1u);
  EXPECT_EQ(r.cpu.cores, 2u);
  EXPECT_EQ(r.cpu.threads, 2u);
  EXPECT_EQ(r.memory.total_bytes, 24105ull * 1024 * 1024);
  ASSERT_FALSE(r.disks.empty());
  EXPECT_EQ(r.disks[0].name, "vda");
  EXPECT_EQ(r.disks[0].size_bytes / 1000000, 274877u);
  ASSERT_EQ(r.filesystems.size(), 1u);
  EXPECT_EQ(r.filesystems[0].mount_point, "/");
  EXPECT_EQ(r.filesystems[0].device, "/dev/vda");
  EXPECT_EQ(r.filesystems[0].type, "ext4");
  EXPECT_EQ(r.filesystems[0].size_bytes, 258019ull * 1024 * 1024);
  ASSERT_TRUE(r.filesystems[0].used_bytes.has_value());
  const auto* eth0 = nic(r, "eth0");
  ASSERT_NE(eth0, nullptr);
  EXPECT_EQ(eth0->mac, "02:fc:00:00:00:01");
  EXPECT_FALSE(eth0->is_virtual);
  EXPECT_EQ(eth0->ipv4, std::vector<std::string>{"192.0.2.2/24"});
  EXPECT_NE(std::find(eth0->ipv6.begin(), eth0->ipv6.end(), "fe80::fc:ff:fe00:1/64"),
            eth0->ipv6.end());
  EXPECT_EQ(r.packages.size(), 120u);
  EXPECT_EQ(r.packages[0].name, "adduser");
  EXPECT_EQ(r.packages[0].version, "3.134");
  EXPECT_EQ(r.packages[0].architecture, "all");
  EXPECT_EQ(r.collected_at, kNow);
}

TEST(OcsInventoryMapperTest, FusionInventoryDocumentFromARealAgent) {
  const auto r = mapFixture("fusioninventory-2.6-debian12-vm.xml");
  expectSameMachine(r);
  EXPECT_EQ(r.system.os_name, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(r.system.os_version, "12.11");
  EXPECT_EQ(r.system.kernel, "6.18.44-fc-v782");
  EXPECT_EQ(r.agent_version, "FusionInventory 2.6-3");
  EXPECT_EQ(r.packages[0].source, "fusioninventory");
  // One NETWORKS entry per address, folded into one interface per name.
  EXPECT_EQ(r.interfaces.size(), 4u);
  ASSERT_NE(nic(r, "lo"), nullptr);
  EXPECT_TRUE(nic(r, "lo")->is_virtual);
  EXPECT_FALSE(nic(r, "lo")->mac.has_value());  // all-zero MAC dropped
  EXPECT_TRUE(nic(r, "ifb0")->is_virtual);      // VIRTUALDEV=1
  EXPECT_NE(std::find(nic(r, "eth0")->ipv6.begin(), nic(r, "eth0")->ipv6.end(), "fd00::2/64"),
            nic(r, "eth0")->ipv6.end());
}

TEST(OcsInventoryMapperTest, OcsInventoryDocumentFromARealAgent) {
  const auto r = mapFixture("ocsinventory-2.10-debian12-vm.xml");
  expectSameMachine(r);
  EXPECT_EQ(r.system.os_name, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(r.system.os_version, "12");
  EXPECT_FALSE(r.system.kernel.has_value());  // the OCS agent does not send it
  EXPECT_EQ(r.packages[0].source, "ocs");
  EXPECT_EQ(r.memory.swap_total_bytes, 0u);
  EXPECT_EQ(r.interfaces.size(), 3u);
}

TEST(OcsInventoryMapperTest, BiosIdentityAndUuidMapToHardwareIdentity) {
  const std::string xml =
      "<REQUEST><CONTENT><HARDWARE><NAME>ws12</NAME>"
      "<UUID>4C4C4544-0042-3510-8052-B4C04F564433</UUID></HARDWARE>"
      "<BIOS><SMANUFACTURER>Dell Inc.</SMANUFACTURER><SMODEL>OptiPlex 7090</SMODEL>"
      "<SSN>5B2RVD3</SSN><MSN>/5B2RVD3/CNFCW0012300E2/</MSN></BIOS>"
      "<CPUS><NAME>Intel(R) Core(TM) i7-10700</NAME><CORE>8</CORE><THREAD>16</THREAD>"
      "<SPEED>2900</SPEED></CPUS>"
      "<NETWORKS><DESCRIPTION>eno1</DESCRIPTION><MACADDR>B0:7B:25:1A:2B:3C</MACADDR>"
      "<IPADDRESS>10.1.2.3</IPADDRESS><IPMASK>255.255.252.0</IPMASK><VIRTUALDEV>0</VIRTUALDEV>"
      "</NETWORKS>"
      "</CONTENT><DEVICEID>ws12-2026-01-02-03-04-05</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>";
  auto request = parseOcsRequest(xml);
  ASSERT_TRUE(request) << request.error().message;
  auto r = mapInventory(*request, xml, kNow);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->hardware.vendor, "Dell Inc.");
  EXPECT_EQ(r->hardware.model, "OptiPlex 7090");
  EXPECT_EQ(r->hardware.serial, "5B2RVD3");
  EXPECT_EQ(r->hardware.uuid, "4c4c4544-0042-3510-8052-b4c04f564433");
  EXPECT_EQ(r->cpu.cores, 8u);
  EXPECT_EQ(r->cpu.threads, 16u);
  EXPECT_EQ(r->cpu.max_mhz, 2900.0);
  ASSERT_EQ(r->interfaces.size(), 1u);
  EXPECT_EQ(r->interfaces[0].mac, "b0:7b:25:1a:2b:3c");
  EXPECT_EQ(r->interfaces[0].ipv4, std::vector<std::string>{"10.1.2.3/22"});
}

TEST(OcsInventoryMapperTest, IdsAreDeterministicPrefixedAndFollowTheContent) {
  const std::string id = agentIdFor("vm-2026-11-25-17-39-00");
  EXPECT_EQ(id, agentIdFor("vm-2026-11-25-17-39-00"));
  EXPECT_NE(id, agentIdFor("vm-2026-11-25-17-39-01"));
  ASSERT_EQ(id.rfind(kAgentIdPrefix, 0), 0u);
  EXPECT_TRUE(isUuid(id.substr(4)));
  EXPECT_FALSE(isUuid(id));  // can never equal a Steward agent's UUID

  EXPECT_EQ(reportIdFor("d", "<doc/>"), reportIdFor("d", "<doc/>"));  // a retry
  EXPECT_NE(reportIdFor("d", "<doc/>"), reportIdFor("d", "<doc2/>"));
  EXPECT_NE(reportIdFor("d", "<doc/>"), reportIdFor("e", "<doc/>"));
}

TEST(OcsInventoryMapperTest, MissingHostnameIsRefused) {
  const std::string xml =
      "<REQUEST><CONTENT><SOFTWARES><NAME>bash</NAME></SOFTWARES></CONTENT>"
      "<DEVICEID>d</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>";
  auto request = parseOcsRequest(xml);
  ASSERT_TRUE(request);
  auto r = mapInventory(*request, xml, kNow);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "missing_field");
  EXPECT_NE(r.error().message.find("HARDWARE"), std::string::npos);
}

TEST(OcsInventoryMapperTest, GarbageNumbersAreLeftOutNotGuessed) {
  const std::string xml =
      "<REQUEST><CONTENT><HARDWARE><NAME>h</NAME><MEMORY>lots</MEMORY><SWAP>-5</SWAP></HARDWARE>"
      "<CPUS><TYPE>x</TYPE><CORES>1e99</CORES></CPUS>"
      "<STORAGES><NAME>sda</NAME><DISKSIZE>1e300</DISKSIZE></STORAGES>"
      "</CONTENT><DEVICEID>d</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>";
  auto request = parseOcsRequest(xml);
  ASSERT_TRUE(request);
  auto r = mapInventory(*request, xml, kNow);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->memory.total_bytes, 0u);
  EXPECT_FALSE(r->memory.swap_total_bytes.has_value());
  EXPECT_EQ(r->cpu.cores, 0u);
  ASSERT_EQ(r->disks.size(), 1u);
  EXPECT_EQ(r->disks[0].size_bytes, 0u);
}

}  // namespace
}  // namespace steward::collector::ingest::ocs
