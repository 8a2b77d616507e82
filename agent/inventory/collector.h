#pragma once

// The platform-independent face of inventory collection. Linux lives in
// inventory/linux/; Windows and macOS will sit behind the same interface.

#include "shared/wire/inventory.h"

namespace steward::agent {

class InventoryCollector {
 public:
  virtual ~InventoryCollector() = default;
  // A complete report with a fresh report_id and collected_at. Never fails: parts
  // that cannot be read are absent (and logged by the collector).
  virtual wire::InventoryReport collect() = 0;
};

}  // namespace steward::agent
