#include <cmath>

#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "shared/common/log.h"

namespace steward::agent {
namespace {

std::optional<std::string> attribute(const FsRoot& fs, const std::string& dir,
                                     std::string_view name) {
  auto raw = readSource(fs, dir + "/" + std::string(name), false);
  return raw ? sysfsValue(*raw) : std::nullopt;
}

std::optional<std::uint64_t> number(const FsRoot& fs, const std::string& dir,
                                    std::string_view name) {
  auto value = attribute(fs, dir, name);
  if (!value) return std::nullopt;
  auto n = parseUnsigned(*value);
  if (!n) return std::nullopt;
  return *n;
}

}  // namespace

std::vector<wire::Battery> readBatteries(const FsRoot& fs) {
  auto names = fs.listDirectory("/sys/class/power_supply");
  if (!names) {
    logger("agent.inventory")
        .debug("skipped /sys/class/power_supply (" + names.error().code +
               "): " + names.error().message);
    return {};
  }
  std::vector<wire::Battery> batteries;
  for (const auto& name : *names) {
    const std::string dir = "/sys/class/power_supply/" + name;
    if (attribute(fs, dir, "type") != "Battery") continue;  // "Mains", "USB", "UPS"...
    // Wireless mice and headsets report their batteries here with scope "Device";
    // they are not the machine's.
    if (attribute(fs, dir, "scope") == "Device") continue;
    wire::Battery b{name};
    b.manufacturer = attribute(fs, dir, "manufacturer");
    b.model = attribute(fs, dir, "model_name");
    b.serial = attribute(fs, dir, "serial_number");
    b.technology = attribute(fs, dir, "technology");
    b.status = attribute(fs, dir, "status");
    // The kernel reports energy (µWh) or, for some firmware, only charge (µAh).
    auto design = number(fs, dir, "energy_full_design");
    auto full = number(fs, dir, "energy_full");
    b.capacity_unit = "mWh";
    if (!design && !full) {
      design = number(fs, dir, "charge_full_design");
      full = number(fs, dir, "charge_full");
      b.capacity_unit = "mAh";
    }
    if (design && *design > 0) b.design_capacity = *design / 1000;
    if (full && *full > 0) b.full_capacity = *full / 1000;
    if (!b.design_capacity && !b.full_capacity) b.capacity_unit.reset();
    if (design && full && *design > 0) {
      // One decimal: finer digits are noise in the firmware's own estimate.
      b.health_percent =
          std::round(static_cast<double>(*full) * 1000.0 / static_cast<double>(*design)) / 10.0;
    }
    if (auto cycles = number(fs, dir, "cycle_count"); cycles && *cycles <= 0xFFFFFFFFULL) {
      b.cycle_count = static_cast<std::uint32_t>(*cycles);
    }
    batteries.push_back(std::move(b));
  }
  return batteries;
}

}  // namespace steward::agent
