#include "server/cli.h"

namespace steward::server {

Result<CommandLine> parseCommandLine(const std::vector<std::string>& args) {
  CommandLine cl;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    // Accepts both "--flag value" and "--flag=value".
    const auto valueOf = [&](const std::string& flag) -> Result<std::string> {
      if (arg.size() > flag.size() && arg.compare(0, flag.size() + 1, flag + "=") == 0) {
        return arg.substr(flag.size() + 1);
      }
      if (i + 1 >= args.size()) return makeError("usage", flag + " needs a value");
      return args[++i];
    };
    const auto is = [&](const std::string& flag) {
      return arg == flag || arg.rfind(flag + "=", 0) == 0;
    };

    if (arg == "--version") {
      cl.show_version = true;
    } else if (arg == "--help" || arg == "-h") {
      cl.show_help = true;
    } else if (is("--config")) {
      auto value = valueOf("--config");
      if (!value) return value.error();
      cl.config_path = *value;
    } else if (is("--set")) {
      auto value = valueOf("--set");
      if (!value) return value.error();
      cl.overrides.push_back(*value);
    } else {
      return makeError("usage", "unknown argument '" + arg + "'");
    }
  }
  if (cl.config_path.empty() && !cl.show_version && !cl.show_help) {
    return makeError("usage", "--config FILE is required");
  }
  return cl;
}

std::string usageText() {
  return "usage: steward-server --config FILE [--set section.key=value]...\n"
         "       steward-server --version\n";
}

}  // namespace steward::server
