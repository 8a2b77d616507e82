#include "agent/collector_settings.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "shared/common/log.h"

namespace steward::agent {

bool* sectionFlag(InventorySections& s, std::string_view category) {
  if (category == "hardware") return &s.hardware;
  if (category == "cpu") return &s.cpu;
  if (category == "memory") return &s.memory;
  if (category == "disks") return &s.disks;
  if (category == "filesystems") return &s.filesystems;
  if (category == "network") return &s.network;
  if (category == "users") return &s.users;
  if (category == "packages") return &s.packages;
  return nullptr;
}

RunSettings overlay(const RunSettings& local, const wire::AgentSettings& pushed) {
  RunSettings out = local;
  if (pushed.heartbeat_interval_seconds) {
    out.heartbeat_interval = std::chrono::seconds(*pushed.heartbeat_interval_seconds);
  }
  if (pushed.inventory_interval_seconds) {
    out.inventory_interval = std::chrono::seconds(*pushed.inventory_interval_seconds);
  }
  for (const auto& [category, on] : pushed.inventory) {
    if (bool* flag = sectionFlag(out.sections, category)) *flag = on;
  }
  if (pushed.watch_interval_ms) {
    out.watch_interval = std::chrono::milliseconds(*pushed.watch_interval_ms);
  }
  out.watch = pushed.watch;
  return out;
}

bool sameSections(const InventorySections& a, const InventorySections& b) {
  InventorySections x = a, y = b;
  for (const char* category : wire::kInventoryCategories) {
    if (*sectionFlag(x, category) != *sectionFlag(y, category)) return false;
  }
  return true;
}

bool sameSettings(const RunSettings& a, const RunSettings& b) {
  return a.heartbeat_interval == b.heartbeat_interval &&
         a.inventory_interval == b.inventory_interval && sameSections(a.sections, b.sections) &&
         a.watch_interval == b.watch_interval && a.watch == b.watch;
}

std::string describe(const RunSettings& settings) {
  std::string on;
  InventorySections sections = settings.sections;
  for (const char* category : wire::kInventoryCategories) {
    if (*sectionFlag(sections, category)) on += (on.empty() ? "" : ", ") + std::string(category);
  }
  return "heartbeat every " + std::to_string(settings.heartbeat_interval.count()) +
         " s, inventory check every " + std::to_string(settings.inventory_interval.count()) +
         " s, categories: system" + (on.empty() ? "" : ", " + on) +
         (settings.watch_interval.count() == 0 || settings.watch.empty()
              ? ", no watch between heartbeats"
              : ", watch " + std::to_string(settings.watch.size()) + " levels every " +
                    std::to_string(settings.watch_interval.count()) + " ms");
}

Result<void> saveCollectorSettings(const std::string& state_dir,
                                   const wire::AgentSettings& settings) {
  const std::string path = (std::filesystem::path(state_dir) / kCollectorSettingsFile).string();
  const std::string temp = path + ".tmp";
  const std::string text = wire::encodeAgentSettings(settings) + "\n";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return makeError("state_unwritable", temp + ": " + std::strerror(errno));
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced || std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return makeError("state_unwritable", path + ": cannot write");
  }
  return {};
}

std::optional<wire::AgentSettings> loadCollectorSettings(const std::string& state_dir) {
  const std::string path = (std::filesystem::path(state_dir) / kCollectorSettingsFile).string();
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  const auto decoded = wire::decodeAgentSettings(text.str());
  for (const auto& problem : decoded.problems) {
    logger("agent").warning("ignoring a saved collector setting in " + path + ": " + problem);
  }
  return decoded.config;
}

}  // namespace steward::agent
