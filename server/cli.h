#pragma once

// steward-server's command line. Flags only choose the config file and override its
// keys; everything else lives in the config.

#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::server {

struct CommandLine {
  std::string config_path;             // --config FILE
  std::vector<std::string> overrides;  // --set section.key=value, in order
  bool show_version = false;           // --version
  bool show_help = false;              // --help
};

// Parses argv[1..]. Errors ("usage") name the offending argument; --config is
// required unless --version or --help is given.
Result<CommandLine> parseCommandLine(const std::vector<std::string>& args);

std::string usageText();

}  // namespace steward::server
