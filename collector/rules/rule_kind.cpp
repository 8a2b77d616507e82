#include <array>
#include <utility>

#include "collector/rules/rule_set.h"

namespace steward::collector::rules {

namespace {

constexpr std::array<std::pair<RuleKind, const char*>, 13> kNames{{
    {RuleKind::AgentOffline, "agent_offline"},
    {RuleKind::FilesystemUsage, "filesystem_usage"},
    {RuleKind::InodeUsage, "inode_usage"},
    {RuleKind::MemoryUsage, "memory_usage"},
    {RuleKind::SwapUsage, "swap_usage"},
    {RuleKind::LoadPerCpu, "load_per_cpu"},
    {RuleKind::FilesystemReadOnly, "filesystem_read_only"},
    {RuleKind::FailedUnit, "failed_unit"},
    {RuleKind::SmartFailure, "smart_failure"},
    {RuleKind::HardwareRemoved, "hardware_removed"},
    {RuleKind::DeviceUnreachable, "device_unreachable"},
    {RuleKind::InterfaceDown, "interface_down"},
    {RuleKind::Trap, "trap"},
}};

}  // namespace

const char* ruleKindName(RuleKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<RuleKind> parseRuleKind(const std::string& text) {
  for (const auto& [k, name] : kNames) {
    if (text == name) return k;
  }
  return std::nullopt;
}

bool isThresholdKind(RuleKind kind) {
  switch (kind) {
    case RuleKind::FilesystemUsage:
    case RuleKind::InodeUsage:
    case RuleKind::MemoryUsage:
    case RuleKind::SwapUsage:
    case RuleKind::LoadPerCpu:
      return true;
    default:
      return false;
  }
}

}  // namespace steward::collector::rules
