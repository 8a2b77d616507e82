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

std::string readLastContact(const std::string& state_dir) {
  std::ifstream in(lastContactPath(state_dir));
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace steward::agent
