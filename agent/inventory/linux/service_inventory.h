#pragma once

#include "agent/inventory/collector.h"
#include "agent/inventory/linux/systemd_units.h"

namespace steward::agent {

// Adds the systemd services to the report of another collector. Kept apart from
// LinuxCollector because services come from the running service manager, not from
// files: `inventory --root FIXTURE` reads a captured tree and must not ask this
// host's systemd, so main() adds this layer only for the live host.
class ServiceInventory final : public InventoryCollector {
 public:
  // `enabled`: [inventory] services; when false the report has no services at all.
  ServiceInventory(InventoryCollector& inner, const SystemdUnits& systemd, bool enabled)
      : inner_(inner), systemd_(systemd), enabled_(enabled) {}
  wire::InventoryReport collect() override {
    wire::InventoryReport report = inner_.collect();
    if (enabled_) report.services = systemd_.services();
    return report;
  }

 private:
  InventoryCollector& inner_;
  const SystemdUnits& systemd_;
  bool enabled_;
};

}  // namespace steward::agent
