#pragma once

// FsRoot: the only way agent code reads the host's files (/proc, /sys, /etc, /var).
// Paths are absolute as on a real machine ("/proc/cpuinfo") and are resolved under a
// root directory: "/" in production, a fixture tree captured from a real machine in
// tests. Methods are virtual so a test can inject failures a fixture tree cannot show
// (permission denied while running as root, statvfs numbers).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/common/result.h"

namespace steward::agent {

// Filesystem capacity as statvfs(3) reports it, in bytes and inodes.
struct FsStats {
  std::uint64_t total_bytes = 0;
  std::uint64_t free_bytes = 0;       // free for root
  std::uint64_t available_bytes = 0;  // free for unprivileged users
  std::uint64_t total_inodes = 0;
  std::uint64_t free_inodes = 0;
  bool read_only = false;  // ST_RDONLY: the mount or its superblock is read-only
};

class FsRoot {
 public:
  // Most files under /proc and /sys are a few bytes; callers reading big files
  // (the dpkg status database) pass a larger cap.
  static constexpr std::size_t kDefaultMaxBytes = 1024 * 1024;

  explicit FsRoot(std::filesystem::path root);
  virtual ~FsRoot() = default;

  // The whole file. Errors (Error::code): "not_found", "permission_denied",
  // "too_large" (more than max_bytes), "invalid_path" (relative or with ".."),
  // "io_error". Works for /proc files whose stat size is 0.
  virtual Result<std::string> readFile(std::string_view path,
                                       std::size_t max_bytes = kDefaultMaxBytes) const;
  // Entry names in `path` (not "." or ".."), sorted. Same error codes as readFile.
  virtual Result<std::vector<std::string>> listDirectory(std::string_view path) const;
  // True when `path` exists (following symlinks).
  virtual bool exists(std::string_view path) const;
  // Target of the symlink at `path`, as stored in the link.
  virtual Result<std::string> readLink(std::string_view path) const;
  // Capacity of the filesystem holding `path`.
  virtual Result<FsStats> statvfs(std::string_view path) const;
  // Last modification time of `path`, seconds since the Unix epoch (UTC).
  virtual Result<std::int64_t> modifiedTime(std::string_view path) const;
  // Streams `path` in chunks of at most 16 KiB, so a large file is never held whole.
  // `on_chunk` returns false to stop early. Same error codes as readFile, "too_large"
  // once more than max_bytes have been read.
  virtual Result<void> readChunks(std::string_view path,
                                  const std::function<bool(std::string_view)>& on_chunk,
                                  std::size_t max_bytes = 64 * 1024 * 1024) const;
  // readChunks split into lines (without the '\n'; a final line without one is
  // included). A line longer than kMaxLineBytes is passed cut short.
  static constexpr std::size_t kMaxLineBytes = 4096;
  Result<void> forEachLine(std::string_view path,
                           const std::function<bool(std::string_view)>& on_line,
                           std::size_t max_bytes = 64 * 1024 * 1024) const;
  // Where `path` lives on the host, for a library that opens files itself (SQLite);
  // "invalid_path" as readFile.
  Result<std::filesystem::path> hostPath(std::string_view path) const { return resolve(path); }

  const std::filesystem::path& root() const { return root_; }

 protected:
  // `path` mapped under the root, or an "invalid_path" error.
  Result<std::filesystem::path> resolve(std::string_view path) const;

 private:
  std::filesystem::path root_;
};

}  // namespace steward::agent
