#include "agent/inventory/section_hashes.h"

#include <gtest/gtest.h>

namespace steward::agent {
namespace {

wire::InventoryReport machine() {
  wire::InventoryReport r;
  r.report_id = "r-1";
  r.agent_id = "a-1";
  r.collected_at = "2026-12-01T10:00:00Z";
  r.agent_version = "0.1.0";
  r.system.hostname = "ws-fin-042";
  r.system.uptime_seconds = 3600;
  r.cpu.model = "Xeon";
  r.memory.total_bytes = 16ull << 30;
  r.disks.push_back({"sda", "Samsung", "S1", 512ull << 30, false});
  r.filesystems.push_back({"/", "/dev/sda1", "ext4", 500ull << 30, 100ull << 30});
  wire::NetworkInterface nic{"eth0", "52:54:00:12:34:56", {"192.0.2.10/24"}, {}, false};
  nic.oper_state = "up";
  nic.speed_mbps = 1000;
  r.interfaces.push_back(nic);
  r.default_gateways = {"192.0.2.1"};
  r.packages.push_back({"bash", "5.2.15-2", "amd64"});
  r.users.push_back({"alice", 1000, "Alice", "/home/alice", "/bin/bash"});
  return r;
}

TEST(SectionHashesTest, EverySectionHasAHashAndTheEnvelopeNone) {
  const auto hashes = sectionHashes(machine());
  for (const char* section : {"system", "hardware", "cpu", "memory", "disks", "filesystems",
                              "network", "packages", "users"}) {
    EXPECT_TRUE(hashes.contains(section)) << section;
  }
  for (const char* envelope : {"report_id", "agent_id", "collected_at", "interfaces",
                               "default_gateways", "sequence", "section_hashes"}) {
    EXPECT_FALSE(hashes.contains(envelope)) << envelope;
  }
}

TEST(SectionHashesTest, VolatileFieldsAndTheEnvelopeDoNotChangeAnyHash) {
  const auto before = sectionHashes(machine());
  auto later = machine();
  later.report_id = "r-2";
  later.collected_at = "2026-12-01T11:00:00Z";
  later.system.uptime_seconds = 7200;
  later.filesystems[0].used_bytes = 101ull << 30;
  later.interfaces[0].oper_state = "down";
  later.interfaces[0].speed_mbps.reset();
  later.sequence = 42;
  later.dropped_reports = 3;
  EXPECT_EQ(sectionHashes(later), before);
}

TEST(SectionHashesTest, AChangeMovesOnlyItsOwnSection) {
  const auto before = sectionHashes(machine());
  auto upgraded = machine();
  upgraded.packages[0].version = "5.2.15-3";
  EXPECT_EQ(changedSections(before, sectionHashes(upgraded)), "packages");

  auto moved = machine();
  moved.default_gateways = {"192.0.2.254"};
  EXPECT_EQ(changedSections(before, sectionHashes(moved)), "network");

  auto grown = machine();
  grown.filesystems[0].size_bytes = 600ull << 30;  // size is not volatile
  grown.users.push_back({"bob", 1001, {}, {}, {}});
  EXPECT_EQ(changedSections(before, sectionHashes(grown)), "filesystems, users");
}

TEST(SectionHashesTest, ChangedSectionsNamesSectionsPresentOnOneSideOnly) {
  EXPECT_EQ(changedSections({{"a", "1"}, {"b", "2"}}, {{"b", "2"}, {"c", "3"}}), "a, c");
  EXPECT_EQ(changedSections({}, {}), "");
}

}  // namespace
}  // namespace steward::agent
