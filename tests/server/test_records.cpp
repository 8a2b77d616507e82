#include "tests/server/test_records.h"

#include "tests/support/sample_report.h"

namespace steward::server::testing {

wire::AssetRecord sampleRecord(const std::string& asset_id, const std::string& event_id) {
  // The shared sample workstation, with a loopback interface (which listings must
  // leave out) and only the root filesystem.
  wire::InventoryReport r = steward::testing::sampleReport();
  r.collected_at = "2026-11-25T16:29:59.000Z";
  r.filesystems.resize(1);
  r.interfaces.insert(r.interfaces.begin(),
                      wire::NetworkInterface{"lo", std::nullopt, {"127.0.0.1/8"}, {"::1/128"}, true});

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
