#include "collector/rules/uplinks_file.h"

#include <fstream>

#include "shared/common/id.h"

namespace steward::collector::rules {

namespace {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

}  // namespace

Result<std::map<std::string, std::string>> loadUplinksFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return makeError("uplinks_invalid", path + ": cannot read the uplinks file");
  std::map<std::string, std::string> table;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    const std::string endpoint = eq == std::string::npos ? "" : trim(line.substr(0, eq));
    const std::string uplink = eq == std::string::npos ? "" : trim(line.substr(eq + 1));
    if (!isUuid(endpoint) || !isUuid(uplink)) {
      return makeError("uplinks_invalid", path + ":" + std::to_string(number) +
                                              ": expected 'ENDPOINT_ASSET_ID = SWITCH_ASSET_ID' "
                                              "(two UUIDs)");
    }
    table[endpoint] = uplink;
  }
  return table;
}

}  // namespace steward::collector::rules
