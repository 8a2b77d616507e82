#include "server/cli.h"

namespace steward::server {

Result<CommandLine> parseCommandLine(const std::vector<std::string>& args) {
  CommandLine cl;
  std::size_t first = 0;
  if (!args.empty() && args[0] == "user") {
    if (args.size() < 2 || (args[1] != "add" && args[1] != "token")) {
      return makeError("usage", "user needs a subcommand: add or token");
    }
    cl.command = args[1] == "add" ? Command::UserAdd : Command::UserToken;
    first = 2;
  }
  const bool user_command = cl.command != Command::Serve;
  for (std::size_t i = first; i < args.size(); ++i) {
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
    } else if (user_command && is("--name")) {
      auto value = valueOf("--name");
      if (!value) return value.error();
      cl.user_name = *value;
    } else if (cl.command == Command::UserAdd && is("--role")) {
      auto value = valueOf("--role");
      if (!value) return value.error();
      cl.role = *value;
    } else if (cl.command == Command::UserAdd && is("--display-name")) {
      auto value = valueOf("--display-name");
      if (!value) return value.error();
      cl.display_name = *value;
    } else if (cl.command == Command::UserAdd && arg == "--password-stdin") {
      cl.password_stdin = true;
    } else if (cl.command == Command::UserAdd && is("--password-file")) {
      auto value = valueOf("--password-file");
      if (!value) return value.error();
      cl.password_file = *value;
    } else if (cl.command == Command::UserToken && is("--label")) {
      auto value = valueOf("--label");
      if (!value) return value.error();
      cl.label = *value;
    } else {
      return makeError("usage", "unknown argument '" + arg + "'");
    }
  }
  if (cl.config_path.empty() && !cl.show_version && !cl.show_help) {
    return makeError("usage", "--config FILE is required");
  }
  if (user_command && cl.user_name.empty()) return makeError("usage", "--name NAME is required");
  if (cl.command == Command::UserAdd && cl.role.empty()) {
    return makeError("usage", "--role is required (admin, technician, requester or viewer)");
  }
  if (cl.password_stdin && !cl.password_file.empty()) {
    return makeError("usage", "--password-stdin and --password-file exclude each other");
  }
  return cl;
}

std::string usageText() {
  return "usage: steward-server --config FILE [--set section.key=value]...\n"
         "       steward-server user add --config FILE --name NAME --role ROLE\n"
         "                      [--display-name TEXT] [--password-stdin | --password-file FILE]\n"
         "       steward-server user token --config FILE --name NAME [--label TEXT]\n"
         "       steward-server --version\n"
         "roles: admin, technician, requester, viewer. user add prints a generated password\n"
         "(or writes it to --password-file, mode 0600); user token prints a new API token.\n";
}

}  // namespace steward::server
