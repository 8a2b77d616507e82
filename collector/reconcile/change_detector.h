#pragma once

// Detected changes: what differs between an asset's previous inventory and the one
// that replaces it. Pure; the caller stamps ids, times and the source.

#include <vector>

#include "shared/wire/asset_history.h"
#include "shared/wire/inventory.h"

namespace steward::collector::reconcile {

// Software added/removed/upgraded/downgraded (by package name and architecture),
// hardware components added/removed (CPU model, memory modules by slot and serial,
// disks by name, model and serial), IP and MAC addresses added/removed, hostname and
// OS changes. Sorted by kind, then subject. Unchanged inventories give none.
std::vector<wire::DetectedChange> detectChanges(const wire::InventoryReport& before,
                                                const wire::InventoryReport& after);

}  // namespace steward::collector::reconcile
