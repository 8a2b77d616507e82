#include "agent/platform/fs_root.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace steward::agent {
namespace {

Error errnoError(int err, std::string_view what, const std::filesystem::path& full) {
  const std::string where = std::string(what) + " " + full.string() + ": " + std::strerror(err);
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return makeError("not_found", where);
    case EACCES:
    case EPERM:
      return makeError("permission_denied", where);
    default:
      return makeError("io_error", where);
  }
}

// Closes a file descriptor on scope exit.
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

FsRoot::FsRoot(std::filesystem::path root) : root_(std::move(root)) {}

Result<std::filesystem::path> FsRoot::resolve(std::string_view path) const {
  const std::filesystem::path p(path);
  if (!p.is_absolute()) {
    return makeError("invalid_path", "path '" + std::string(path) + "' is not absolute");
  }
  for (const auto& part : p) {
    if (part == "..") {
      return makeError("invalid_path", "path '" + std::string(path) + "' contains '..'");
    }
  }
  if (root_ == "/") return p;
  return root_ / p.relative_path();
}

Result<std::string> FsRoot::readFile(std::string_view path, std::size_t max_bytes) const {
  auto full = resolve(path);
  if (!full) return full.error();
  const int fd = ::open(full->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errnoError(errno, "cannot open", *full);
  FdCloser closer{fd};
  std::string content;
  char buffer[16 * 1024];
  // Read until EOF rather than trusting st_size: /proc and /sys files report 0 or 4096.
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errnoError(errno, "cannot read", *full);
    }
    if (n == 0) break;
    if (content.size() + static_cast<std::size_t>(n) > max_bytes) {
      return makeError("too_large",
                       full->string() + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
    content.append(buffer, static_cast<std::size_t>(n));
  }
  return content;
}

Result<std::vector<std::string>> FsRoot::listDirectory(std::string_view path) const {
  auto full = resolve(path);
  if (!full) return full.error();
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(full->c_str()), &::closedir);
  if (!dir) return errnoError(errno, "cannot list", *full);
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(dir.get())) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool FsRoot::exists(std::string_view path) const {
  auto full = resolve(path);
  return full && ::access(full->c_str(), F_OK) == 0;
}

Result<std::string> FsRoot::readLink(std::string_view path) const {
  auto full = resolve(path);
  if (!full) return full.error();
  std::error_code ec;
  const auto target = std::filesystem::read_symlink(*full, ec);
  if (ec) return errnoError(ec.value(), "cannot read link", *full);
  return target.string();
}

Result<FsStats> FsRoot::statvfs(std::string_view path) const {
  auto full = resolve(path);
  if (!full) return full.error();
  struct statvfs st {};
  if (::statvfs(full->c_str(), &st) != 0) return errnoError(errno, "cannot statvfs", *full);
  const std::uint64_t unit = st.f_frsize != 0 ? st.f_frsize : st.f_bsize;
  FsStats stats;
  stats.total_bytes = static_cast<std::uint64_t>(st.f_blocks) * unit;
  stats.free_bytes = static_cast<std::uint64_t>(st.f_bfree) * unit;
  stats.available_bytes = static_cast<std::uint64_t>(st.f_bavail) * unit;
  stats.total_inodes = st.f_files;
  stats.free_inodes = st.f_ffree;
  stats.read_only = (st.f_flag & ST_RDONLY) != 0;
  return stats;
}

Result<std::int64_t> FsRoot::modifiedTime(std::string_view path) const {
  auto full = resolve(path);
  if (!full) return full.error();
  struct stat st {};
  if (::stat(full->c_str(), &st) != 0) return errnoError(errno, "cannot stat", *full);
  return static_cast<std::int64_t>(st.st_mtim.tv_sec);
}

Result<void> FsRoot::readChunks(std::string_view path,
                                const std::function<bool(std::string_view)>& on_chunk,
                                std::size_t max_bytes) const {
  auto full = resolve(path);
  if (!full) return full.error();
  const int fd = ::open(full->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errnoError(errno, "cannot open", *full);
  FdCloser closer{fd};
  std::size_t total = 0;
  char buffer[16 * 1024];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errnoError(errno, "cannot read", *full);
    }
    if (n == 0) return {};
    total += static_cast<std::size_t>(n);
    if (total > max_bytes) {
      return makeError("too_large",
                       full->string() + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
    if (!on_chunk(std::string_view(buffer, static_cast<std::size_t>(n)))) return {};
  }
}

Result<void> FsRoot::forEachLine(std::string_view path,
                                 const std::function<bool(std::string_view)>& on_line,
                                 std::size_t max_bytes) const {
  std::string line;
  bool overlong = false;  // this line was already passed on, cut short
  bool stopped = false;
  auto read = readChunks(
      path,
      [&](std::string_view chunk) {
        while (!chunk.empty()) {
          const std::size_t newline = chunk.find('\n');
          if (!overlong) {
            line.append(chunk.substr(0, newline).substr(0, kMaxLineBytes - line.size()));
          }
          if (newline == std::string_view::npos) {
            if (!overlong && line.size() >= kMaxLineBytes) {
              overlong = true;
              if (!on_line(line)) return !(stopped = true);
            }
            return true;
          }
          if (!overlong && !on_line(line)) return !(stopped = true);
          line.clear();
          overlong = false;
          chunk.remove_prefix(newline + 1);
        }
        return true;
      },
      max_bytes);
  if (!read) return read.error();
  if (!stopped && !overlong && !line.empty()) on_line(line);
  return {};
}

}  // namespace steward::agent
