#include "collector/reconcile/hardware_conflict.h"

#include <algorithm>
#include <cctype>

#include "collector/reconcile/identifiers.h"

namespace steward::collector::reconcile {

namespace {

std::string normalizeCpu(const std::string& model) {
  std::string out;
  for (char c : model) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

}  // namespace

HardwareFacts hardwareFacts(const std::string& source, const wire::InventoryReport& report,
                            const BogusValues& bogus) {
  HardwareFacts f;
  f.source = source;
  f.agent_id = report.agent_id;
  for (const auto& id : extractIdentifiers(report, bogus)) {
    if (id.kind == kSerial) f.serial = id.value;
    if (id.kind == kMac) f.macs.push_back(id.value);
  }
  std::sort(f.macs.begin(), f.macs.end());
  if (report.cpu.model && !normalizeCpu(*report.cpu.model).empty()) {
    f.cpu_model = normalizeCpu(*report.cpu.model);
  }
  return f;
}

std::optional<std::string> hardwareConflict(const HardwareFacts& known,
                                            const HardwareFacts& incoming) {
  if (known.agent_id.empty() || incoming.agent_id.empty() ||
      known.agent_id == incoming.agent_id) {
    return std::nullopt;
  }
  if (known.serial && incoming.serial && *known.serial != *incoming.serial) {
    return "serials differ (" + *known.serial + " vs " + *incoming.serial + ")";
  }
  if (!known.macs.empty() && !incoming.macs.empty()) {
    std::vector<std::string> shared;
    std::set_intersection(known.macs.begin(), known.macs.end(), incoming.macs.begin(),
                          incoming.macs.end(), std::back_inserter(shared));
    if (shared.empty()) {
      return "no physical MAC in common (" + join(known.macs) + " vs " + join(incoming.macs) + ")";
    }
  }
  if (known.source == incoming.source && known.cpu_model && incoming.cpu_model &&
      *known.cpu_model != *incoming.cpu_model) {
    return "CPU models differ (" + *known.cpu_model + " vs " + *incoming.cpu_model + ")";
  }
  return std::nullopt;
}

}  // namespace steward::collector::reconcile
