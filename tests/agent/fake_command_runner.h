#pragma once

// A scripted CommandRunner: answers a command line (argv joined by spaces) with a
// canned output or error, records every command, and claims only the executables it
// was told about. Commands without an answer fail with "not_found".

#include <map>
#include <string>
#include <vector>

#include "agent/platform/command_runner.h"
#include "tests/support/temp_dir.h"

namespace steward::agent::testing {

class FakeCommandRunner final : public CommandRunner {
 public:
  void install(const std::string& path) { executables_.push_back(path); }
  void answer(const std::string& command_line, std::string output, int exit_code = 0) {
    answers_.insert_or_assign(command_line,
                              Result<CommandOutput>(CommandOutput{exit_code, std::move(output)}));
  }
  void fail(const std::string& command_line, std::string code) {
    answers_.insert_or_assign(command_line,
                              Result<CommandOutput>(makeError(code, command_line + ": " + code)));
  }

  Result<CommandOutput> run(const std::vector<std::string>& argv, CommandLimits limits,
                            std::string_view /*input*/ = {}) const override {
    std::string line;
    for (const auto& a : argv) line += (line.empty() ? "" : " ") + a;
    calls.push_back(line);
    last_limits = limits;
    const auto it = answers_.find(line);
    if (it == answers_.end()) return makeError("not_found", "no answer for " + line);
    return it->second;
  }
  bool executable(const std::string& path) const override {
    for (const auto& e : executables_) {
      if (e == path) return true;
    }
    return false;
  }

  mutable std::vector<std::string> calls;
  mutable CommandLimits last_limits;

 private:
  std::vector<std::string> executables_;
  std::map<std::string, Result<CommandOutput>> answers_;
};

// The text of a file under tests/fixtures.
inline std::string fixtureText(const std::string& relative) {
  return steward::testing::readFile(std::string(STEWARD_FIXTURES_DIR) + "/" + relative);
}

}  // namespace steward::agent::testing
