#pragma once

#include "agent/platform/command_runner.h"

namespace steward::agent {

// posix_spawn(3) without a shell: stderr on /dev/null, stdin from `input` (or
// /dev/null), stdout through a pipe read with poll(2) until the deadline, a fixed environment
// (LC_ALL=C so the output is parseable, no pager, no colours). A program that overruns its deadline
// or output cap is killed with SIGKILL and reaped, never left behind.
class SpawnCommandRunner final : public CommandRunner {
 public:
  Result<CommandOutput> run(const std::vector<std::string>& argv, CommandLimits limits,
                            std::string_view input = {}) const override;
  bool executable(const std::string& path) const override;
};

}  // namespace steward::agent
