#include "tests/integration/machine_facts.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "tests/support/temp_dir.h"

namespace steward::testing {

std::string thisHostname() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

std::string thisCpuModel() {
  const std::string text = readFile("/proc/cpuinfo");
  const auto pos = text.find("model name");
  if (pos == std::string::npos) return {};
  const auto colon = text.find(':', pos);
  std::string value = text.substr(colon + 1, text.find('\n', colon) - colon - 1);
  value.erase(0, value.find_first_not_of(" \t"));
  value.erase(value.find_last_not_of(" \t") + 1);
  return value;
}

std::int64_t thisPackageCount() {
  FILE* pipe = popen("dpkg-query -W -f='${db:Status-Abbrev}\\n' 2>/dev/null | grep -c '^ii'", "r");
  if (pipe == nullptr) return -1;
  long long count = -1;
  if (fscanf(pipe, "%lld", &count) != 1) count = -1;
  pclose(pipe);
  return count;
}

std::set<std::string> thisPhysicalMacs() {
  std::set<std::string> macs;
  for (const auto& entry : std::filesystem::directory_iterator("/sys/class/net")) {
    if (!std::filesystem::exists(entry.path() / "device")) continue;
    std::string mac = readFile((entry.path() / "address").string());
    mac.erase(mac.find_last_not_of("\n ") + 1);
    if (!mac.empty() && mac != "00:00:00:00:00:00") macs.insert(mac);
  }
  return macs;
}

std::string str(const boost::json::value& v, const char* key) {
  if (!v.is_object()) return {};
  const auto* p = v.as_object().if_contains(key);
  return p && p->is_string() ? std::string(p->as_string()) : std::string();
}

}  // namespace steward::testing
