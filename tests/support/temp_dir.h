#pragma once

#include <filesystem>
#include <string>

namespace steward::testing {

// A fresh directory under the system temp dir, removed with everything in it when
// the object goes away. Each test makes its own.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes `content` to `relative` (creating parent directories); returns the path.
  std::string write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// Reads a whole file; "" if it cannot be read.
std::string readFile(const std::string& path);

// The root of the committed test fixtures (tests/fixtures).
std::string fixturesDir();

}  // namespace steward::testing
