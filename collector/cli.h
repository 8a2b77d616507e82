#pragma once

// Command line of steward-collector: it only chooses the config file and overrides keys.
//   steward-collector --config FILE [--set section.key=value]...
//   steward-collector --version | --help
//   steward-collector --hash-password   (reads a password on stdin, prints its hash)

#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::collector {

struct CommandLine {
  std::string config_path;
  std::vector<std::string> overrides;  // "section.key=value", applied in order
  bool show_version = false;
  bool show_help = false;
  bool hash_password = false;
};

// Parses argv[1..]; an unknown flag, a missing value or a missing --config is an Error.
Result<CommandLine> parseCommandLine(const std::vector<std::string>& args);

std::string usageText();

}  // namespace steward::collector
