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
  r.system.uptime_seconds = 86'412.5;
  r.system.timezone = "Europe/Berlin";
  r.system.virtualization = "none";
  r.hardware.sku = "0C06";
  r.hardware.family = "Latitude";
  r.hardware.bios = wire::Bios{"Dell Inc.", "1.12.1", "02/06/2024"};
  r.hardware.board = wire::Board{"Dell Inc.", "0X4P0W", "/5CG3421XYZ/CNCMK0043500JK/"};
  r.hardware.chassis = wire::Chassis{"Notebook", "5CG3421XYZ", std::nullopt};
  r.cpu = {"13th Gen Intel(R) Core(TM) i7-1365U", "GenuineIntel", 1, 10, 12, 5200.0};
  r.memory = {33'554'432'000ULL, 2'147'483'648ULL};
  r.memory.modules = {{"DIMM A", 17'179'869'184ULL, "DDR5", 5200, "SK Hynix", "2A7B9C01",
                       "HMCG78AGBSA095N"},
                      {"DIMM B", 17'179'869'184ULL, "DDR5", 5200, "SK Hynix", "2A7B9C02",
                       "HMCG78AGBSA095N"}};
  r.disks = {{"nvme0n1", "SAMSUNG MZVL2512HCJQ", "S64KNX0T123456", 512'110'190'592ULL, false}};
  r.filesystems = {{"/", "/dev/nvme0n1p2", "ext4", 500'000'000'000ULL, 123'456'789'000ULL},
                   {"/boot/efi", "/dev/nvme0n1p1", "vfat", std::nullopt, std::nullopt}};
  r.interfaces = {{"enp0s31f6", "8c:04:ba:12:34:56", {"192.0.2.10/24"}, {"fe80::8e04:baff:fe12:3456/64"}, false},
                  {"docker0", "02:42:ac:11:00:01", {"172.17.0.1/16"}, {}, true}};
  r.interfaces[0].speed_mbps = 1000;
  r.interfaces[0].oper_state = "up";
  r.interfaces[0].kind = "physical";
  r.interfaces[1].oper_state = "down";
  r.interfaces[1].kind = "bridge";
  r.default_gateways = {"192.0.2.1"};
  r.dns_servers = {"192.0.2.53", "2001:db8::53"};
  r.users = {{"root", 0, "root", "/root", "/bin/bash"},
             {"jdoe", 1000, "Jane Doe", "/home/jdoe", "/bin/bash"}};
  r.packages = {{"bash", "5.2.15-2+b7", "amd64", "dpkg"},
                {"openssl", "3.0.15-1~deb12u1", "amd64", "dpkg"},
                {"tzdata", "2024a-0+deb12u1", "all", "dpkg"}};
  r.packages[0].installed_at = "2025-06-01T09:12:44Z";
  // Schema 1.2 peripherals and logins.
  r.packages[1].vendor = "Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>";
  r.users[1].last_login = "2026-11-25T07:58:02Z";
  r.users[1].last_login_from = "192.0.2.77";
  r.pci_devices = {{"0000:00:1f.3", "8086", "51c8", "040380", "Audio device", "Intel Corporation",
                    "Alder Lake PCH-P High Definition Audio Controller", "1028:0b14",
                    "snd_hda_intel"}};
  r.usb_devices = {{"3-6", "0c45", "6730", "Microdia", "Integrated_Webcam_HD", std::nullopt,
                    "ef", 480}};
  r.monitors = {{"card1-eDP-1", "AUO", "AU Optronics", std::nullopt, 0x2c9d, "0", 2022, 300, 190},
                {"card1-DP-3", "DEL", "Dell", "DELL U2723QE", 0x42a9, "9PQ3GH3", 2023, 600, 340}};
  r.batteries = {{"BAT0", "BYD", "DELL M033W21", "1234", "Li-poly", "Discharging", "mWh",
                  57'000, 51'300, 214, 90.0}};
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
