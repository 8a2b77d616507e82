#include "agent/cli.h"

namespace steward::agent {
namespace {

Error usage(const std::string& message) { return makeError("usage", message); }

}  // namespace

std::string usageText() {
  return "usage: steward-agent --version\n"
         "       steward-agent inventory [--root DIR]\n"
         "       steward-agent run --config FILE [--health-root DIR] [--set section.key=value]...\n"
         "       steward-agent enroll --collector URL --token TOKEN [--ca FILE | --fingerprint "
         "SHA256]\n"
         "                            [--allow-insecure-http] [--config FILE] [--set "
         "section.key=value]...\n"
         "       steward-agent status [--config FILE] [--set section.key=value]...\n";
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
  } else if (command == "enroll") {
    options.command = CliOptions::Command::Enroll;
  } else if (command == "status") {
    options.command = CliOptions::Command::Status;
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
    } else if (arg == "--health-root" && options.command == CliOptions::Command::Run) {
      if (!(v = value("--health-root"))) return v.error();
      options.health_root = *v;
    } else if (arg == "--config" && options.command != CliOptions::Command::Inventory) {
      if (!(v = value("--config"))) return v.error();
      options.config_path = *v;
    } else if (options.command == CliOptions::Command::Enroll &&
               (arg == "--collector" || arg == "--ca" || arg == "--fingerprint")) {
      if (!(v = value(arg.c_str()))) return v.error();
      const char* key = arg == "--collector" ? "collector.url"
                        : arg == "--ca"      ? "collector.ca_file"
                                             : "collector.fingerprint_sha256";
      options.overrides.push_back(std::string(key) + "=" + *v);
    } else if (options.command == CliOptions::Command::Enroll && arg == "--allow-insecure-http") {
      options.overrides.push_back("collector.allow_insecure_http=true");
    } else if (options.command == CliOptions::Command::Enroll && arg == "--token") {
      if (!(v = value("--token"))) return v.error();
      options.enroll_token = *v;
    } else if (arg == "--set" && options.command != CliOptions::Command::Inventory) {
      if (!(v = value("--set"))) return v.error();
      options.overrides.push_back(*v);
    } else {
      return usage("unknown option '" + arg + "' for " + command);
    }
  }
  if (options.command == CliOptions::Command::Run && options.config_path.empty()) {
    return usage("run needs --config FILE");
  }
  if (options.command == CliOptions::Command::Enroll && options.enroll_token.empty()) {
    return usage("enroll needs --token TOKEN (the site enrollment token)");
  }
  return options;
}

}  // namespace steward::agent
