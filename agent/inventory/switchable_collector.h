#pragma once

// An InventoryCollector whose categories can change while the agent runs (settings
// pushed by the collector): it rebuilds the platform collector with the new
// categories through a factory, so the platform collectors stay immutable.

#include <functional>
#include <memory>
#include <utility>

#include "agent/inventory/collector.h"
#include "agent/inventory/inventory_sections.h"

namespace steward::agent {

class SwitchableCollector final : public InventoryCollector {
 public:
  using Factory = std::function<std::unique_ptr<InventoryCollector>(const InventorySections&)>;

  SwitchableCollector(Factory factory, const InventorySections& sections)
      : factory_(std::move(factory)), sections_(sections), current_(factory_(sections)) {}

  wire::InventoryReport collect() override { return current_->collect(); }

  void setSections(const InventorySections& sections) {
    sections_ = sections;
    current_ = factory_(sections);
  }
  const InventorySections& sections() const { return sections_; }

 private:
  Factory factory_;
  InventorySections sections_;
  std::unique_ptr<InventoryCollector> current_;
};

}  // namespace steward::agent
