#include "agent/inventory/linux/proc_cpuinfo.h"

#include <set>
#include <utility>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {

Result<CpuInfo> parseProcCpuinfo(std::string_view text) {
  CpuInfo info;
  std::set<std::string> sockets;
  std::set<std::pair<std::string, std::string>> cores;
  // Topology of the block being read; committed when the next block starts.
  std::optional<std::string> physical_id;
  std::optional<std::string> core_id;
  bool in_block = false;
  const auto commit = [&] {
    if (in_block && physical_id) {
      sockets.insert(*physical_id);
      if (core_id) cores.emplace(*physical_id, *core_id);
    }
    physical_id.reset();
    core_id.reset();
    in_block = false;
  };

  for (const auto raw : splitLines(text)) {
    const auto colon = raw.find(':');
    if (colon == std::string_view::npos) {
      if (trim(raw).empty()) commit();
      continue;
    }
    const auto key = trim(raw.substr(0, colon));
    const auto value = trim(raw.substr(colon + 1));
    if (key == "processor") {
      if (!parseUnsigned(value)) continue;  // ARM's "Processor : ARMv7..." is a name
      commit();
      in_block = true;
      ++info.threads;
    } else if ((key == "model name" || key == "cpu model") && !info.model && !value.empty()) {
      info.model = std::string(value);
    } else if (key == "vendor_id" && !info.vendor && !value.empty()) {
      info.vendor = std::string(value);
    } else if (key == "physical id" && !value.empty()) {
      physical_id = std::string(value);
    } else if (key == "core id" && !value.empty()) {
      core_id = std::string(value);
    }
  }
  commit();
  if (info.threads == 0) return makeError("malformed", "no 'processor' entry found");
  info.sockets = sockets.empty() ? 1 : static_cast<std::uint32_t>(sockets.size());
  info.cores = cores.empty() ? info.threads : static_cast<std::uint32_t>(cores.size());
  return info;
}

std::optional<double> parseCpuinfoMaxFreq(std::string_view text) {
  const auto khz = parseUnsigned(text);
  if (!khz || *khz == 0) return std::nullopt;
  return static_cast<double>(*khz) / 1000.0;
}

}  // namespace steward::agent
