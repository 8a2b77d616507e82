#include "collector/rules/uplinks_file.h"

#include <fstream>

#include "shared/common/id.h"
#include "shared/common/text.h"

namespace steward::collector::rules {

Result<std::map<std::string, std::string>> loadUplinksFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return makeError("uplinks_invalid", path + ": cannot read the uplinks file");
  std::map<std::string, std::string> table;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    line = trimmed(line);
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    const std::string endpoint = eq == std::string::npos ? "" : trimmed(line.substr(0, eq));
    const std::string uplink = eq == std::string::npos ? "" : trimmed(line.substr(eq + 1));
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
