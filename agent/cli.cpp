#include "agent/cli.h"

namespace steward::agent {
namespace {

Error usage(const std::string& message) { return makeError("usage", message); }

}  // namespace

std::string usageText() {
  return "usage: steward-agent --version\n"
         "       steward-agent inventory [--root DIR]\n"
         "       steward-agent run --config FILE [--set section.key=value]...\n";
}

Result<CliOptions> parseCommandLine(const std::vector<std::string>& args) {
  CliOptions options;
  if (args.empty()) return usage("missing command");
  const std::string& command = args[0];
  if (command == "--version" || command == "version") {
    if (args.size() > 1) return usage("--version takes no arguments");
    options.command = CliOptions::Command::Version;
    return options;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    options.command = CliOptions::Command::Help;
    return options;
  }
  if (command == "inventory") {
    options.command = CliOptions::Command::Inventory;
  } else if (command == "run") {
    options.command = CliOptions::Command::Run;
  } else {
    return usage("unknown command '" + command + "'");
  }

  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto value = [&](const char* flag) -> Result<std::string> {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        return usage(std::string(flag) + " needs a value");
      }
      return args[++i];
    };
    Result<std::string> v = std::string();
    if (arg == "--root" && options.command == CliOptions::Command::Inventory) {
      if (!(v = value("--root"))) return v.error();
      options.root = *v;
    } else if (arg == "--config" && options.command == CliOptions::Command::Run) {
      if (!(v = value("--config"))) return v.error();
      options.config_path = *v;
    } else if (arg == "--set" && options.command == CliOptions::Command::Run) {
      if (!(v = value("--set"))) return v.error();
      options.overrides.push_back(*v);
    } else {
      return usage("unknown option '" + arg + "' for " + command);
    }
  }
  if (options.command == CliOptions::Command::Run && options.config_path.empty()) {
    return usage("run needs --config FILE");
  }
  return options;
}

}  // namespace steward::agent
