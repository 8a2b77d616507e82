#include "tests/support/sample_report.h"

namespace steward::testing {

wire::InventoryReport sampleReport() {
  wire::InventoryReport r;
  r.report_id = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
  r.agent_id = "0193a1b2-0000-7000-8000-000000000001";
  r.collected_at = "2026-11-25T16:33:24.123Z";
  r.agent_version = "0.1.0";
  r.system = {"ws-0042", "ws-0042.corp.example", "debian", "Debian GNU/Linux 12 (bookworm)",
              "12", "6.1.0-27-amd64", "x86_64"};
  r.hardware = {"Dell Inc.", "Latitude 7440", "5CG3421XYZ", "4c4c4544-0043-3410-8052-b5c04f4d3332"};
  r.cpu = {"13th Gen Intel(R) Core(TM) i7-1365U", "GenuineIntel", 1, 10, 12, 5200.0};
  r.memory = {33'554'432'000ULL, 2'147'483'648ULL};
  r.disks = {{"nvme0n1", "SAMSUNG MZVL2512HCJQ", "S64KNX0T123456", 512'110'190'592ULL, false}};
  r.filesystems = {{"/", "/dev/nvme0n1p2", "ext4", 500'000'000'000ULL, 123'456'789'000ULL},
                   {"/boot/efi", "/dev/nvme0n1p1", "vfat", std::nullopt, std::nullopt}};
  r.interfaces = {{"enp0s31f6", "8c:04:ba:12:34:56", {"192.0.2.10/24"}, {"fe80::8e04:baff:fe12:3456/64"}, false},
                  {"docker0", "02:42:ac:11:00:01", {"172.17.0.1/16"}, {}, true}};
  r.packages = {{"bash", "5.2.15-2+b7", "amd64", "dpkg"},
                {"openssl", "3.0.15-1~deb12u1", "amd64", "dpkg"},
                {"tzdata", "2024a-0+deb12u1", "all", "dpkg"}};
  return r;
}

wire::AssetRecord sampleAssetRecord() {
  wire::AssetRecord a;
  a.event_id = "0193a1b2-c3d4-7e5f-8a6b-000000000099";
  a.asset_id = "0193a1b2-c3d4-7e5f-8a6b-000000000001";
  a.collector_id = "0193a1b2-c3d4-7e5f-8a6b-0000000000c0";
  a.first_seen = "2026-11-25T16:00:00.000Z";
  a.last_seen = "2026-11-25T16:33:24.500Z";
  a.updated_at = "2026-11-25T16:33:24.500Z";
  a.identifiers = {{"serial", "dell inc.|5CG3421XYZ"}, {"mac", "8c:04:ba:12:34:56"}};
  a.inventory = sampleReport();
  return a;
}

}  // namespace steward::testing
