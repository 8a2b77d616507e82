#include "collector/cli.h"

namespace steward::collector {

std::string usageText() {
  return "usage: steward-collector --config FILE [--set section.key=value]...\n"
         "       steward-collector --version\n"
         "       steward-collector --hash-password < password-file\n";
}

Result<CommandLine> parseCommandLine(const std::vector<std::string>& args) {
  CommandLine cl;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--version") {
      cl.show_version = true;
    } else if (arg == "--hash-password") {
      cl.hash_password = true;
    } else if (arg == "--help" || arg == "-h") {
      cl.show_help = true;
    } else if (arg == "--config" || arg == "--set") {
      if (i + 1 >= args.size()) return makeError("usage", arg + " needs a value");
      const std::string& value = args[++i];
      if (arg == "--config") {
        cl.config_path = value;
      } else {
        cl.overrides.push_back(value);
      }
    } else if (arg.rfind("--config=", 0) == 0) {
      cl.config_path = arg.substr(9);
    } else if (arg.rfind("--set=", 0) == 0) {
      cl.overrides.push_back(arg.substr(6));
    } else {
      return makeError("usage", "unknown argument '" + arg + "'");
    }
  }
  if (!cl.show_version && !cl.show_help && !cl.hash_password && cl.config_path.empty()) {
    return makeError("usage", "--config FILE is required");
  }
  return cl;
}

}  // namespace steward::collector
