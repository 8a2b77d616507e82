#pragma once

// steward-server's command line. Flags only choose the config file and override its
// keys; everything else lives in the config.

#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::server {

// What to do: serve (the default), or manage users without a running server.
enum class Command { Serve, UserAdd, UserToken };

struct CommandLine {
  Command command = Command::Serve;
  std::string config_path;             // --config FILE
  std::vector<std::string> overrides;  // --set section.key=value, in order
  bool show_version = false;           // --version
  bool show_help = false;              // --help
  // user add / user token
  std::string user_name;        // --name
  std::string role;             // --role (user add)
  std::string display_name;     // --display-name (user add)
  bool password_stdin = false;  // --password-stdin (user add): read it, don't generate
  std::string password_file;    // --password-file FILE (user add): write it there, 0600
  std::string label;            // --label (user token)
};

// Parses argv[1..]: "[--config F ...]" serves; "user add --config F --name N --role R
// [--display-name D] [--password-stdin | --password-file P]" and "user token --config F
// --name N [--label L]" manage users. Errors ("usage") name the offending argument;
// --config is required unless --version or --help is given.
Result<CommandLine> parseCommandLine(const std::vector<std::string>& args);

std::string usageText();

}  // namespace steward::server
