#include "agent/agent_identity.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "shared/common/id.h"

namespace steward::agent {
namespace {

Error unwritable(const std::string& what, const std::string& path, int err) {
  return makeError("state_unwritable", "cannot " + what + " " + path + ": " + std::strerror(err));
}

// Writes `content` to `path` atomically (temp file + rename) with mode 0600.
Result<void> writePrivateFile(const std::string& path, const std::string& content) {
  const std::string temp = path + ".tmp";
  ::unlink(temp.c_str());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return unwritable("create", temp, errno);
  const bool written =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  const int write_errno = errno;
  const bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) {
    ::unlink(temp.c_str());
    return unwritable("write", temp, written ? errno : write_errno);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return unwritable("rename to", path, err);
  }
  return {};
}

}  // namespace

Result<std::string> loadAgentId(const std::string& state_dir) {
  const std::string path = (std::filesystem::path(state_dir) / "agent_id").string();
  std::ifstream in(path);
  if (!in.good()) return makeError("not_found", "no agent id in " + path);
  std::stringstream text;
  text << in.rdbuf();
  std::string id = text.str();
  id.erase(id.find_last_not_of(" \t\r\n") + 1);
  if (!isUuid(id)) {
    return makeError("state_corrupt", path +
                                          " does not hold an agent id (a UUID); "
                                          "remove it to register as a new agent");
  }
  return id;
}

Result<std::string> loadOrCreateAgentId(const std::string& state_dir, const Clock& clock) {
  const std::filesystem::path dir(state_dir);
  const std::string path = (dir / "agent_id").string();
  auto existing = loadAgentId(state_dir);
  if (existing || existing.error().code != "not_found") return existing;

  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return unwritable("create directory", state_dir, ec.value());
    // Only the agent reads its state: the id will become a credential at enrollment.
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    if (ec) return unwritable("set permissions on", state_dir, ec.value());
  }
  const std::string id = newUuidV7(clock);
  if (auto written = writePrivateFile(path, id + "\n"); !written) return written.error();
  return id;
}

}  // namespace steward::agent
