#include "agent/inventory/linux/readers.h"
#include "shared/common/log.h"

namespace steward::agent {

std::optional<std::string> readSource(const FsRoot& fs, std::string_view path, bool expected,
                                      std::size_t max_bytes) {
  auto content = fs.readFile(path, max_bytes);
  if (content) return std::move(content).value();
  auto& log = logger("agent.inventory");
  const auto& error = content.error();
  const std::string message =
      "skipped " + std::string(path) + " (" + error.code + "): " + error.message;
  if (error.code == "not_found" && !expected) {
    log.debug(message);
  } else if (error.code == "permission_denied" || error.code == "not_found") {
    // Normal for DMI serials when not root, or for a file this kernel lacks.
    expected ? log.warning(message) : log.information(message);
  } else {
    log.warning(message);
  }
  return std::nullopt;
}

}  // namespace steward::agent
