#include "collector/rules/rules_file.h"

#include <array>
#include <cctype>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "collector/rules/maintenance_file.h"
#include "collector/rules/rules_sections.h"
#include "collector/rules/title_template.h"
#include "shared/common/text.h"

namespace steward::collector::rules {

namespace {

using Entry = SectionEntry;

bool isName(const std::string& text) {
  if (text.empty() || text.size() > 64) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

bool isOid(const std::string& text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  bool digit = false;
  for (char c : text) {
    if (c == '.') {
      if (!digit) return false;
      digit = false;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else {
      return false;
    }
  }
  return text.find('.') != std::string::npos;
}

// "a, b c" -> {"a", "b", "c"}: commas or blanks separate a list's words.
std::vector<std::string> words(std::string list) {
  for (char& c : list) c = (c == ',' ? ' ' : c);
  std::istringstream in(list);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// Every error names the file and line, as "rules.conf:12: ...".
class Parser {
 public:
  explicit Parser(std::string source) : source_(std::move(source)) {}

  Error error(int line, const std::string& problem) const {
    return rulesError(source_, line, problem);
  }

  Result<std::vector<Section>> sections(std::string_view text) const {
    std::vector<Section> out;
    int number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      const std::string line = trimmed(text.substr(pos, end - pos));
      ++number;
      pos = end + 1;
      if (line.empty() || line[0] == '#' || line[0] == ';') continue;
      if (line.size() > 4096) return error(number, "line longer than 4096 characters");
      if (line[0] == '[') {
        if (line.back() != ']') return error(number, "section header without closing ']'");
        const std::string inside = trimmed(line.substr(1, line.size() - 2));
        const auto space = inside.find_first_of(" \t");
        Section s;
        s.line = number;
        s.type = inside.substr(0, space);
        s.name = space == std::string::npos ? "" : trimmed(inside.substr(space));
        if (s.type == "settings") {
          if (!s.name.empty()) return error(number, "[settings] takes no name");
        } else if (s.type == "rule" || s.type == "maintenance" || s.type == "group") {
          if (!isName(s.name)) {
            return error(number, "[" + s.type +
                                     " NAME] needs a name of letters, digits, '_', "
                                     "'-' or '.' (got '" +
                                     s.name + "')");
          }
        } else {
          return error(number, "unknown section [" + inside +
                                   "]; expected [settings], [rule ID], [maintenance NAME] "
                                   "or [group NAME]");
        }
        out.push_back(std::move(s));
        continue;
      }
      const auto eq = line.find('=');
      if (eq == std::string::npos) return error(number, "expected 'key = value' or a [section]");
      if (out.empty())
        return error(number, "'" + trimmed(line.substr(0, eq)) + "' is outside any section");
      Entry entry{number, trimmed(line.substr(0, eq)), trimmed(line.substr(eq + 1))};
      for (const auto& seen : out.back().entries) {
        if (seen.key == entry.key) {
          return error(number, "'" + entry.key + "' set twice in this section (first on line " +
                                   std::to_string(seen.line) + ")");
        }
      }
      out.back().entries.push_back(std::move(entry));
    }
    return out;
  }

  Result<double> number(const Entry& e, double min, double max) const {
    double v = 0;
    const char* first = e.value.data();
    const char* last = first + e.value.size();
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (e.value.empty() || ec != std::errc() || ptr != last) {
      return error(e.line, e.key + " = '" + e.value + "' is not a number");
    }
    if (v < min || v > max) {
      std::ostringstream range;
      range << e.key << " = " << e.value << " is outside " << min << ".." << max;
      return error(e.line, range.str());
    }
    return v;
  }

  Result<int> integer(const Entry& e, int min, int max) const {
    int v = 0;
    const char* first = e.value.data();
    const char* last = first + e.value.size();
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (e.value.empty() || ec != std::errc() || ptr != last) {
      return error(e.line, e.key + " = '" + e.value + "' is not a whole number");
    }
    if (v < min || v > max) {
      return error(e.line, e.key + " = " + e.value + " is outside " + std::to_string(min) + ".." +
                               std::to_string(max));
    }
    return v;
  }

  Result<Millis> duration(const Entry& e) const {
    auto d = parseDuration(e.value);
    if (!d) return error(e.line, e.key + ": " + d.error().message);
    return *d;
  }

  Result<bool> boolean(const Entry& e) const {
    if (e.value == "true" || e.value == "yes" || e.value == "on") return true;
    if (e.value == "false" || e.value == "no" || e.value == "off") return false;
    return error(e.line, e.key + " = '" + e.value + "' is not true or false");
  }

  Result<void> settings(const Section& s, Settings& out) const {
    for (const auto& e : s.entries) {
      if (e.key == "repeat_interval" || e.key == "reopen_window" || e.key == "flap_window") {
        auto d = duration(e);
        if (!d) return d.error();
        (e.key == "repeat_interval" ? out.repeat_interval
         : e.key == "reopen_window" ? out.reopen_window
                                    : out.flap_window) = *d;
      } else if (e.key == "flap_changes") {
        auto v = integer(e, 2, 1000);
        if (!v) return v.error();
        out.flap_changes = *v;
      } else if (e.key == "outage_fraction") {
        auto v = number(e, 0.01, 1.0);
        if (!v) return v.error();
        out.outage_fraction = *v;
      } else if (e.key == "outage_min_agents") {
        auto v = integer(e, 1, 1000000);
        if (!v) return v.error();
        out.outage_min_agents = *v;
      } else {
        return error(e.line, "unknown key '" + e.key + "' in [settings]");
      }
    }
    return {};
  }

  Result<Rule> rule(const Section& s) const {
    Rule r;
    r.id = s.name;
    r.line = s.line;
    const Entry* type = nullptr;
    for (const auto& e : s.entries) {
      if (e.key == "type") type = &e;
    }
    if (!type) return error(s.line, "[rule " + s.name + "] has no 'type'");
    auto kind = parseRuleKind(type->value);
    if (!kind) return error(type->line, "unknown rule type '" + type->value + "'");
    r.kind = *kind;
    const bool threshold = isThresholdKind(r.kind);
    bool has_raise = false, has_clear = false, has_title = false;
    for (const auto& e : s.entries) {
      const auto wrong = [&] {
        return error(e.line, "'" + e.key + "' does not apply to a " + type->value + " rule");
      };
      if (e.key == "type") continue;
      if (e.key == "enabled") {
        auto v = boolean(e);
        if (!v) return v.error();
        r.enabled = *v;
      } else if (e.key == "urgency") {
        auto v = integer(e, 1, 3);
        if (!v) return v.error();
        r.urgency = *v;
      } else if (e.key == "title") {
        if (auto checked = checkTitleTemplate(e.value); !checked) {
          return error(e.line, "title: " + checked.error().message);
        }
        r.title = e.value;
        has_title = true;
      } else if (e.key == "raise" || e.key == "clear") {
        if (!threshold) return wrong();
        auto v = number(e, 0, 1e9);
        if (!v) return v.error();
        (e.key == "raise" ? r.raise_level : r.clear_level) = *v;
        (e.key == "raise" ? has_raise : has_clear) = true;
      } else if (e.key == "duration") {
        if (!threshold) return wrong();
        auto d = duration(e);
        if (!d) return d.error();
        r.duration = *d;
      } else if (e.key == "heartbeat_interval") {
        if (r.kind != RuleKind::AgentOffline) return wrong();
        auto d = duration(e);
        if (!d) return d.error();
        if (d->count() <= 0) return error(e.line, "heartbeat_interval must be positive");
        r.heartbeat_interval = *d;
      } else if (e.key == "missed") {
        if (r.kind != RuleKind::AgentOffline) return wrong();
        auto v = integer(e, 1, 1000);
        if (!v) return v.error();
        r.missed = *v;
      } else if (e.key == "oid" || e.key == "clear_oid" || e.key == "subject_varbind") {
        if (r.kind != RuleKind::Trap) return wrong();
        std::string oid = e.value;
        if (!oid.empty() && oid.front() == '.') oid.erase(0, 1);  // net-snmp's leading dot
        if (!isOid(oid)) return error(e.line, e.key + " = '" + e.value + "' is not a numeric OID");
        (e.key == "oid" ? r.oid : e.key == "clear_oid" ? r.clear_oid : r.subject_varbind) = oid;
      } else if (e.key == "condition") {
        if (r.kind != RuleKind::Trap) return wrong();
        if (!isName(e.value)) {
          return error(e.line, "condition = '" + e.value +
                                   "' is not a rule id (the [rule ID] of an interface_down rule)");
        }
        r.condition = e.value;
        r.condition_line = e.line;
      } else if (e.key == "clear_after") {
        if (r.kind != RuleKind::Trap) return wrong();
        auto d = duration(e);
        if (!d) return d.error();
        r.clear_after = *d;
      } else if (e.key == "monitor") {
        if (r.kind != RuleKind::InterfaceDown) return wrong();
        if (auto m = monitor(e, r); !m) return m.error();
      } else if (e.key == "ports" || e.key == "exclude") {
        if (r.kind != RuleKind::InterfaceDown) return wrong();
        auto globs = words(e.value);
        if (globs.empty()) {
          return error(e.line, e.key + " needs at least one name or glob (e.g. Gi1/0/*, Te*)");
        }
        (e.key == "ports" ? r.ports : r.exclude) = std::move(globs);
      } else {
        return error(e.line, "unknown key '" + e.key + "' in [rule " + s.name + "]");
      }
    }
    if (!has_title) return error(s.line, "[rule " + s.name + "] has no 'title'");
    if (threshold) {
      if (!has_raise) return error(s.line, "[rule " + s.name + "] needs 'raise' (the level)");
      if (!has_clear) r.clear_level = r.raise_level;
      if (r.clear_level > r.raise_level) {
        return error(s.line, "[rule " + s.name + "] clear level " + std::to_string(r.clear_level) +
                                 " is above its raise level " + std::to_string(r.raise_level));
      }
    }
    if (r.kind == RuleKind::Trap && r.oid.empty()) {
      return error(s.line, "[rule " + s.name + "] needs 'oid' (the trap OID)");
    }
    if (!r.condition.empty() && r.clear_after.count() > 0) {
      return error(s.line, "[rule " + s.name +
                               "] cannot combine clear_after with condition: the polls of " +
                               r.condition + " clear it");
    }
    return r;
  }

  // interface_down's "monitor = labelled, uplinks" (or "all", or "none").
  Result<void> monitor(const Entry& e, Rule& r) const {
    const auto list = words(e.value);
    r.monitor_labelled = r.monitor_uplinks = r.monitor_all = false;
    for (const auto& word : list) {
      if (word == "labelled" || word == "labeled") {
        r.monitor_labelled = true;
      } else if (word == "uplinks") {
        r.monitor_uplinks = true;
      } else if (word == "all") {
        r.monitor_all = true;
      } else if (word != "none") {
        return error(e.line, "monitor: unknown '" + word +
                                 "'; use labelled, uplinks, all or none (only `ports`)");
      }
      if (word == "none" && list.size() > 1) {
        return error(e.line, "monitor: 'none' cannot be combined with other choices");
      }
    }
    if (list.empty()) return error(e.line, "monitor is empty; use labelled, uplinks, all or none");
    return {};
  }

 private:
  std::string source_;
};

}  // namespace

Result<Millis> parseDuration(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  const std::string unit = text.substr(digits);
  if (digits == 0 || digits > 9) {
    return makeError("duration", "'" + text + "' is not a duration (e.g. 90s, 5m, 2h, 1d)");
  }
  const std::int64_t n = std::stoll(text.substr(0, digits));
  if (unit == "ms") return Millis(n);
  if (unit.empty() || unit == "s") return Millis(n * 1000);
  if (unit == "m") return Millis(n * 60'000);
  if (unit == "h") return Millis(n * 3'600'000);
  if (unit == "d") return Millis(n * 86'400'000);
  return makeError("duration", "'" + text + "' has an unknown unit (use ms, s, m, h or d)");
}

Result<RuleSet> parseRules(std::string_view text, const std::string& source) {
  Parser parser(source);
  auto sections = parser.sections(text);
  if (!sections) return sections.error();
  RuleSet set;
  set.source = source;
  std::set<std::string> ids, windows, groups;
  bool settings_seen = false;
  for (const auto& s : *sections) {
    if (s.type == "settings") {
      if (settings_seen) return parser.error(s.line, "[settings] appears twice");
      settings_seen = true;
      if (auto r = parser.settings(s, set.settings); !r) return r.error();
    } else if (s.type == "rule") {
      if (!ids.insert(s.name).second) {
        return parser.error(s.line, "rule id '" + s.name + "' is used twice");
      }
      auto rule = parser.rule(s);
      if (!rule) return rule.error();
      set.rules.push_back(std::move(*rule));
    } else if (s.type == "group") {
      if (!groups.insert(s.name).second) {
        return parser.error(s.line, "group '" + s.name + "' is defined twice");
      }
      auto group = parseGroupSection(s, source);
      if (!group) return group.error();
      set.groups.push_back(std::move(*group));
    } else {
      if (!windows.insert(s.name).second) {
        return parser.error(s.line, "maintenance window '" + s.name + "' is defined twice");
      }
      auto window = parseMaintenanceSection(s, source);
      if (!window) return window.error();
      set.maintenance.push_back(std::move(*window));
    }
  }
  if (auto resolved = resolveMaintenanceGroups(set); !resolved) return resolved.error();
  // `condition =` may name a rule further down the file, so it is checked last.
  for (const auto& rule : set.rules) {
    if (rule.condition.empty()) continue;
    const Rule* target = set.find(rule.condition);
    if (!target) {
      return parser.error(rule.condition_line, "condition = '" + rule.condition + "': no [rule " +
                                                   rule.condition + "] in this file");
    }
    if (target->kind != RuleKind::InterfaceDown) {
      return parser.error(rule.condition_line,
                          "condition = '" + rule.condition + "' is a " +
                              ruleKindName(target->kind) +
                              " rule; a trap can only feed an interface_down rule");
    }
  }
  return set;
}

Result<RuleSet> loadRulesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError("rules_invalid", path + ": cannot read the rules file");
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > 4 * 1024 * 1024) {
    return makeError("rules_invalid", path + ": larger than 4 MiB; not a rules file");
  }
  return parseRules(text.str(), path);
}

}  // namespace steward::collector::rules
