#include "collector/rules/maintenance_file.h"

#include <algorithm>
#include <sstream>

#include "collector/rules/maintenance.h"

namespace steward::collector::rules {

namespace {

// "a, b c" -> {"a", "b", "c"}: commas or blanks separate the items.
std::vector<std::string> words(std::string list) {
  std::replace(list.begin(), list.end(), ',', ' ');
  std::istringstream in(list);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

Result<std::vector<std::string>> globs(const SectionEntry& e, const std::string& source) {
  auto out = words(e.value);
  for (const auto& glob : out) {
    if (glob.size() > kMaxGlobLength) {
      return rulesError(
          source, e.line,
          "match: a glob is longer than " + std::to_string(kMaxGlobLength) + " characters");
    }
  }
  return out;
}

}  // namespace

Result<AssetGroup> parseGroupSection(const Section& s, const std::string& source) {
  AssetGroup group;
  group.name = s.name;
  group.line = s.line;
  for (const auto& e : s.entries) {
    if (e.key != "match") {
      return rulesError(source, e.line, "unknown key '" + e.key + "' in [group " + s.name + "]");
    }
    auto list = globs(e, source);
    if (!list) return list.error();
    group.match = std::move(*list);
  }
  if (group.match.empty()) {
    return rulesError(source, s.line,
                      "[group " + s.name + "] needs 'match' (asset ids or hostnames)");
  }
  return group;
}

Result<MaintenanceWindow> parseMaintenanceSection(const Section& s, const std::string& source) {
  MaintenanceWindow w;
  w.name = s.name;
  w.line = s.line;
  for (const auto& e : s.entries) {
    if (e.key == "match") {
      auto list = globs(e, source);
      if (!list) return list.error();
      w.match = std::move(*list);
    } else if (e.key == "group") {
      w.groups = words(e.value);
    } else if (e.key == "from" || e.key == "until") {
      auto t = parseRfc3339(e.value);
      if (!t) {
        return rulesError(source, e.line,
                          e.key + " = '" + e.value + "' is not an RFC 3339 UTC time");
      }
      (e.key == "from" ? w.from : w.until) = *t;
    } else if (e.key == "weekly") {
      auto spans = parseWeekly(e.value);
      if (!spans) return rulesError(source, e.line, "weekly: " + spans.error().message);
      w.weekly = std::move(*spans);
    } else {
      return rulesError(source, e.line,
                        "unknown key '" + e.key + "' in [maintenance " + s.name + "]");
    }
  }
  const std::string header = "[maintenance " + s.name + "]";
  if (w.match.empty() && w.groups.empty()) {
    return rulesError(source, s.line,
                      header + " needs 'match' (asset ids or hostnames) or 'group' (group names)");
  }
  if (w.weekly.empty() && !w.from && !w.until) {
    return rulesError(source, s.line, header + " needs 'weekly' or 'from'/'until'");
  }
  if (w.from && w.until && *w.until <= *w.from) {
    return rulesError(source, s.line, header + " ends before it starts");
  }
  return w;
}

Result<void> resolveMaintenanceGroups(RuleSet& set) {
  for (auto& window : set.maintenance) {
    for (const auto& name : window.groups) {
      const auto group = std::find_if(set.groups.begin(), set.groups.end(),
                                      [&](const AssetGroup& g) { return g.name == name; });
      if (group == set.groups.end()) {
        return rulesError(set.source, window.line,
                          "[maintenance " + window.name + "] names group '" + name +
                              "', but no [group " + name + "] section defines it");
      }
      window.match.insert(window.match.end(), group->match.begin(), group->match.end());
    }
  }
  return {};
}

}  // namespace steward::collector::rules
