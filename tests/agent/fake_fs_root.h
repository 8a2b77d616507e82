#pragma once

// An FsRoot over a real directory tree that can also pretend: refuse chosen paths
// with "permission_denied" (tests run as root, where chmod 000 stops nothing) and
// answer statvfs with fixed numbers (a fixture tree's real statvfs would report the
// test machine's disk).

#include <map>
#include <set>
#include <string>

#include "agent/platform/fs_root.h"

namespace steward::agent::testing {

class FakeFsRoot final : public FsRoot {
 public:
  using FsRoot::FsRoot;

  void deny(const std::string& path) { denied_.insert(path); }
  void setStats(const std::string& mount_point, FsStats stats) { stats_[mount_point] = stats; }

  Result<std::string> readFile(std::string_view path, std::size_t max_bytes) const override {
    if (denied_.count(std::string(path)) != 0) {
      return makeError("permission_denied", "cannot open " + std::string(path));
    }
    return FsRoot::readFile(path, max_bytes);
  }
  Result<void> readChunks(std::string_view path,
                          const std::function<bool(std::string_view)>& on_chunk,
                          std::size_t max_bytes) const override {
    if (denied_.count(std::string(path)) != 0) {
      return makeError("permission_denied", "cannot open " + std::string(path));
    }
    return FsRoot::readChunks(path, on_chunk, max_bytes);
  }
  Result<std::int64_t> modifiedTime(std::string_view path) const override {
    if (denied_.count(std::string(path)) != 0) {
      return makeError("permission_denied", "cannot stat " + std::string(path));
    }
    return FsRoot::modifiedTime(path);
  }
  Result<FsStats> statvfs(std::string_view path) const override {
    const auto it = stats_.find(std::string(path));
    if (it == stats_.end()) return makeError("not_found", "no stats for " + std::string(path));
    return it->second;
  }

 private:
  std::set<std::string> denied_;
  std::map<std::string, FsStats> stats_;
};

}  // namespace steward::agent::testing
