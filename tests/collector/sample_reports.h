#pragma once

// Inventory reports for collector tests, plus a fixture that wires a real collector
// database (in the test's temp dir) to the ingest service.

#include <memory>
#include <string>
#include <vector>

#include "collector/ingest/ingest_service.h"
#include "collector/reconcile/reconcile_config.h"
#include "collector/reconcile/reconciler.h"
#include "collector/storage/collector_db.h"
#include "collector/storage/outbox_table.h"
#include "shared/wire/inventory.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"

namespace steward::collector::testing {

// A UUID-shaped id that differs by `n`: "0193a1b2-0000-7000-8000-00000000000n".
std::string testId(int n);

// A physical laptop: Dell serial, SMBIOS UUID, one wired NIC plus docker0.
wire::InventoryReport laptopReport();
// A whitebox machine whose firmware only has placeholders (bogus serial, zero UUID).
wire::InventoryReport whiteboxReport(const std::string& hostname, const std::string& mac);

// A collector database in a fresh temp dir with an IngestService on a FakeClock.
class CollectorHarness {
 public:
  CollectorHarness();
  // Closes and reopens the database file, as a collector restart does.
  void reopen();

  std::int64_t assetCount();
  // The outbox as the server is sent it (outbox_payload.h), and as stored.
  std::vector<storage::OutboxItem> outbox();
  std::vector<storage::OutboxItem> storedOutbox();
  storage::CollectorDb& db() { return *db_; }

  ::steward::testing::TempDir dir;
  ::steward::testing::FakeClock clock;
  reconcile::Reconciler reconciler;
  reconcile::ReconcileConfig config;  // change before reopen() to take effect
  int wakes = 0;  // how often the service signalled new outbox items
  std::unique_ptr<storage::CollectorDb> db_;
  std::unique_ptr<ingest::IngestService> service;
};

}  // namespace steward::collector::testing
