#pragma once

// CommandRunner: the only way agent code runs another program (systemctl, smartctl).
// The real one spawns the program directly (no shell), with a deadline and a cap on
// the output it keeps; tests hand collectors a fake that answers from fixtures.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shared/common/result.h"

namespace steward::agent {

struct CommandOutput {
  int exit_code = 0;   // the program's exit status (smartctl's is a bit mask)
  std::string output;  // what it wrote to stdout; stderr is discarded
};

struct CommandLimits {
  std::chrono::milliseconds timeout{5000};
  std::size_t max_output_bytes = 4 * 1024 * 1024;
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // Runs argv[0] (an absolute path) with argv[1..], `input` on its stdin (empty:
  // /dev/null). Errors (Error::code):
  // "not_found" (no such executable), "spawn_failed", "timeout" (killed after
  // limits.timeout), "output_too_large" (killed after max_output_bytes),
  // "killed" (ended by a signal). A non-zero exit status is not an error.
  virtual Result<CommandOutput> run(const std::vector<std::string>& argv, CommandLimits limits,
                                    std::string_view input = {}) const = 0;
  // True when `path` is an executable file this runner could start.
  virtual bool executable(const std::string& path) const = 0;
};

}  // namespace steward::agent
