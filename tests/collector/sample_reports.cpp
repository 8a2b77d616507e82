#include "tests/collector/sample_reports.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "collector/storage/asset_tables.h"
#include "collector/storage/outbox_payload.h"

namespace steward::collector::testing {

std::string testId(int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "0193a1b2-0000-7000-8000-%012d", n);
  return buf;
}

wire::InventoryReport laptopReport() {
  wire::InventoryReport r;
  r.report_id = testId(1001);
  r.agent_id = testId(1);
  r.collected_at = "2026-11-25T16:33:24.123Z";
  r.agent_version = "0.1.0";
  r.system.hostname = "ws-0042";
  r.system.os_id = "debian";
  r.hardware = {"Dell Inc.", "Latitude 7440", "5CG3421XYZ", "4c4c4544-0043-3410-8052-b5c04f4d3332"};
  r.cpu = {"13th Gen Intel(R) Core(TM) i7-1365U", "GenuineIntel", 1, 10, 12, 5200.0};
  r.memory = {33'554'432'000ULL, std::nullopt};
  r.interfaces = {{"enp0s31f6", "8c:04:ba:12:34:56", {"192.0.2.10/24"}, {}, false},
                  {"docker0", "02:42:ac:11:00:01", {"172.17.0.1/16"}, {}, true}};
  r.packages = {{"bash", "5.2.15-2+b7", "amd64", "dpkg"}};
  return r;
}

wire::InventoryReport whiteboxReport(const std::string& hostname, const std::string& mac) {
  wire::InventoryReport r = laptopReport();
  r.system.hostname = hostname;
  r.hardware = {"To Be Filled By O.E.M.", "To Be Filled By O.E.M.", "To Be Filled By O.E.M.",
                "00000000-0000-0000-0000-000000000000"};
  r.interfaces = {{"eno1", mac, {}, {}, false}};
  return r;
}

CollectorHarness::CollectorHarness() { reopen(); }

void CollectorHarness::reopen() {
  service.reset();
  db_.reset();
  auto opened = storage::CollectorDb::open(dir.file("collector.db"), clock);
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return;
  }
  db_ = std::move(*opened);
  service = std::make_unique<ingest::IngestService>(
      *db_, clock, reconciler, [this] { ++wakes; }, &config);
}

std::int64_t CollectorHarness::assetCount() {
  std::int64_t count = -1;
  EXPECT_TRUE(db_->read([&](auto& db) -> Result<void> {
                   auto n = storage::AssetTables(db).assetCount();
                   if (!n) return n.error();
                   count = *n;
                   return {};
                 })
                  .has_value());
  return count;
}

std::vector<storage::OutboxItem> CollectorHarness::storedOutbox() {
  std::vector<storage::OutboxItem> items;
  EXPECT_TRUE(db_->read([&](auto& db) -> Result<void> {
                   auto all = storage::OutboxTable(db).all();
                   if (!all) return all.error();
                   items = std::move(*all);
                   return {};
                 })
                  .has_value());
  return items;
}

std::vector<storage::OutboxItem> CollectorHarness::outbox() {
  std::vector<storage::OutboxItem> items = storedOutbox();
  EXPECT_TRUE(db_->read([&](auto& db) -> Result<void> {
                   // A record queued without the inventory its sighting holds gets
                   // it, and is an asset record. (One that cannot be completed is
                   // listed as stored.)
                   for (auto& item : items) {
                     auto payload = storage::sendablePayload(db, item);
                     if (!payload) continue;
                     item.payload = std::move(*payload);
                     if (item.kind == storage::kOutboxAssetOfSighting) {
                       item.kind = storage::kOutboxAsset;
                     }
                   }
                   return {};
                 })
                  .has_value());
  return items;
}

}  // namespace steward::collector::testing
