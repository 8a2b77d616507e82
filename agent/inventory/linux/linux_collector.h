#pragma once

#include <optional>
#include <string>

#include "agent/inventory/collector.h"
#include "agent/inventory/inventory_sections.h"
#include "agent/platform/address_provider.h"
#include "agent/platform/fs_root.h"
#include "shared/common/clock.h"

namespace steward::agent {

// Assembles a report from the Linux readers (inventory/linux/readers.h).
class LinuxCollector final : public InventoryCollector {
 public:
  // `fallback_arch`: uname's machine, for kernels without /proc/sys/kernel/arch.
  LinuxCollector(const FsRoot& fs, const AddressProvider& addresses, const Clock& clock,
                 std::string agent_id, std::optional<std::string> fallback_arch = std::nullopt,
                 InventorySections sections = {});
  wire::InventoryReport collect() override;

 private:
  const FsRoot& fs_;
  const AddressProvider& addresses_;
  const Clock& clock_;
  std::string agent_id_;
  std::optional<std::string> fallback_arch_;
  InventorySections sections_;
};

}  // namespace steward::agent
