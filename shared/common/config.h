#pragma once

// INI configuration (Poco::Util) read into one typed, validated struct per binary.
// IniConfig is the untyped layer: it loads a file, applies "section.key=value"
// overrides from the command line and hands out typed values whose errors name the
// file and key.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward {

class IniConfig {
 public:
  // Loads `path`; a missing or unreadable file is an error naming it.
  static Result<IniConfig> load(const std::string& path);
  // An empty configuration (every key takes its default), for tests and defaults.
  static IniConfig empty();

  // Applies "section.key=value" overrides; a malformed one is an error.
  Result<void> applyOverrides(const std::vector<std::string>& overrides);

  std::string getString(const std::string& key, const std::string& fallback) const;
  Result<std::int64_t> getInt(const std::string& key, std::int64_t fallback, std::int64_t min,
                              std::int64_t max) const;
  Result<bool> getBool(const std::string& key, bool fallback) const;
  bool has(const std::string& key) const;
  const std::string& source() const { return source_; }

 private:
  struct Store;
  IniConfig(std::shared_ptr<Store> store, std::string source);
  std::shared_ptr<Store> store_;
  std::string source_;
};

}  // namespace steward
