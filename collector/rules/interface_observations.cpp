#include "collector/rules/interface_observations.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <map>

#include "collector/rules/maintenance.h"

namespace steward::collector::rules {

namespace json = boost::json;

namespace {

bool anyGlob(const std::vector<std::string>& globs, const std::string& text) {
  for (const auto& g : globs) {
    if (globMatch(g, text)) return true;
  }
  return false;
}

bool labelled(const PortState& port) {
  return port.alias && port.alias->find_first_not_of(" \t") != std::string::npos;
}

Signal signalOf(const std::optional<std::string>& oper) {
  if (!oper) return Signal::Hold;
  if (*oper == "down" || *oper == "lowerLayerDown") return Signal::Fault;
  if (*oper == "up" || *oper == "dormant") return Signal::Ok;
  return Signal::Hold;  // testing, unknown: no verdict either way
}

Observation observePort(const Rule& rule, const PortState& port, const std::string& subject,
                        bool raised, Clock::WallTime now) {
  Observation o;
  o.rule_id = rule.id;
  o.subject = subject;
  const std::string admin = port.admin_status.value_or("unknown");
  const std::string oper = port.oper_status.value_or("unknown");
  const std::string why = monitoredBecause(rule, port, raised);
  o.value = oper;
  json::object evidence{{"interface", port.name},
                        {"if_index", static_cast<std::int64_t>(port.index)},
                        {"if_admin_status", admin},
                        {"if_oper_status", oper},
                        {"monitored", why.empty() ? "no" : why}};
  evidence["if_alias"] = port.alias ? json::value(*port.alias) : json::value(nullptr);
  std::string since;
  if (port.in_state_seconds) {
    const std::string at = formatRfc3339(now - std::chrono::seconds(*port.in_state_seconds));
    evidence["last_change"] = at;
    evidence["in_state_seconds"] = *port.in_state_seconds;
    since = " since " + at;
  }
  o.evidence = json::serialize(evidence);
  const std::string label = port.alias ? " (\"" + *port.alias + "\")" : "";
  if (why.empty()) {
    // Shut down, excluded, an empty slot or no longer matching: no fault to keep.
    o.signal = Signal::Ok;
    o.description = "interface " + subject + label + " is no longer monitored (ifAdminStatus " +
                    admin + ", ifOperStatus " + oper + ")";
    return o;
  }
  o.signal = signalOf(port.oper_status);
  o.description = "interface " + subject + label + ": ifAdminStatus " + admin + ", ifOperStatus " +
                  oper + since + "; monitored as " + why;
  return o;
}

}  // namespace

bool excludedPort(const Rule& rule, const PortState& port) {
  return anyGlob(rule.exclude, port.name) || (port.alias && anyGlob(rule.exclude, *port.alias));
}

std::map<std::uint32_t, std::string> portSubjects(const std::vector<PortState>& ports) {
  std::map<std::string, int> names;
  for (const auto& port : ports) ++names[port.name];
  std::map<std::uint32_t, std::string> out;
  for (const auto& port : ports) {
    out[port.index] = names[port.name] > 1
                          ? port.name + " (ifIndex " + std::to_string(port.index) + ")"
                          : port.name;
  }
  return out;
}

std::string monitoredBecause(const Rule& rule, const PortState& port, bool raised) {
  if (port.admin_status != "up" || port.oper_status == "notPresent") return "";
  if (excludedPort(rule, port)) return "";
  if (rule.monitor_all) return "all";
  if (anyGlob(rule.ports, port.name)) return "ports";
  if (rule.monitor_labelled && labelled(port)) return "labelled";
  if (rule.monitor_uplinks && port.uplink) return "uplink";
  if (raised) return "raised";
  return "";
}

Observations observeInterfaces(
    const RuleSet& rules, const std::vector<PortState>& ports,
    const std::function<bool(const std::string& rule_id, const std::string& subject)>& raised,
    Clock::WallTime now) {
  Observations out;
  // No table at all is a failed walk, not a device whose ports all vanished: judge
  // nothing rather than clear every open port incident until the next sweep.
  if (ports.empty()) return out;
  const auto subjects = portSubjects(ports);
  for (const auto& rule : rules.rules) {
    if (!rule.enabled || rule.kind != RuleKind::InterfaceDown) continue;
    out.evaluated_rules.insert(rule.id);
    for (const auto& port : ports) {
      const std::string& subject = subjects.at(port.index);
      out.items.push_back(
          observePort(rule, port, subject, raised && raised(rule.id, subject), now));
    }
  }
  return out;
}

}  // namespace steward::collector::rules
