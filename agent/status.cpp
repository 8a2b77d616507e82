#include "agent/status.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace steward::agent {
namespace {

std::string lastContactPath(const std::string& state_dir) {
  return (std::filesystem::path(state_dir) / "last_contact").string();
}

}  // namespace

void recordLastContact(const std::string& state_dir, const std::string& rfc3339) {
  const std::string path = lastContactPath(state_dir);
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << rfc3339 << "\n";
    if (!out.good()) return;
  }
  std::rename(temp.c_str(), path.c_str());
}

std::string spoolStatusLines(const Result<SpoolStats>& stats) {
  if (!stats) {
    if (stats.error().code == "not_found") {
      return "spool depth:   0 (no spool yet)\ndropped:       0\n";
    }
    return "spool depth:   unknown (" + stats.error().message + ")\ndropped:       unknown\n";
  }
  const std::uint64_t kib = (stats->bytes + 1023) / 1024;
  return "spool depth:   " + std::to_string(stats->items) + " (" +
         std::to_string(stats->inventories) +
         (stats->inventories == 1 ? " inventory, " : " inventories, ") +
         std::to_string(stats->heartbeats) + (stats->heartbeats == 1 ? " heartbeat; " : " heartbeats; ") +
         std::to_string(kib) + " KiB)\n" + "dropped:       " +
         std::to_string(stats->dropped_total) + " since the spool was made, " +
         std::to_string(stats->dropped_unreported) + " not yet reported to the collector\n";
}

std::string readLastContact(const std::string& state_dir) {
  std::ifstream in(lastContactPath(state_dir));
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace steward::agent
