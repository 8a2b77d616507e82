#pragma once

// The rules file as raw sections of "key = value" entries, before each kind of
// section is parsed. Shared by rules_file.cpp (settings, rules) and
// maintenance_file.cpp (maintenance windows, groups); not used outside collector/rules.

#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::collector::rules {

struct SectionEntry {
  int line = 0;
  std::string key;
  std::string value;
};

struct Section {
  std::string type;  // "settings", "rule", "maintenance" or "group"
  std::string name;
  int line = 0;
  std::vector<SectionEntry> entries;
};

// Every rules file error: code "rules_invalid", message "<source>:<line>: <problem>".
inline Error rulesError(const std::string& source, int line, const std::string& problem) {
  return makeError("rules_invalid", source + ":" + std::to_string(line) + ": " + problem);
}

}  // namespace steward::collector::rules
