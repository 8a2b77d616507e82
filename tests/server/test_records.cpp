#include "tests/server/test_records.h"

namespace steward::server::testing {

wire::AssetRecord sampleRecord(const std::string& asset_id, const std::string& event_id) {
  wire::InventoryReport r;
  r.report_id = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
  r.agent_id = "0193a1b2-0000-7000-8000-000000000001";
  r.collected_at = "2026-11-25T16:29:59.000Z";
  r.agent_version = "0.1.0";
  r.system = {"ws-0042", "ws-0042.corp.example", "debian", "Debian GNU/Linux 12 (bookworm)",
              "12",      "6.1.0-27-amd64",       "x86_64"};
  r.hardware = {"Dell Inc.", "Latitude 7440", "5CG3421XYZ", "4c4c4544-0043-3410-8052-b5c04f4d3332"};
  r.cpu = {"13th Gen Intel(R) Core(TM) i7-1365U", "GenuineIntel", 1, 10, 12, 5200.0};
  r.memory = {33'554'432'000ULL, 2'147'483'648ULL};
  r.disks = {{"nvme0n1", "SAMSUNG MZVL2512HCJQ", "S64KNX0T123456", 512'110'190'592ULL, false}};
  r.filesystems = {{"/", "/dev/nvme0n1p2", "ext4", 500'000'000'000ULL, 123'456'789'000ULL}};
  r.interfaces = {{"lo", std::nullopt, {"127.0.0.1/8"}, {"::1/128"}, true},
                  {"enp0s31f6",
                   "8c:04:ba:12:34:56",
                   {"192.0.2.10/24"},
                   {"fe80::8e04:baff:fe12:3456/64"},
                   false},
                  {"docker0", "02:42:ac:11:00:01", {"172.17.0.1/16"}, {}, true}};
  r.packages = {{"bash", "5.2.15-2+b7", "amd64", "dpkg"},
                {"openssl", "3.0.15-1~deb12u1", "amd64", "dpkg"},
                {"tzdata", "2024a-0+deb12u1", "all", "dpkg"}};

  wire::AssetRecord a;
  a.event_id = event_id;
  a.asset_id = asset_id;
  a.collector_id = "0193a1b2-c3d4-7e5f-8a6b-0000000000c0";
  a.first_seen = "2026-11-25T16:00:00.000Z";
  a.last_seen = "2026-11-25T16:30:00.000Z";
  a.updated_at = "2026-11-25T16:30:00.000Z";
  a.identifiers = {{"serial", "dell inc.|5CG3421XYZ"}, {"mac", "8c:04:ba:12:34:56"}};
  a.inventory = std::move(r);
  return a;
}

wire::AssetRecord recordFor(const std::string& asset_id, const std::string& event_id,
                            const std::string& hostname, const std::string& updated_at) {
  wire::AssetRecord a = sampleRecord(asset_id, event_id);
  a.inventory.system.hostname = hostname;
  a.inventory.hardware.serial = "SN-" + hostname;
  a.inventory.interfaces[1].ipv4 = {"198.51.100." + std::to_string(hostname.size()) + "/24"};
  a.updated_at = updated_at;
  a.last_seen = updated_at;
  return a;
}

wire::AssetSeen seenFor(const std::string& asset_id, const std::string& event_id,
                        const std::string& last_seen) {
  wire::AssetSeen s;
  s.event_id = event_id;
  s.asset_id = asset_id;
  s.last_seen = last_seen;
  return s;
}

}  // namespace steward::server::testing
