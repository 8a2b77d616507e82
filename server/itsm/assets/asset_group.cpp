#include "server/itsm/assets/asset_group.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "shared/common/glob.h"
#include "shared/common/id.h"

namespace steward::server::itsm {

namespace {

Error invalid(const std::string& path, const std::string& what) {
  return makeError("invalid_field", "$." + path + ": " + what);
}

bool printable(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

Result<void> checkGlob(const std::string& path, const std::optional<std::string>& glob) {
  if (!glob) return {};
  if (glob->empty() || glob->size() > kMaxGroupGlobLength || !printable(*glob)) {
    return invalid(path, "a glob of 1.." + std::to_string(kMaxGroupGlobLength) +
                             " characters without control characters");
  }
  return {};
}

bool oneOf(const std::optional<std::string>& value, std::initializer_list<std::string_view> names) {
  return value && std::find(names.begin(), names.end(), *value) != names.end();
}

bool globOver(const std::string& pattern, const std::optional<std::string>& text) {
  return text && globMatch(pattern, *text, GlobCase::Insensitive);
}

bool ruleMatches(const GroupRule& rule, const wire::AssetRecord& record) {
  const auto& system = record.inventory.system;
  if (rule.hostname && !globOver(*rule.hostname, system.hostname) &&
      !globOver(*rule.hostname, system.fqdn)) {
    return false;
  }
  if (rule.os && !globOver(*rule.os, system.os_name) && !globOver(*rule.os, system.os_id)) {
    return false;
  }
  if (rule.asset_class && *rule.asset_class != assetClass(record)) return false;
  return true;
}

}  // namespace

std::string groupNameProblem(std::string_view name) {
  if (name.empty() || name.size() > kMaxGroupNameLength) {
    return "a group name has 1.." + std::to_string(kMaxGroupNameLength) + " characters";
  }
  const auto lower_or_digit = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (!lower_or_digit(name.front())) return "a group name starts with a lower-case letter or digit";
  for (char c : name) {
    if (!lower_or_digit(c) && c != '-' && c != '_' && c != '.') {
      return "a group name has only lower-case letters, digits, '-', '_' and '.'";
    }
  }
  return "";
}

const std::vector<std::string>& assetClasses() {
  static const std::vector<std::string> kClasses = {"server", "workstation", "computer", "switch",
                                                    "router", "printer",     "ups",      "unknown"};
  return kClasses;
}

Result<void> validateGroup(const AssetGroup& group) {
  if (auto problem = groupNameProblem(group.name); !problem.empty())
    return invalid("name", problem);
  if (group.description.size() > kMaxGroupDescriptionLength || !printable(group.description)) {
    return invalid("description", "at most " + std::to_string(kMaxGroupDescriptionLength) +
                                      " characters, no control characters");
  }
  if (group.assets.size() > kMaxGroupAssets) {
    return invalid("assets", "at most " + std::to_string(kMaxGroupAssets) + " assets");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < group.assets.size(); ++i) {
    const std::string path = "assets[" + std::to_string(i) + "]";
    if (!isUuid(group.assets[i])) return invalid(path, "not an asset id (a UUID)");
    if (!seen.insert(group.assets[i]).second) return invalid(path, "listed twice");
  }
  if (group.rules.size() > kMaxGroupRules) {
    return invalid("rules", "at most " + std::to_string(kMaxGroupRules) + " rules");
  }
  for (std::size_t i = 0; i < group.rules.size(); ++i) {
    const auto& rule = group.rules[i];
    const std::string path = "rules[" + std::to_string(i) + "]";
    if (!rule.hostname && !rule.os && !rule.asset_class) {
      return invalid(path, "a rule needs at least one of hostname, os, class");
    }
    if (auto ok = checkGlob(path + ".hostname", rule.hostname); !ok) return ok.error();
    if (auto ok = checkGlob(path + ".os", rule.os); !ok) return ok.error();
    const auto& classes = assetClasses();
    if (rule.asset_class &&
        std::find(classes.begin(), classes.end(), *rule.asset_class) == classes.end()) {
      std::string names;
      for (const auto& c : classes) names += (names.empty() ? "" : ", ") + c;
      return invalid(path + ".class", "not one of " + names);
    }
  }
  return {};
}

std::string assetClass(const wire::AssetRecord& record) {
  if (record.network_device) return record.network_device->device_class;
  const auto& chassis = record.inventory.hardware.chassis;
  const std::optional<std::string> type = chassis ? chassis->type : std::nullopt;
  if (oneOf(type, {"Main Server Chassis", "Rack Mount Chassis", "Multi-system", "Blade",
                   "Blade Enclosure", "Pizza Box"})) {
    return "server";
  }
  if (oneOf(type,
            {"Desktop", "Low Profile Desktop", "Mini Tower", "Tower", "Portable", "Laptop",
             "Notebook", "Hand Held", "All in One", "Sub Notebook", "Space-saving", "Lunch Box",
             "Sealed-case PC", "Tablet", "Convertible", "Detachable", "Mini PC", "Stick PC"})) {
    return "workstation";
  }
  return "computer";
}

std::optional<std::string> membershipReason(const AssetGroup& group, const std::string& asset_id,
                                            const wire::AssetRecord* record) {
  if (std::find(group.assets.begin(), group.assets.end(), asset_id) != group.assets.end()) {
    return "listed";
  }
  if (record == nullptr) return std::nullopt;
  for (std::size_t i = 0; i < group.rules.size(); ++i) {
    if (ruleMatches(group.rules[i], *record)) return "rule " + std::to_string(i + 1);
  }
  return std::nullopt;
}

}  // namespace steward::server::itsm
