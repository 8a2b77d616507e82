#pragma once

// Command line of steward-agent (parsing only; main.cpp acts on the result):
//   steward-agent --version
//   steward-agent inventory [--root DIR]
//   steward-agent run --config FILE [--set section.key=value]...

#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::agent {

struct CliOptions {
  enum class Command { Version, Help, Inventory, Run };
  Command command = Command::Help;
  std::string root = "/";              // inventory: filesystem root to read
  std::string config_path;             // run: required
  std::vector<std::string> overrides;  // run: "section.key=value"
};

// `args` excludes the program name. An Error ("usage") says what is wrong in one line.
Result<CliOptions> parseCommandLine(const std::vector<std::string>& args);

// The usage text printed by --help and after a usage error.
std::string usageText();

}  // namespace steward::agent
