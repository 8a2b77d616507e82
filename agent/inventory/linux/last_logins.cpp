#include <set>

#include "agent/inventory/linux/readers.h"
#include "agent/inventory/linux/text_util.h"
#include "agent/inventory/linux/wtmp.h"
#include "shared/common/log.h"

namespace steward::agent {

void addLastLogins(const FsRoot& fs, std::vector<wire::LocalUser>& users) {
  if (users.empty()) return;
  auto& log = logger("agent.inventory");
  std::set<std::string> names;
  for (const auto& u : users) names.insert(u.name);
  WtmpScanner scanner(std::move(names));
  // wtmp is rotated monthly on Debian; a file far beyond 256 MiB is not one.
  auto read = fs.readChunks(
      "/var/log/wtmp",
      [&](std::string_view chunk) {
        scanner.feed(chunk);
        return true;
      },
      256 * 1024 * 1024);
  if (!read) {
    const auto& error = read.error();
    const std::string message =
        "skipped /var/log/wtmp (" + error.code + "): " + error.message + "; last logins left out";
    error.code == "not_found" ? log.debug(message) : log.warning(message);
    return;
  }
  if (scanner.trailingBytes() > 0) {
    log.warning("/var/log/wtmp: ignored " + std::to_string(scanner.trailingBytes()) +
                " bytes after the last whole " + std::to_string(kUtmpRecordBytes) +
                "-byte record (truncated, or not glibc's 64-bit layout)");
  }
  const auto& last = scanner.lastLogins();
  for (auto& user : users) {
    const auto it = last.find(user.name);
    if (it == last.end()) continue;
    user.last_login = rfc3339FromUnix(it->second.time);
    user.last_login_from = it->second.host;
  }
}

}  // namespace steward::agent
