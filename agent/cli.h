#pragma once

// Command line of steward-agent (parsing only; main.cpp acts on the result):
//   steward-agent --version
//   steward-agent inventory [--root DIR]
//   steward-agent run --config FILE [--set section.key=value]...
//   steward-agent enroll --collector URL --token TOKEN [--ca FILE | --fingerprint SHA256]
//                        [--allow-insecure-http] [--config FILE] [--set section.key=value]...
//   steward-agent status [--config FILE] [--set section.key=value]...

#include <string>
#include <vector>

#include "shared/common/result.h"

namespace steward::agent {

struct CliOptions {
  enum class Command { Version, Help, Inventory, Run, Enroll, Status };
  Command command = Command::Help;
  std::string root = "/";              // inventory: filesystem root to read
  // run: root the health sampler reads /proc and statvfs under (a fixture tree in
  // tests: its proc/mounts names the mount points, statvfs runs under the root).
  std::string health_root = "/";
  std::string config_path;             // run: required
  std::vector<std::string> overrides;  // run, enroll, status: "section.key=value"
  // enroll: become collector.url / ca_file / fingerprint_sha256 / allow_insecure_http
  // overrides, so the agent's config and the command line agree.
  std::string enroll_token;
};

// `args` excludes the program name. An Error ("usage") says what is wrong in one line.
Result<CliOptions> parseCommandLine(const std::vector<std::string>& args);

// The usage text printed by --help and after a usage error.
std::string usageText();

}  // namespace steward::agent
