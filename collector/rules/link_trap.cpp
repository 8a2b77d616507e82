#include "collector/rules/link_trap.h"

#include <array>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

namespace steward::collector::rules {

namespace json = boost::json;

namespace {

constexpr const char* kIfAdminStatusColumn = "1.3.6.1.2.1.2.2.1.7";
constexpr const char* kIfOperStatusColumn = "1.3.6.1.2.1.2.2.1.8";

std::string normalised(const std::string& oid) {
  return !oid.empty() && oid.front() == '.' ? oid.substr(1) : oid;
}

std::optional<std::uint32_t> number(std::string_view text) {
  std::uint32_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

// The row index of `oid` in table column `column` ("<column>.<index>"), if it is one.
std::optional<std::uint32_t> rowOf(const std::string& oid, const std::string& column) {
  if (!oid.starts_with(column + ".")) return std::nullopt;
  return number(std::string_view(oid).substr(column.size() + 1));
}

// IF-MIB status enumerations as interface_down names them; text is passed through.
std::string statusName(const std::string& value) {
  static constexpr std::array<const char*, 7> kNames{
      "up", "down", "testing", "unknown", "dormant", "notPresent", "lowerLayerDown"};
  if (auto n = number(value); n && *n >= 1 && *n <= kNames.size()) return kNames[*n - 1];
  return value;
}

// The value of column `column` for row `index` among the varbinds, as a status name.
std::optional<std::string> statusVarbind(const std::vector<TrapVarbind>& varbinds,
                                         const std::string& column, std::uint32_t index) {
  for (const auto& v : varbinds) {
    if (rowOf(normalised(v.oid), column) == index) return statusName(v.value);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::uint32_t> trapIfIndex(const std::vector<TrapVarbind>& varbinds,
                                         const std::string& subject) {
  for (const auto& v : varbinds) {
    if (rowOf(normalised(v.oid), kIfIndexColumn)) {
      if (auto value = number(v.value)) return value;
    }
  }
  for (const auto& v : varbinds) {
    const std::string oid = normalised(v.oid);
    for (const char* column : {kIfIndexColumn, "1.3.6.1.2.1.31.1.1.1.1", "1.3.6.1.2.1.2.2.1.2",
                               kIfAdminStatusColumn, kIfOperStatusColumn}) {
      if (auto row = rowOf(oid, column)) return row;
    }
  }
  if (subject.starts_with("ifIndex=")) return number(std::string_view(subject).substr(8));
  return std::nullopt;
}

std::string portSubject(const std::vector<PortState>* ports, std::uint32_t index) {
  if (ports) {
    const auto subjects = portSubjects(*ports);
    if (auto s = subjects.find(index); s != subjects.end()) return s->second;
  }
  return "ifIndex " + std::to_string(index);
}

Observation observeLinkTrap(const Rule& trap_rule, const Rule& target, bool raises,
                            const std::string& trap_oid, std::uint32_t if_index,
                            const std::vector<PortState>* ports,
                            const std::vector<TrapVarbind>& varbinds) {
  const PortState* port = nullptr;
  if (ports) {
    for (const auto& p : *ports) {
      if (p.index == if_index) port = &p;
    }
  }
  Observation o;
  o.rule_id = target.id;
  o.subject = portSubject(ports, if_index);
  const auto admin = statusVarbind(varbinds, kIfAdminStatusColumn, if_index);
  const auto oper = statusVarbind(varbinds, kIfOperStatusColumn, if_index);
  o.value = oper.value_or(raises ? "down" : "up");
  json::object bound;
  for (const auto& v : varbinds) bound[normalised(v.oid)] = v.value;
  json::object evidence{{"source", "trap"},       {"trap_rule", trap_rule.id},
                        {"trap_oid", trap_oid},   {"if_index", static_cast<std::int64_t>(if_index)},
                        {"interface", o.subject}, {"varbinds", bound}};
  if (admin) evidence["if_admin_status"] = *admin;
  if (oper) evidence["if_oper_status"] = *oper;
  if (port && port->alias) evidence["if_alias"] = *port->alias;
  const std::string label = port && port->alias ? " (\"" + *port->alias + "\")" : "";
  const std::string what = std::string(raises ? "linkDown" : "linkUp") + " trap " + trap_oid +
                           " for interface " + o.subject + label + " (ifIndex " +
                           std::to_string(if_index) + ")";
  if (raises && port && excludedPort(target, *port)) {
    evidence["monitored"] = "no (excluded)";
    o.signal = Signal::Ok;
    o.description = what + ": the port is excluded from " + target.id;
  } else if (raises && admin == "down") {
    evidence["monitored"] = "no (shut down)";
    o.signal = Signal::Ok;
    o.description = what + ": the port was shut down (ifAdminStatus down)";
  } else {
    evidence["monitored"] = "trap";
    o.signal = raises ? Signal::Fault : Signal::Ok;
    o.description = what + (oper ? ", ifOperStatus " + *oper : std::string()) +
                    "; the SNMP polls confirm or clear it; varbinds " + json::serialize(bound);
  }
  o.evidence = json::serialize(evidence);
  return o;
}

}  // namespace steward::collector::rules
