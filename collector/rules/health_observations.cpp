#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <map>

#include "collector/rules/observation.h"

namespace steward::collector::rules {

namespace json = boost::json;

std::string formatValue(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  std::string text = buffer;
  if (text.size() > 2 && text.ends_with(".0")) text.resize(text.size() - 2);
  return text;
}

namespace {

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

Signal level(const Rule& rule, double value) {
  if (value >= rule.raise_level) return Signal::Fault;
  if (value <= rule.clear_level) return Signal::Ok;
  return Signal::Hold;
}

Observation threshold(const Rule& rule, const std::string& subject, double value,
                      const std::string& what, json::object evidence) {
  Observation o;
  o.rule_id = rule.id;
  o.subject = subject;
  o.signal = level(rule, value);
  o.value = formatValue(value);
  o.threshold = formatValue(rule.raise_level);
  evidence["value"] = value;
  evidence["raise"] = rule.raise_level;
  evidence["clear"] = rule.clear_level;
  o.evidence = json::serialize(evidence);
  o.description = what + " is " + o.value + " (raise at " + o.threshold + ", clear at " +
                  formatValue(rule.clear_level) + ")";
  return o;
}

Observation flag(const Rule& rule, const std::string& subject, bool fault,
                 const std::string& description, json::object evidence) {
  Observation o;
  o.rule_id = rule.id;
  o.subject = subject;
  o.signal = fault ? Signal::Fault : Signal::Ok;
  o.value = fault ? "yes" : "no";
  o.evidence = json::serialize(evidence);
  o.description = description;
  return o;
}

void observeRule(const Rule& rule, const wire::Health& h, std::optional<int> cpus,
                 Observations& out) {
  const auto add = [&](Observation o) { out.items.push_back(std::move(o)); };
  switch (rule.kind) {
    case RuleKind::FilesystemUsage:
      out.evaluated_rules.insert(rule.id);
      for (const auto& f : h.filesystems) {
        // As df computes Use%: blocks reserved for root do not count as free.
        const auto usable = f.used_bytes + f.available_bytes;
        if (usable == 0) continue;
        add(threshold(rule, f.mount_point, percent(f.used_bytes, usable),
                      "usage of " + f.mount_point + " (%)",
                      {{"mount_point", f.mount_point},
                       {"device", f.device},
                       {"used_bytes", f.used_bytes},
                       {"available_bytes", f.available_bytes},
                       {"size_bytes", f.size_bytes}}));
      }
      break;
    case RuleKind::InodeUsage:
      out.evaluated_rules.insert(rule.id);
      for (const auto& f : h.filesystems) {
        if (!f.inodes_total || !f.inodes_free || *f.inodes_total == 0) continue;
        const auto used = *f.inodes_total - std::min(*f.inodes_free, *f.inodes_total);
        add(threshold(rule, f.mount_point, percent(used, *f.inodes_total),
                      "inode usage of " + f.mount_point + " (%)",
                      {{"mount_point", f.mount_point},
                       {"inodes_total", *f.inodes_total},
                       {"inodes_free", *f.inodes_free}}));
      }
      break;
    case RuleKind::MemoryUsage:
      if (!h.memory_total_bytes || !h.memory_available_bytes || *h.memory_total_bytes == 0) break;
      out.evaluated_rules.insert(rule.id);
      add(threshold(rule, "",
                    percent(*h.memory_total_bytes -
                                std::min(*h.memory_available_bytes, *h.memory_total_bytes),
                            *h.memory_total_bytes),
                    "memory usage (%)",
                    {{"memory_total_bytes", *h.memory_total_bytes},
                     {"memory_available_bytes", *h.memory_available_bytes}}));
      break;
    case RuleKind::SwapUsage:
      if (!h.swap_total_bytes || !h.swap_free_bytes) break;
      out.evaluated_rules.insert(rule.id);
      if (*h.swap_total_bytes == 0) break;  // no swap: nothing to fill
      add(threshold(
          rule, "",
          percent(*h.swap_total_bytes - std::min(*h.swap_free_bytes, *h.swap_total_bytes),
                  *h.swap_total_bytes),
          "swap usage (%)",
          {{"swap_total_bytes", *h.swap_total_bytes}, {"swap_free_bytes", *h.swap_free_bytes}}));
      break;
    case RuleKind::LoadPerCpu: {
      if (!h.load5) break;
      out.evaluated_rules.insert(rule.id);
      const double per_cpu = cpus && *cpus > 0 ? *h.load5 / *cpus : *h.load5;
      json::object evidence{{"load5", *h.load5}};
      if (cpus) evidence["cpus"] = *cpus;
      add(threshold(rule, "", per_cpu, cpus ? "load5 per CPU" : "load5", std::move(evidence)));
      break;
    }
    case RuleKind::FilesystemReadOnly:
      out.evaluated_rules.insert(rule.id);
      for (const auto& f : h.filesystems) {
        add(flag(
            rule, f.mount_point, f.read_only,
            f.mount_point + " (" + f.device + ") is mounted read-only",
            {{"mount_point", f.mount_point}, {"device", f.device}, {"read_only", f.read_only}}));
      }
      break;
    case RuleKind::FailedUnit:
      if (!h.failed_units) break;  // no systemd: cannot tell
      out.evaluated_rules.insert(rule.id);
      for (const auto& unit : *h.failed_units) {
        add(flag(rule, unit, true, "systemd unit " + unit + " is in the failed state",
                 {{"unit", unit}, {"state", "failed"}}));
      }
      break;
    case RuleKind::SmartFailure:
      out.evaluated_rules.insert(rule.id);
      for (const auto& s : h.smart) {
        json::object evidence{{"device", s.device}, {"passed", s.passed}};
        if (s.model) evidence["model"] = *s.model;
        if (s.serial) evidence["serial"] = *s.serial;
        if (s.reallocated_sectors) evidence["reallocated_sectors"] = *s.reallocated_sectors;
        if (s.temperature_celsius) evidence["temperature_celsius"] = *s.temperature_celsius;
        add(flag(rule, s.device, !s.passed,
                 "SMART overall-health self-assessment of " + s.device + " failed",
                 std::move(evidence)));
      }
      break;
    default:
      break;
  }
}

}  // namespace

Observations observeHealth(const RuleSet& rules, const wire::Health& health,
                           std::optional<int> cpu_threads) {
  Observations out;
  for (const auto& rule : rules.rules) {
    if (rule.enabled) observeRule(rule, health, cpu_threads, out);
  }
  return out;
}

std::map<std::string, std::string> hardwareComponents(const wire::InventoryReport& report) {
  std::map<std::string, std::string> out;
  for (const auto& m : report.memory.modules) {
    std::string description = "memory module in " + m.slot;
    if (m.size_bytes) description += ", " + std::to_string(*m.size_bytes / (1024 * 1024)) + " MiB";
    if (m.serial) description += ", serial " + *m.serial;
    out["memory:" + m.slot] = description;
  }
  for (const auto& d : report.disks) {
    std::string description = "disk " + d.name;
    if (d.model) description += " (" + *d.model + ")";
    if (d.serial) description += ", serial " + *d.serial;
    out["disk:" + d.name] = description;
  }
  return out;
}

Observations observeHardware(const RuleSet& rules, const std::map<std::string, std::string>& before,
                             const std::map<std::string, std::string>& after) {
  Observations out;
  bool memory = false, disks = false;
  for (const auto& [key, _] : after) {
    memory = memory || key.starts_with("memory:");
    disks = disks || key.starts_with("disk:");
  }
  for (const auto& rule : rules.rules) {
    // Not in evaluated_rules: a removed component's condition ends only when the
    // component is back (or a person resolves the incident), never by absence.
    if (!rule.enabled || rule.kind != RuleKind::HardwareRemoved) continue;
    for (const auto& [key, description] : before) {
      const bool judged = key.starts_with("memory:") ? memory : disks;
      if (!judged) continue;
      const bool gone = !after.contains(key);
      out.items.push_back(
          flag(rule, key, gone,
               gone ? description + " is gone since the previous inventory"
                    : description + " is present",
               {{"component", key}, {"description", description}, {"removed", gone}}));
    }
    for (const auto& [key, description] : after) {
      if (!before.contains(key)) {
        out.items.push_back(
            flag(rule, key, false, description + " is present",
                 {{"component", key}, {"description", description}, {"removed", false}}));
      }
    }
  }
  return out;
}

}  // namespace steward::collector::rules
